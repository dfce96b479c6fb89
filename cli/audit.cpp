// `miglint audit`: what check finds, plus the whole-folder report.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include "analyzer/diag/baseline.h"
#include "analyzer/output/output.h"
#include "analyzer/report/audit.h"
#include "analyzer/source/display_path.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace miglint {

namespace {

// A progress bar on stderr while the analysis runs: only on a terminal, only
// once the run has lasted half a second, erased when done so nothing of it
// reaches logs or pipes. Files parsed and checked and migrations replayed
// count alike; the folder rules and the report follow the full bar.
class Progress {
 public:
  explicit Progress(const AnalysisProgress& work) {
    if (isatty(STDERR_FILENO) == 0) return;
    thread_ = std::thread([this, &work] {
      const auto start = std::chrono::steady_clock::now();
      std::unique_lock lock(mu_);
      for (unsigned tick = 0; !done_; ++tick) {
        if (cv_.wait_for(lock, std::chrono::milliseconds(tick == 0 ? 500 : 100), [this] { return done_; })) break;
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const size_t total = work.total, done = std::min<size_t>(work.done, total);
        if (total == 0) {
          std::fprintf(stderr, "\r\x1b[2Kmiglint: reading the folders %.1fs", secs);
        } else {
          constexpr size_t kWidth = 30;
          const size_t filled = done * kWidth / total;
          const std::string bar = std::string(filled, '=') + std::string(kWidth - filled, ' ');
          std::fprintf(stderr, "\r\x1b[2Kmiglint: auditing [%s] %3zu%% %.1fs%s", bar.c_str(), done * 100 / total, secs,
                       done == total ? ", finishing" : "");
        }
        std::fflush(stderr);
        shown_ = true;
      }
      if (shown_) {
        std::fputs("\r\x1b[2K", stderr);
        std::fflush(stderr);
      }
    });
  }
  ~Progress() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

 private:
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool shown_ = false;
};

}  // namespace

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
    const Progress progress(work);
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
