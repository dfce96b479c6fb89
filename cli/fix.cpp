// `check --fix`: applies the fixes of the findings the run reports (safe
// ones; unsafe ones too with --unsafe-fixes), each file in one go and only
// while it is still what was analysed, then reports what is left.
// `--diff` prints the changes as a unified diff instead of writing them.
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analyzer/diag/fixes.h"
#include "analyzer/output/output.h"
#include "analyzer/report/audit.h"
#include "analyzer/source/file_io.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace miglint {

namespace {

// The text each reported file was analysed as.
std::map<std::string, std::string, std::less<>> analysed_texts(const AnalysisResult& r,
                                                               const std::map<std::string, std::vector<Fix>>& wanted) {
  std::map<std::string, std::string, std::less<>> out;
  for (const auto& fa : r.folders)
    for (const auto& f : fa.files)
      if (wanted.contains(f->source->path().str())) out.emplace(f->source->path().str(), f->source->text());
  for (const auto& [path, fixes] : wanted)
    if (!out.contains(path))
      if (auto text = r.texts.text(Symbol(path))) out.emplace(path, std::move(*text));
  return out;
}

struct Tally {
  size_t fixed = 0, files = 0, unsafe_left = 0, overlapping = 0, changed_on_disk = 0;
};

// "fixed 3 findings in 2 files; 1 more fix with --unsafe-fixes"
std::string summary(const Tally& t, bool diff) {
  std::string s = fmt::format("miglint: {} {} in {}", diff ? "would fix" : "fixed",
                              report::plural(t.fixed, "finding", "findings"), report::plural(t.files, "file", "files"));
  if (t.unsafe_left)
    s += fmt::format("; {} more {} with --unsafe-fixes", t.unsafe_left, t.unsafe_left == 1 ? "fix" : "fixes");
  if (t.overlapping)
    s += fmt::format("; {} left out (overlapping another fix; run again)",
                     report::plural(t.overlapping, "fix", "fixes"));
  if (t.changed_on_disk)
    s += fmt::format("; {} not written (changed since it was read)",
                     report::plural(t.changed_on_disk, "file", "files"));
  return s;
}

}  // namespace

int run_fix(const CommonOptions& o, Format format, const AnalysisOptions& options) {
  if (!o.stdin_filename.empty() && !o.diff)
    throw UsageError("--fix cannot write standard input back; use --fix --diff to see the changes");
  // Fixing can make new findings with fixes (CONCURRENTLY added where the
  // runner gives no transaction makes IF NOT EXISTS worth having): the
  // fixes are applied in rounds, in memory, until none is left to apply.
  constexpr int kRounds = 10;
  AnalysisOptions a = options;
  std::map<std::string, std::string> original, current;  // by display path
  Tally t;
  for (int round = 0; round < kRounds; ++round) {
    AnalysisResult r = analyze(a);
    apply_baselines(o, a, r);  // a finding the baseline knows is not fixed either
    std::map<std::string, std::vector<Fix>> by_file;
    size_t unsafe_left = 0;
    for (const auto& d : r.diagnostics) {
      if (!d.fix) continue;
      if (d.fix->safety == FixSafety::Unsafe && !o.unsafe_fixes) {
        ++unsafe_left;
        continue;
      }
      by_file[d.span.path].push_back(*d.fix);
    }
    t.unsafe_left = unsafe_left;
    const auto texts = analysed_texts(r, by_file);
    bool changed = false;
    t.overlapping = 0;
    for (const auto& [path, fixes] : by_file) {
      const auto text = texts.find(path);
      if (text == texts.end()) continue;
      std::vector<const Fix*> ptrs;
      for (const auto& f : fixes) ptrs.push_back(&f);
      size_t taken = 0;
      const std::vector<TextEdit> edits = compatible_edits(ptrs, path, &taken);
      t.overlapping += fixes.size() - taken;
      std::string after = apply_edits(text->second, edits);
      if (after == text->second) continue;
      original.emplace(path, text->second);
      std::error_code ec;
      a.overlays[std::filesystem::weakly_canonical(path, ec)] = after;
      current[path] = std::move(after);
      t.fixed += taken;
      changed = true;
    }
    if (!changed) break;
  }
  std::string diffs;
  for (const auto& [path, after] : current) {
    const std::string& before = original.at(path);
    if (after == before) continue;
    ++t.files;
    if (o.diff) {
      diffs += unified_diff(path, before, after);
      continue;
    }
    // Never over a file someone changed since the analysis read it.
    std::string now, why;
    if (!read_file_bytes(path, now) || now != before) {
      ++t.changed_on_disk;
      continue;
    }
    if (!write_file_atomically(path, after, &why))
      throw std::runtime_error(fmt::format("cannot write {}: {}", path, why));
  }
  if (o.diff) {
    std::cout << diffs;
    std::cout.flush();
    std::cerr << summary(t, true) << '\n';
    return t.files > 0 ? kExitFindings : kExitOk;
  }
  // What is left, from the files as they are now.
  AnalysisResult left = analyze(options);
  apply_baselines(o, options, left);
  OutputOptions out;
  out.color = use_color(o.color);
  write_report(std::cout, format, left, out);
  std::cout.flush();
  std::cerr << summary(t, false) << '\n';
  return exit_code_for(left, o.fail_on);
}

}  // namespace miglint
