// The audit as JSON: exactly the check JSON, plus a top-level `audit` object
// (the same writer, given one more member).
#include <nlohmann/json.hpp>

#include "analyzer/output/json_stream.h"
#include "analyzer/output/output.h"
#include "analyzer/report/audit.h"

namespace miglint::report {

void write_audit_json(std::ostream& out, const AnalysisResult& result, const AuditReport& rep) {
  nlohmann::ordered_json verdicts = nlohmann::ordered_json::object();
  for (size_t v = 0; v < 5; ++v)
    verdicts[std::string(round_trip_name(static_cast<RoundTrip>(v)))] = rep.verdict_counts[v];
  // The per-migration table is as long as the folder: written row by row.
  const auto row_json = [&](size_t i) {
    const auto& m = rep.table[i];
    nlohmann::ordered_json row = {{"folder", m.folder.str()}, {"version", m.version},
                                  {"name", m.name},           {"path", m.path.str()},
                                  {"summary", m.summary},     {"round_trip", round_trip_name(m.round_trip)},
                                  {"findings", m.findings}};
    if (!m.why.empty()) row["reason"] = m.why;
    return json_text(row);
  };
  nlohmann::ordered_json not_restoring = nlohmann::ordered_json::array();
  for (size_t i : rep.not_restoring) {
    const auto& m = rep.table[i];
    not_restoring.push_back({{"version", m.version},
                             {"name", m.name},
                             {"path", m.down_path.str()},
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
  nlohmann::ordered_json audit = {{"round_trip", verdicts},
                                  {"migrations", json_slot("audit.migrations")},
                                  {"not_restoring", not_restoring},
                                  {"rules", rules},
                                  {"top_offenders", top}};
  write_json_report(out, result, {{"audit", std::move(audit)}}, {{"audit.migrations", rep.table.size(), row_json}});
}

}  // namespace miglint::report
