// `--format lsp`: an array of PublishDiagnosticsParams, one per file (clean
// files included, with no diagnostics, so a client can clear stale ones).
#include <map>

#include <nlohmann/json.hpp>

#include "analyzer/output/links.h"
#include "analyzer/output/output.h"
#include "analyzer/output/report_sources.h"

namespace miglint {

void write_lsp(std::ostream& out, const AnalysisResult& result) {
  const ReportSources sources(result);
  std::map<std::string, nlohmann::json> by_file;
  for (const auto& p : sources.paths()) by_file[p] = nlohmann::json::array();
  const SourceLookup lookup = [&](const std::string& p) { return sources.find(p); };
  for (const auto& d : result.diagnostics)
    by_file[d.span.path].push_back(lsp_diagnostic(d, PositionEncoding::Utf16, lookup));
  nlohmann::json params = nlohmann::json::array();
  for (auto& [path, diags] : by_file) params.push_back({{"uri", file_uri(path)}, {"diagnostics", std::move(diags)}});
  out << params.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace miglint
