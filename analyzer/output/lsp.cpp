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
  FileFindings files(result, sources);
  const SourceLookup lookup = [&](const std::string& p) { return sources.find(p); };
  // One file's parameters at a time: a large folder has hundreds of thousands of findings.
  std::string path;
  std::vector<Diagnostic> found;
  const auto params = [&](size_t) {
    files.next(path, found);
    nlohmann::json diags = nlohmann::json::array();
    for (const Diagnostic& d : found) diags.push_back(lsp_diagnostic(d, PositionEncoding::Utf16, lookup));
    const nlohmann::json p = {{"uri", file_uri(path)}, {"diagnostics", std::move(diags)}};
    return json_text(p);
  };
  write_json_streamed(out, json_text(nlohmann::json(json_slot("params"))), {{"params", files.files(), params}});
  out << '\n';
}

}  // namespace miglint
