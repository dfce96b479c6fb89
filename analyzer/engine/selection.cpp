#include "analyzer/engine/selection.h"

#include <fmt/format.h>

#include "analyzer/engine/registry.h"

namespace miglint {

RuleSelection::RuleSelection(const Config& config, const std::vector<std::string>& cli_select,
                             const std::vector<std::string>& cli_ignore) {
  const auto check = [](const std::string& id, const std::string& origin) {
    if (id != "all" && id != "default" && !find_rule(id))
      throw ConfigError(fmt::format("{}unknown rule `{}` (`miglint rules` lists every rule id)",
                                    origin.empty() ? "" : origin + ": ", id));
  };
  for (const auto& o : config.rule_id_origins) check(o.id, o.origin);
  for (const auto& id : cli_select) check(id, "--select");
  for (const auto& id : cli_ignore) check(id, "--ignore");
  const auto& select = cli_select.empty() ? config.select : cli_select;
  for (const auto& id : select) {
    if (id == "all" || id == "default") {
      for (const auto& r : all_rules())
        if (id == "all" || !r->meta().opt_in) enabled_.insert(std::string(r->id()));
    } else {
      enabled_.insert(id);
    }
  }
  for (const auto& id : config.ignore) enabled_.erase(id);
  for (const auto& id : cli_ignore) enabled_.erase(id);
  for (const auto& [id, sev] : config.severity) severity_[id] = sev;
}

Severity RuleSelection::severity(std::string_view id, Severity fallback) const {
  const auto it = severity_.find(id);
  return it == severity_.end() ? fallback : it->second;
}

std::vector<const Rule*> RuleSelection::active_rules() const {
  std::vector<const Rule*> active;
  for (const auto& r : all_rules())
    if (enabled(r->id())) active.push_back(r.get());
  return active;
}

namespace {
// Keeps the findings in [from, to) of rules the selection enables, with their
// configured severity, moved down to start at `to_index` (<= from) in order;
// returns the index after the last kept.
size_t select_findings(std::vector<Diagnostic>& diags, size_t from, size_t to, size_t to_index,
                       const RuleSelection& selection) {
  for (size_t i = from; i < to; ++i) {
    if (!selection.enabled(diags[i].rule)) continue;
    diags[i].severity = selection.severity(diags[i].rule, diags[i].severity);
    if (to_index != i) diags[to_index] = std::move(diags[i]);
    ++to_index;
  }
  return to_index;
}
}  // namespace

void finish_with(const ParsedFile* file, std::vector<Suppression>& sups, const RuleSelection& selection,
                 std::vector<Diagnostic>& diags) {
  diags.erase(diags.begin() + static_cast<std::ptrdiff_t>(select_findings(diags, 0, diags.size(), 0, selection)),
              diags.end());
  if (file && !sups.empty()) {
    apply_suppressions(sups, file->source->path(), diags);
    const size_t own = diags.size();
    for (auto& d : suppression_findings(
             sups, *file->source, [](std::string_view id) { return find_rule(id) != nullptr; },
             [&](std::string_view id) { return selection.enabled(id); }))
      diags.push_back(std::move(d));
    diags.erase(diags.begin() + static_cast<std::ptrdiff_t>(select_findings(diags, own, diags.size(), own, selection)),
                diags.end());
  }
}

void finish_file(const ParsedFile* file, const RuleSelection& selection, std::vector<Diagnostic>& diags) {
  auto sups = file ? collect_suppressions(*file) : std::vector<Suppression>{};
  finish_with(file, sups, selection, diags);
}

}  // namespace miglint
