#include "analyzer/output/output.h"

namespace miglint {

std::optional<Format> parse_format(std::string_view s) {
  if (s == "human") return Format::Human;
  if (s == "json") return Format::Json;
  if (s == "gcc") return Format::Gcc;
  if (s == "sarif") return Format::Sarif;
  if (s == "github") return Format::Github;
  if (s == "gitlab") return Format::Gitlab;
  if (s == "junit") return Format::Junit;
  if (s == "lsp") return Format::Lsp;
  return std::nullopt;
}

void write_report(std::ostream& out, Format format, const AnalysisResult& result, const OutputOptions& options) {
  switch (format) {
    case Format::Human: write_human(out, result, options); return;
    case Format::Json: write_json(out, result); return;
    case Format::Gcc: write_gcc(out, result, options); return;
    case Format::Sarif: write_sarif(out, result); return;
    case Format::Github: write_github(out, result); return;
    case Format::Gitlab: write_gitlab(out, result); return;
    case Format::Junit: write_junit(out, result); return;
    case Format::Lsp: write_lsp(out, result); return;
    default: write_json(out, result); return;
  }
}

}  // namespace miglint
