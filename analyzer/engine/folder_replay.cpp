#include "analyzer/engine/folder_replay.h"

#include <map>
#include <string>

#include "analyzer/engine/rule.h"
#include "analyzer/replay/summary.h"

namespace miglint {

FolderWalks::FolderWalks(const FolderWalks& o) : findings(o.findings) {
  for (const auto& [rule, walk] : o.walks) walks.emplace_back(rule, walk->clone());
}

namespace {
// The folder rules' walks over one folder, before its first migration.
FolderWalks start_walks(const std::vector<const Rule*>& active, const MigrationFolder& folder, const Config& config) {
  FolderWalks w;
  FolderContext ctx(folder, config, w.findings);
  for (const Rule* r : active) {
    ctx.set_rule(r);
    if (auto walk = r->walk_folder(ctx)) w.walks.emplace_back(r, std::move(walk));
  }
  return w;
}
}  // namespace

FolderReplay::FolderReplay(const MigrationFolder& folder, const Config& config, const std::vector<const Rule*>& active,
                           const catalog::ReplayOptions& options, EffectsPolicy policy,
                           std::optional<FolderWalks> walks)
    : folder_(folder),
      config_(config),
      policy_(policy),
      replayer_(options),
      walks_(walks ? std::move(*walks) : start_walks(active, folder, config)) {}

void FolderReplay::step(const catalog::ReplayMigration& m, const Migration& migration, const Unit* up,
                        bool version_continues) {
  const size_t from = replayer_.effects().size();
  replayer_.step(m);
  const auto& all = replayer_.effects();
  if (!walks_.walks.empty()) {
    FolderStep step;
    step.migration = &migration;
    step.up = up;
    step.effects = all.data() + from;
    step.effect_count = all.size() - from;
    FolderContext ctx(folder_, config_, walks_.findings);
    for (auto& [rule, walk] : walks_.walks) {
      ctx.set_rule(rule);
      walk->step(ctx, step);
    }
  }
  if (policy_.keep || (policy_.summaries && version_continues)) return;
  drop_effects();
}

// Drops the effects the replayer kept, first summarising them per version
// (when asked) as effects::migration_effects would.
void FolderReplay::drop_effects() {
  if (policy_.summaries) {
    std::map<std::string, std::vector<effects::EffectAt>> ups;
    for (const auto& se : replayer_.effects()) {
      auto& list = ups[se.version];
      if (!se.down)
        for (const auto& e : se.effects) list.push_back({&e, se.file, se.statement, false});
    }
    for (const auto& [version, list] : ups) policy_.summaries->add(version, effects::summarize(list));
  }
  replayer_.drop_effects();
}

std::vector<Diagnostic> FolderReplay::take_findings(bool keep) {
  std::vector<Diagnostic> out;
  if (keep) {
    const auto& made = replayer_.diagnostics();
    out.assign(made.begin() + static_cast<std::ptrdiff_t>(taken_), made.end());
    taken_ = made.size();
  } else {
    out = replayer_.take_diagnostics();
  }
  for (auto& d : walks_.findings) out.push_back(std::move(d));
  walks_.findings.clear();
  return out;
}

catalog::ReplayResult FolderReplay::finish(std::vector<Diagnostic>& findings) {
  if (!policy_.keep) drop_effects();
  catalog::ReplayResult result = replayer_.finish();
  findings.assign(result.diagnostics.begin() + static_cast<std::ptrdiff_t>(taken_), result.diagnostics.end());
  FolderContext ctx(folder_, config_, walks_.findings);
  for (auto& [rule, walk] : walks_.walks) {
    ctx.set_rule(rule);
    walk->finish(ctx);
  }
  for (auto& d : walks_.findings) findings.push_back(std::move(d));
  walks_.findings.clear();
  return result;
}

}  // namespace miglint
