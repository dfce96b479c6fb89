// `miglint verify` itself (in `miglint-verify`, which links libpq): the
// static analysis of the folder, then every migration run on a real server.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "analyzer/migrations/migration.h"
#include "analyzer/output/json_stream.h"
#include "analyzer/output/output.h"
#include "analyzer/source/display_path.h"
#include "analyzer/verify/report.h"
#include "analyzer/verify/verify.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/progress.h"

namespace miglint {

int run_verify(const VerifyCliOptions& o, int /*argc*/, char** /*argv*/) {
  // Before any thread starts: Ctrl-C must reach the watch, not kill the run
  // with a server and a temporary directory left behind.
  const verify::InterruptWatch watch;
  const WorkingDirectoryPin cwd_pin;
  const auto format = parse_format(o.common.format);
  if (!format) throw UsageError("format `" + o.common.format + "` is not available for verify");
  AnalysisOptions a = analysis_options(o.common);
  if (a.paths.size() != 1 || !std::filesystem::is_directory(a.paths.front()))
    throw UsageError("`verify` needs one migrations folder");
  // A version that is not one would silently verify everything.
  for (const auto& [flag, v] : {std::pair<const char*, const std::string&>{"--from", o.from}, {"--to", o.to}})
    if (!v.empty() && !parse_version(v)) throw UsageError(fmt::format("{} {}: not a migration version", flag, v));
  a.keep_effects = false;
  a.keep_schema = false;
  AnalysisResult r = analyze(a);
  if (r.folders.size() != 1) throw UsageError("`verify` needs a folder holding one set of migrations");

  verify::VerifyOptions vo;
  vo.server.database_url = o.database_url;
  vo.server.pg_bin = o.pg_bin;
  vo.server.allow_non_empty = o.allow_non_empty;
  vo.from = o.from;
  vo.to = o.to;
  vo.statement_timeout = std::chrono::milliseconds(static_cast<long long>(o.statement_timeout * 1000));
  vo.jobs = o.common.jobs ? o.common.jobs : 2;
  AnalysisProgress work;
  vo.progress = [&work](size_t done, size_t total, const std::string&) {
    work.total = total;
    work.done = done;
  };
  verify::VerifyReport rep;
  {
    const Progress progress(work, "verifying");
    try {
      rep = verify::verify_folder(r.folders.front(), r, a.config, vo);
    } catch (const verify::Interrupted&) {
      std::cerr << "miglint: verify: interrupted\n";
      return 128 + (watch.signal() ? watch.signal() : 2);
    } catch (const std::exception& e) {
      std::cerr << "miglint: verify: " << e.what() << '\n';
      return kExitUsage;
    }
  }
  r.diagnostics = Findings(std::move(rep.findings));
  OutputOptions out;
  out.color = use_color(o.common.color);
  if (*format == Format::Json) {
    write_json_report(std::cout, r, {{"verify", verify::report_json(rep)}}, {});
  } else {
    write_report(std::cout, *format, r, out);
    if (*format == Format::Human) verify::write_summary(std::cout, rep, out.color);
  }
  std::cout.flush();
  if (rep.fatal == "interrupted") {
    std::cerr << "miglint: verify: interrupted; the report covers what was proven before\n";
    return 128 + (watch.signal() ? watch.signal() : 2);
  }
  if (!rep.fatal.empty()) {
    std::cerr << "miglint: verify stopped: " << rep.fatal << "; the report covers what was proven before\n";
    return kExitUsage;
  }
  return exit_code_for(r, o.common.fail_on);
}

}  // namespace miglint
