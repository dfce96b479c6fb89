// `miglint audit`: what check finds, plus the whole-folder report.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>

#include "analyzer/diag/baseline.h"
#include "analyzer/output/output.h"
#include "analyzer/report/audit.h"
#include "analyzer/source/display_path.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/progress.h"

namespace miglint {

int run_audit(const CommonOptions& o) {
  const WorkingDirectoryPin cwd_pin;  // for the analysis and the report
  enum class Kind { Human, Markdown, Html, Json };
  Kind kind;
  if (o.format == "human") kind = Kind::Human;
  else if (o.format == "markdown") kind = Kind::Markdown;
  else if (o.format == "html") kind = Kind::Html;
  else if (o.format == "json") kind = Kind::Json;
  else throw UsageError("format `" + o.format + "` is not available for audit (human, markdown, html, json)");

  AnalysisOptions a = analysis_options(o);
  a.release_syntax = true;    // nothing reads the syntax trees after the analysis
  a.compact_findings = true;  // reports read them once, in order
  // The JSON report lists every migration's effects; the others summarise them.
  a.keep_effects = kind == Kind::Json;
  a.effect_summaries = true;
  a.keep_schema = false;  // no report prints the final schema
  AnalysisResult r;
  {
    AnalysisProgress work;
    a.progress = &work;
    const Progress progress(work, "auditing");
    r = analyze(a);
    a.progress = nullptr;
  }
  // Baselines behave exactly as in check: the report counts what check prints.
  apply_baselines(o, a, r);
  if (!o.write_baseline.empty()) return 0;  // as in check

  const report::AuditReport rep = report::build_audit(r);
  switch (kind) {
    case Kind::Human: report::write_audit_human(std::cout, r, rep, use_color(o.color)); break;
    case Kind::Markdown: report::write_audit_markdown(std::cout, r, rep); break;
    case Kind::Html: report::write_audit_html(std::cout, r, rep); break;
    case Kind::Json: report::write_audit_json(std::cout, r, rep); break;
  }
  std::cout.flush();
  return exit_code_for(r, o.fail_on);
}

}  // namespace miglint
