#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

#include "analyzer/replay/replay.h"
#include "analyzer/replay/summary.h"
#include "analyzer/output/json_stream.h"
#include "analyzer/output/output.h"
#include "analyzer/source/display_path.h"

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
  return {{"description", fix.description},
          {"applicability", fix.safety == FixSafety::Safe ? "safe" : "unsafe"},
          {"edits", edits}};
}

nlohmann::ordered_json effect_json(const effects::EffectAt& ea, std::string_view section) {
  const auto& e = *ea.effect;
  nlohmann::ordered_json j = {{"action", effects::action_name(e.action)},
                              {"kind", catalog::object_kind_name(e.object.kind)},
                              {"name",
                               effects::display(e.object).substr(catalog::object_kind_name(e.object.kind).size() + 1)},
                              {"implied", e.implied},
                              {"line", ea.file ? ea.file->source->position(e.begin).line : 0}};
  if (e.implied && e.cascade) j["cascade"] = true;
  if (!e.new_name().empty()) j["new_name"] = e.new_name();
  if (!e.detail().empty()) j["detail"] = e.detail();
  j["section"] = section;
  return j;
}

// Each migration of the analysed folders with what its up and down do to the
// schema (additive key `migrations`), one at a time and in order.
class MigrationsJson {
 public:
  explicit MigrationsJson(const AnalysisResult& result) : result_(result) {
    for (const auto& fa : result.folders) count_ += fa.folder.migrations.size();
  }
  size_t size() const { return count_; }

  nlohmann::ordered_json next() {
    while (at_ == result_.folders[folder_].folder.migrations.size()) {
      ++folder_;
      at_ = 0;
      loaded_ = false;
    }
    const FolderAnalysis& fa = result_.folders[folder_];
    if (!loaded_) {
      by_version_.clear();
      if (fa.replay)
        for (auto& m : effects::migration_effects(*fa.replay)) by_version_.emplace(m.version, std::move(m));
      loaded_ = true;
    }
    const Migration& m = fa.folder.migrations[at_++];
    nlohmann::ordered_json j = {{"version", m.version},
                                {"name", m.name},
                                {"up", m.up ? nlohmann::ordered_json(display_path(m.up->file)) : nullptr},
                                {"down", m.down ? nlohmann::ordered_json(display_path(m.down->file)) : nullptr}};
    effects_.reset();
    std::string summary = "not replayed", down_summary;
    if (auto it = by_version_.find(m.version); it != by_version_.end()) {
      effects_ = std::move(it->second);
      summary = effects_->summary;
      down_summary = effects_->down_summary;
      by_version_.erase(it);  // a version collision: the first migration gets the effects
    }
    j["effects"] = json_slot("effects");
    j["summary"] = summary;
    if (m.down) j["down_summary"] = down_summary;
    return j;
  }

  // The effects of the migration `next` returned, one at a time: a migration
  // of 100,000 statements has at least as many.
  std::vector<JsonArrayStream> effects() const {
    if (!effects_) return {{"effects", 0, nullptr}};
    const auto& e = *effects_;
    return {{"effects", e.up.size() + e.down.size(), [&e](size_t i) {
               return json_text(i < e.up.size() ? effect_json(e.up[i], "up")
                                                : effect_json(e.down[i - e.up.size()], "down"));
             }}};
  }

 private:
  const AnalysisResult& result_;
  std::optional<effects::MigrationEffects> effects_;
  size_t count_ = 0;
  size_t folder_ = 0;
  size_t at_ = 0;
  bool loaded_ = false;
  std::map<std::string, effects::MigrationEffects> by_version_;
};

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

void write_json_report(std::ostream& out, const AnalysisResult& result, const nlohmann::ordered_json& extra,
                       std::vector<JsonArrayStream> extra_arrays) {
  size_t errors = 0, warnings = 0, infos = 0;
  for (const auto& d : result.diagnostics)
    (d.severity == Severity::Error ? errors : d.severity == Severity::Warning ? warnings : infos)++;
  nlohmann::ordered_json j = {{"version", 1},
                              {"tool", {{"name", "miglint"}, {"version", MIGLINT_VERSION}}},
                              {"diagnostics", json_slot("diagnostics")},
                              {"summary",
                               {{"files", result.files},
                                {"migrations", result.migrations},
                                {"errors", errors},
                                {"warnings", warnings},
                                {"infos", infos}}},
                              {"migrations", json_slot("migrations")}};
  for (const auto& [k, v] : extra.items()) j[k] = v;
  MigrationsJson migrations(result);
  // Elements are asked for in order; compressed findings are read in order.
  auto next = result.diagnostics.begin();
  extra_arrays.push_back(
      {"diagnostics", result.diagnostics.size(), [&](size_t) { return json_text(diagnostic_json(*next++)); }});
  extra_arrays.push_back({"migrations", migrations.size(), [&](size_t) { return json_text(migrations.next()); },
                          [&] { return migrations.effects(); }});
  write_json_streamed(out, json_text(j), extra_arrays);
  out << '\n';
}

void write_json(std::ostream& out, const AnalysisResult& result) {
  write_json_report(out, result, nlohmann::ordered_json::object(), {});
}

}  // namespace miglint
