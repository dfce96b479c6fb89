#include "analyzer/output/output.h"

namespace miglint {

void write_gcc(std::ostream& out, const AnalysisResult& result) {
  for (const auto& d : result.diagnostics)
    out << d.span.path << ':' << d.span.start.line << ':' << d.span.start.column << ": " << severity_name(d.severity)
        << ": " << d.message << " [" << d.rule << "]\n";
}

}  // namespace miglint
