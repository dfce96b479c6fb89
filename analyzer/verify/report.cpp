#include "analyzer/verify/report.h"

#include <map>
#include <optional>

#include <fmt/format.h>

namespace miglint::verify {
namespace {

std::string paint(bool on, std::string_view code, std::string_view text) {
  return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
}

std::string_view verdict_color(Verdict v) {
  switch (v) {
    case Verdict::Identical: return "32";
    case Verdict::NoDown:
    case Verdict::NotRun: return "2";
    default: return "1;31";
  }
}

std::string strongest_existing(const MigrationRun& m) {
  std::optional<LockMode> best;
  std::string on;
  for (const auto& s : m.statements)
    for (const auto& l : s.locks) {
      const auto mode = lock_mode_of(l.mode);
      if (l.existed_before && mode && (!best || *best < *mode)) best = mode, on = l.relation;
    }
  if (!best) return "-";
  const std::string mode = pg_lock_name(*best);
  return fmt::format("{} on {}", mode.substr(0, mode.size() - 4), on);  // without "Lock"
}

}  // namespace

void write_summary(std::ostream& out, const VerifyReport& r, bool color) {
  std::map<Verdict, size_t> counts;
  size_t id_width = 9;
  for (const auto& m : r.migrations) {
    ++counts[m.real];
    id_width = std::max(id_width, m.id.size());
  }
  id_width = std::min<size_t>(id_width, 60);
  out << '\n'
      << paint(color, "1",
               fmt::format("{:<{}}  {:<11}  {:<11}  {:>8}  {}", "migration", id_width, "round trip", "static", "up ms",
                           "strongest lock on an existing table"))
      << '\n';
  for (const auto& m : r.migrations) {
    std::string real(verdict_name(m.real));
    if (m.real == Verdict::Identical && !m.reup_ok) real = "no re-up";
    out << fmt::format("{:<{}}  {}  {:<11}  {:>8.1f}  {}\n", m.id, id_width,
                       paint(color, verdict_color(m.real), fmt::format("{:<11}", real)), verdict_name(m.expected),
                       m.up_ms, strongest_existing(m));
  }
  for (const auto& m : r.migrations) {
    if (m.diff.empty()) continue;
    out << '\n' << paint(color, "1", fmt::format("{}: the down does not restore the schema", m.id)) << '\n';
    out << m.diff;
  }
  if (!r.disagreements.empty()) {
    out << '\n' << paint(color, "1", "static analysis and the server disagree:") << '\n';
    for (const auto& d : r.disagreements)
      out << fmt::format("  {} ({}{}): {}\n", d.id, d.span.path.str(),
                         d.span.start.line ? fmt::format(":{}", d.span.start.line) : "", d.what);
  }
  std::vector<std::string> parts;
  parts.reserve(counts.size());
  for (const auto& [v, n] : counts) parts.push_back(fmt::format("{} {}", n, verdict_name(v)));
  out << '\n'
      << fmt::format(
             "verified {} migration{} on PostgreSQL {} in {:.1f} s: {}; {} disagreement{} with the "
             "static analysis\n  server: {}\n",
             r.migrations.size(), r.migrations.size() == 1 ? "" : "s", r.version.substr(0, r.version.find(' ')),
             r.seconds, parts.empty() ? "nothing run" : fmt::format("{}", fmt::join(parts, ", ")),
             r.disagreements.size(), r.disagreements.size() == 1 ? "" : "s", r.server);
  if (!r.fatal.empty()) out << paint(color, "1;31", "stopped early: " + r.fatal) << '\n';
}

nlohmann::ordered_json report_json(const VerifyReport& r) {
  nlohmann::ordered_json ms = nlohmann::ordered_json::array();
  for (const auto& m : r.migrations) {
    nlohmann::ordered_json st = nlohmann::ordered_json::array();
    for (const auto& s : m.statements) {
      nlohmann::ordered_json locks = nlohmann::ordered_json::array();
      for (const auto& l : s.locks)
        locks.push_back({{"relation", l.relation}, {"mode", l.mode}, {"existed_before", l.existed_before}});
      st.push_back({{"path", s.span.path},
                    {"line", s.span.start.line},
                    {"ms", s.ms},
                    {"locks_observed", s.locks_observed},
                    {"locks", locks}});
    }
    ms.push_back({{"id", m.id},
                  {"version", m.version},
                  {"up", m.up.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.up.str())},
                  {"down", m.down.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.down.str())},
                  {"real", verdict_name(m.real)},
                  {"static", verdict_name(m.expected)},
                  {"agree", m.real == Verdict::NotRun || m.real == m.expected},
                  {"reapplies", m.reup_ok},
                  {"error", m.error.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.error)},
                  {"diff", m.diff.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.diff)},
                  {"up_ms", m.up_ms},
                  {"down_ms", m.down_ms},
                  {"up_outside_transaction", m.up_outside_transaction},
                  {"statements", st}});
  }
  nlohmann::ordered_json dis = nlohmann::ordered_json::array();
  for (const auto& d : r.disagreements)
    dis.push_back({{"id", d.id}, {"path", d.span.path}, {"line", d.span.start.line}, {"what", d.what}});
  return {{"server", r.server},
          {"server_version", r.version},
          {"seconds", r.seconds},
          {"complete", r.fatal.empty()},
          {"stopped", r.fatal.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.fatal)},
          {"migrations", ms},
          {"disagreements", dis}};
}

}  // namespace miglint::verify
