// The audit as JSON: exactly the check JSON, plus a top-level `audit` object.
#include <nlohmann/json.hpp>

#include <sstream>

#include "analyzer/output/output.h"
#include "analyzer/report/audit.h"

namespace miglint::report {

void write_audit_json(std::ostream& out, const AnalysisResult& result, const AuditReport& rep) {
  // Re-reading the check JSON keeps the two outputs identical by construction.
  std::ostringstream check;
  write_json(check, result);
  auto j = nlohmann::ordered_json::parse(check.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) j = nlohmann::ordered_json::object();

  nlohmann::ordered_json verdicts = nlohmann::ordered_json::object();
  for (size_t v = 0; v < 5; ++v) verdicts[std::string(round_trip_name(static_cast<RoundTrip>(v)))] = rep.verdict_counts[v];
  nlohmann::ordered_json table = nlohmann::ordered_json::array();
  for (const auto& m : rep.table) {
    nlohmann::ordered_json row = {{"folder", m.folder},         {"version", m.version},
                                  {"name", m.name},             {"path", m.path},
                                  {"summary", m.summary},       {"round_trip", round_trip_name(m.round_trip)},
                                  {"findings", m.findings}};
    if (!m.why.empty()) row["reason"] = m.why;
    table.push_back(std::move(row));
  }
  nlohmann::ordered_json not_restoring = nlohmann::ordered_json::array();
  for (size_t i : rep.not_restoring) {
    const auto& m = rep.table[i];
    not_restoring.push_back({{"version", m.version},
                             {"name", m.name},
                             {"path", m.down_path},
                             {"round_trip", round_trip_name(m.round_trip)}});
  }
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& rc : rep.rules)
    rules.push_back({{"rule", rc.rule}, {"severity", severity_name(rc.severity)}, {"count", rc.count}});
  nlohmann::ordered_json top = nlohmann::ordered_json::array();
  for (const auto& fc : rep.top_offenders)
    top.push_back({{"path", fc.path},
                   {"errors", fc.errors},
                   {"warnings", fc.warnings},
                   {"infos", fc.infos},
                   {"total", fc.total()}});
  j["audit"] = {{"round_trip", verdicts},
                {"migrations", table},
                {"not_restoring", not_restoring},
                {"rules", rules},
                {"top_offenders", top}};
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace miglint::report
