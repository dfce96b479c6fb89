// Output formats. Every format reads the same AnalysisResult.
#pragma once
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "analyzer/engine/runner.h"

namespace miglint {

enum class Format { Human, Json, Gcc, Sarif, Github, Gitlab, Junit, Lsp };
std::optional<Format> parse_format(std::string_view s);

struct OutputOptions {
  bool color = false;
  // Human output: the heading of a finding's group, printed whenever it
  // changes (the audit groups findings by migration); none when unset.
  std::function<std::string(const Diagnostic&)> group;
};

void write_report(std::ostream& out, Format format, const AnalysisResult& result, const OutputOptions& options);

// Individual formats.
void write_human(std::ostream& out, const AnalysisResult& result, const OutputOptions& options);
void write_json(std::ostream& out, const AnalysisResult& result);
void write_gcc(std::ostream& out, const AnalysisResult& result, const OutputOptions& options);
void write_sarif(std::ostream& out, const AnalysisResult& result);
void write_github(std::ostream& out, const AnalysisResult& result);
void write_gitlab(std::ostream& out, const AnalysisResult& result);
void write_junit(std::ostream& out, const AnalysisResult& result);
void write_lsp(std::ostream& out, const AnalysisResult& result);

}  // namespace miglint
