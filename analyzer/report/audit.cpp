#include "analyzer/report/audit.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "analyzer/replay/replay.h"
#include "analyzer/replay/summary.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/source/display_path.h"

namespace miglint::report {

std::string_view round_trip_name(RoundTrip v) {
  switch (v) {
    case RoundTrip::Restores: return "restores";
    case RoundTrip::DoesNotRestore: return "does not restore";
    case RoundTrip::DownFails: return "down fails";
    case RoundTrip::NoDown: return "no down";
    case RoundTrip::NotChecked: return "not checked";
  }
  return "not checked";
}

std::string_view round_trip_meaning(RoundTrip v) {
  switch (v) {
    case RoundTrip::Restores: return "after the up and the down, the schema is what it was before the up";
    case RoundTrip::DoesNotRestore: return "the down leaves the schema different (down-not-inverse says how)";
    case RoundTrip::DownFails: return "PostgreSQL would reject a statement of the down (its finding says which)";
    case RoundTrip::NoDown: return "the migration has no down";
    case RoundTrip::NotChecked: return "the model could not follow the migration (the reason is given)";
  }
  return "";
}

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = n != 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n == 2) ok = c >= 0xC2;  // overlong
    if (ok && n == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogates
    }
    if (ok && n == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

namespace {

// Versions the replay found not restored or failing, looked up per migration.
struct ReplayVerdicts {
  std::unordered_set<std::string_view> down_failed, not_inverse;
};

// The verdict for one migration from what the replay recorded.
RoundTrip verdict(const Migration& m, const FolderAnalysis& fa, const ReplayVerdicts& replayed,
                  const std::set<std::string>& unmodeled_paths, const std::set<std::string>& broken_paths,
                  std::string& why) {
  if (m.repeatable || m.version.empty()) {
    why = "repeatable migration";
    return RoundTrip::NotChecked;
  }
  if (!m.up) {
    why = "no up";
    return RoundTrip::NotChecked;
  }
  if (!m.down) return RoundTrip::NoDown;
  if (!fa.replay) {
    why = "folder not replayed";
    return RoundTrip::NotChecked;
  }
  if (replayed.down_failed.contains(m.version)) return RoundTrip::DownFails;
  if (replayed.not_inverse.contains(m.version)) return RoundTrip::DoesNotRestore;
  const std::string up = display_path(m.up->file), down = display_path(m.down->file);
  // A statement that did not parse, or that the model cannot apply, leaves
  // objects unknown: the comparison skips them, so "restores" would be a guess.
  if (broken_paths.count(up) || broken_paths.count(down)) {
    why = "syntax error";
    return RoundTrip::NotChecked;
  }
  if (unmodeled_paths.count(up) || unmodeled_paths.count(down)) {
    why = "uncertain: unmodeled statement";
    return RoundTrip::NotChecked;
  }
  return RoundTrip::Restores;
}

}  // namespace

AuditReport build_audit(const AnalysisResult& result) {
  const WorkingDirectoryPin cwd_pin;
  AuditReport rep;
  rep.files = result.files;
  rep.migrations = result.migrations;

  // Counted by Symbol (ordered by text, as the report lists them): a large
  // folder has a finding on most of its files, and a path string per file,
  // twice, was most of what the audit held.
  struct Counts {
    size_t errors = 0, warnings = 0, infos = 0;
    size_t total() const { return errors + warnings + infos; }
  };
  const auto count = [](Severity s, size_t& errors, size_t& warnings, size_t& infos) {
    (s == Severity::Error ? errors : s == Severity::Warning ? warnings : infos)++;
  };
  std::map<Symbol, Counts, std::less<>> per_file;
  std::map<Symbol, RuleCount, std::less<>> per_rule;
  for (const auto& d : result.diagnostics) {
    count(d.severity, rep.errors, rep.warnings, rep.infos);
    auto& fc = per_file[d.span.path];
    count(d.severity, fc.errors, fc.warnings, fc.infos);
    auto& rc = per_rule[d.rule];
    rc.rule = d.rule;
    rc.severity = rc.count == 0 ? d.severity : std::max(rc.severity, d.severity);
    rc.count++;
  }

  for (const auto& fa : result.folders) {
    const std::set<std::string>& unmodeled = fa.unmodeled;
    std::set<std::string> broken;
    for (const auto& f : fa.files)
      if (f && (f->binary || !f->failed.empty())) broken.insert(f->source->path());
    ReplayVerdicts replayed;
    if (fa.replay) {
      replayed.down_failed.insert(fa.replay->down_failed.begin(), fa.replay->down_failed.end());
      replayed.not_inverse.insert(fa.replay->not_inverse.begin(), fa.replay->not_inverse.end());
    }
    // Made during the replay when the effects were not kept, else from them.
    std::map<std::string, std::string> from_effects;
    if (fa.replay)
      for (auto& me : effects::migration_effects(*fa.replay))
        if (!fa.summaries.contains(me.version)) from_effects.emplace(me.version, std::move(me.summary));
    std::unordered_set<std::string_view> summarised;  // a version collision: the first migration gets the effects
    const Symbol folder = display_path(fa.folder.dir);
    for (const auto& m : fa.folder.migrations) {
      AuditMigration am;
      am.folder = folder;
      am.version = m.version;
      am.name = m.name;
      am.path = display_path(m.primary_file());
      if (m.down) am.down_path = display_path(m.down->file);
      if (!summarised.count(m.version)) {
        if (auto kept = fa.summaries.find(m.version)) {
          am.summary = std::move(*kept);
          summarised.insert(m.version);
        } else if (auto it = from_effects.find(m.version); it != from_effects.end()) {
          am.summary = std::move(it->second);
          summarised.insert(m.version);
        }
      }
      am.round_trip = verdict(m, fa, replayed, unmodeled, broken, am.why);
      std::set<std::string_view> paths;
      if (m.up) paths.insert(am.path);
      if (m.down) paths.insert(am.down_path);
      for (const auto& p : paths)
        if (auto it = per_file.find(p); it != per_file.end()) am.findings += it->second.total();
      rep.verdict_counts[static_cast<size_t>(am.round_trip)]++;
      rep.table.push_back(std::move(am));
    }
  }
  for (size_t i = 0; i < rep.table.size(); ++i)
    if (rep.table[i].round_trip == RoundTrip::DoesNotRestore || rep.table[i].round_trip == RoundTrip::DownFails)
      rep.not_restoring.push_back(i);

  for (auto& [_, rc] : per_rule) rep.rules.push_back(rc);
  std::stable_sort(rep.rules.begin(), rep.rules.end(),
                   [](const RuleCount& a, const RuleCount& b) { return a.count > b.count; });
  // Ranked as (path, counts) pairs; only the ten listed become FileCounts.
  std::vector<std::pair<Symbol, Counts>> ranked(per_file.begin(), per_file.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second.total() != b.second.total()) return a.second.total() > b.second.total();
    return a.second.errors > b.second.errors;
  });
  if (ranked.size() > 10) ranked.resize(10);
  for (const auto& [path, c] : ranked) rep.top_offenders.push_back({path.str(), c.errors, c.warnings, c.infos});
  return rep;
}

}  // namespace miglint::report
