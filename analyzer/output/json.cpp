#include <nlohmann/json.hpp>

#include "analyzer/catalog/replay.h"
#include "analyzer/effects/summary.h"
#include "analyzer/output/output.h"

namespace miglint {

namespace {
nlohmann::ordered_json fix_json(const Fix& fix) {
  nlohmann::ordered_json edits = nlohmann::ordered_json::array();
  for (const auto& e : fix.edits)
    edits.push_back({{"path", e.span.path},
                     {"line", e.span.start.line},
                     {"column", e.span.start.column},
                     {"end_line", e.span.stop.line},
                     {"end_column", e.span.stop.column},
                     {"text", e.text}});
  return {{"description", fix.description}, {"edits", edits}};
}

// Each migration of the analysed folders with what its up and down do to the
// schema (additive key `migrations`).
nlohmann::ordered_json migrations_json(const AnalysisResult& result) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  auto effect_json = [](const effects::EffectAt& ea) {
    const auto& e = *ea.effect;
    nlohmann::ordered_json j = {{"action", effects::action_name(e.action)},
                                {"kind", catalog::object_kind_name(e.object.kind)},
                                {"name", effects::display(e.object).substr(catalog::object_kind_name(e.object.kind).size() + 1)},
                                {"implied", e.implied},
                                {"line", ea.file ? ea.file->source->position(e.begin).line : 0}};
    if (e.implied && e.cascade) j["cascade"] = true;
    if (!e.new_name().empty()) j["new_name"] = e.new_name();
    if (!e.detail().empty()) j["detail"] = e.detail();
    return j;
  };
  for (const auto& fa : result.folders) {
    std::map<std::string, effects::MigrationEffects> by_version;
    if (fa.replay)
      for (auto& m : effects::migration_effects(*fa.replay)) by_version.emplace(m.version, std::move(m));
    for (const auto& m : fa.folder.migrations) {
      nlohmann::ordered_json j = {{"version", m.version},
                                  {"name", m.name},
                                  {"up", m.up ? nlohmann::ordered_json(display_path(m.up->file)) : nullptr},
                                  {"down", m.down ? nlohmann::ordered_json(display_path(m.down->file)) : nullptr}};
      nlohmann::ordered_json effs = nlohmann::ordered_json::array();
      std::string summary = "not replayed", down_summary;
      if (auto it = by_version.find(m.version); it != by_version.end()) {
        for (const auto& ea : it->second.up) {
          auto ej = effect_json(ea);
          ej["section"] = "up";
          effs.push_back(std::move(ej));
        }
        for (const auto& ea : it->second.down) {
          auto ej = effect_json(ea);
          ej["section"] = "down";
          effs.push_back(std::move(ej));
        }
        summary = it->second.summary;
        down_summary = it->second.down_summary;
        by_version.erase(it);  // a version collision: the first migration gets the effects
      }
      j["effects"] = std::move(effs);
      j["summary"] = summary;
      if (m.down) j["down_summary"] = down_summary;
      out.push_back(std::move(j));
    }
  }
  return out;
}
}  // namespace

nlohmann::ordered_json diagnostic_json(const Diagnostic& d) {
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const auto& n : d.notes)
    notes.push_back({{"path", n.span.path},
                     {"line", n.span.start.line},
                     {"column", n.span.start.column},
                     {"end_line", n.span.stop.line},
                     {"end_column", n.span.stop.column},
                     {"message", n.message}});
  return {{"rule", d.rule},
          {"severity", severity_name(d.severity)},
          {"path", d.span.path},
          {"line", d.span.start.line},
          {"column", d.span.start.column},
          {"end_line", d.span.stop.line},
          {"end_column", d.span.stop.column},
          {"message", d.message},
          {"help", d.help},
          {"notes", notes},
          {"fix", d.fix ? fix_json(*d.fix) : nlohmann::ordered_json(nullptr)}};
}

void write_json(std::ostream& out, const AnalysisResult& result) {
  nlohmann::ordered_json diags = nlohmann::ordered_json::array();
  size_t errors = 0, warnings = 0, infos = 0;
  for (const auto& d : result.diagnostics) {
    diags.push_back(diagnostic_json(d));
    (d.severity == Severity::Error ? errors : d.severity == Severity::Warning ? warnings : infos)++;
  }
  nlohmann::ordered_json j = {
      {"version", 1},
      {"diagnostics", diags},
      {"summary",
       {{"files", result.files}, {"migrations", result.migrations}, {"errors", errors}, {"warnings", warnings}, {"infos", infos}}},
      {"migrations", migrations_json(result)}};
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace miglint
