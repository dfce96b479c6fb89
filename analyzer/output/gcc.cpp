#include "analyzer/output/links.h"
#include "analyzer/output/output.h"

namespace miglint {

// As GCC does on a terminal (-fdiagnostics-urls), the bracketed rule id is an
// OSC 8 hyperlink to its page when colour is on; the line is unchanged for
// the tools that parse it.
void write_gcc(std::ostream& out, const AnalysisResult& result, const OutputOptions& options) {
  for (const auto& d : result.diagnostics) {
    out << d.span.path << ':' << d.span.start.line << ':' << d.span.start.column << ": " << severity_name(d.severity)
        << ": " << d.message << " [";
    if (options.color) out << terminal_link(rule_doc_url(d.rule), d.rule);
    else out << d.rule;
    out << "]\n";
  }
}

}  // namespace miglint
