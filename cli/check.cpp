#include <iostream>

#include "analyzer/output/output.h"
#include "cli/commands.h"

namespace miglint {

int run_check(const CommonOptions& o) {
  const AnalysisOptions a = analysis_options(o);
  const AnalysisResult r = analyze(a);
  const auto format = parse_format(o.format);
  if (!format) throw UsageError("format `" + o.format + "` is not available for check");
  OutputOptions out;
  out.color = use_color(o.color);
  write_report(std::cout, *format, r, out);
  std::cout.flush();
  return exit_code_for(r, o.fail_on);
}

}  // namespace miglint
