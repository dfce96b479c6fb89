// `--format lsp`: an array of PublishDiagnosticsParams, one per file (clean
// files included, with no diagnostics, so a client can clear stale ones).
#include <map>

#include <nlohmann/json.hpp>

#include "analyzer/output/json_stream.h"
#include "analyzer/output/links.h"
#include "analyzer/output/output.h"
#include "analyzer/output/report_sources.h"

namespace miglint {

void write_lsp(std::ostream& out, const AnalysisResult& result) {
  const ReportSources sources(result);
  // Copies: compressed findings are decoded a block at a time, so a
  // reference into them lasts only until the next block.
  std::map<std::string, std::vector<Diagnostic>> by_file;
  for (const auto& p : sources.paths()) by_file[p];
  for (const auto& d : result.diagnostics) by_file[d.span.path].push_back(d);
  const SourceLookup lookup = [&](const std::string& p) { return sources.find(p); };
  // One file's parameters at a time: a large folder has hundreds of thousands of findings.
  auto file = by_file.begin();
  const auto params = [&](size_t) {
    nlohmann::json diags = nlohmann::json::array();
    for (const Diagnostic& d : file->second) diags.push_back(lsp_diagnostic(d, PositionEncoding::Utf16, lookup));
    const nlohmann::json p = {{"uri", file_uri(file->first)}, {"diagnostics", std::move(diags)}};
    ++file;
    return json_text(p);
  };
  write_json_streamed(out, json_text(nlohmann::json(json_slot("params"))), {{"params", by_file.size(), params}});
  out << '\n';
}

}  // namespace miglint
