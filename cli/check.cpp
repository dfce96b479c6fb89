#include <iostream>

#include "analyzer/output/output.h"
#include "analyzer/diag/baseline.h"
#include "analyzer/source/display_path.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace miglint {

const AnalysisResult* parked_result = nullptr;

int run_check(const CommonOptions& o) {
  const WorkingDirectoryPin cwd_pin;  // for the analysis and the report
  const auto format = parse_format(o.format);
  if (!format) throw UsageError("format `" + o.format + "` is not available for check");
  AnalysisOptions a = analysis_options(o);
  a.release_syntax = true;                   // nothing reads the syntax trees after the analysis
  a.compact_findings = true;                 // reports read them once, in order
  a.keep_effects = *format == Format::Json;  // the only report that lists them
  a.keep_schema = false;                     // no report prints the final schema
  if ((o.fix || o.diff) && o.write_baseline.empty()) return run_fix(o, *format, a);
  AnalysisResult r = analyze(a);
  apply_baselines(o, a, r);
  // Writing a baseline is the whole job: one line said, success.
  if (!o.write_baseline.empty()) return 0;
  OutputOptions out;
  out.color = use_color(o.color);
  write_report(std::cout, *format, r, out);
  std::cout.flush();
  const int code = exit_code_for(r, o.fail_on);
  // The process ends next: parking the result in a holder that is never freed
  // skips tearing down every syntax tree and schema object, a sizeable share
  // of a short run. The holder has external linkage, so the store is kept and
  // the memory stays reachable (leak checkers stay quiet).
  parked_result = new AnalysisResult(std::move(r));
  return code;
}

}  // namespace miglint
