// One folder's replay in migration order, with the folder rules' walks fed
// each migration's effects as the replay applies them. The batch analysis
// (schedule.cpp) and the language server's incremental analysis
// (incremental.cpp) both drive it.
#pragma once
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/context.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/replay/replay.h"
#include "analyzer/replay/summary_store.h"

namespace miglint {

class Rule;

// The folder rules' walks over one folder's replay (one per rule that has
// one), and what they have reported so far.
struct FolderWalks {
  std::vector<std::pair<const Rule*, std::unique_ptr<FolderWalk>>> walks;
  std::vector<Diagnostic> findings;
  FolderWalks() = default;
  FolderWalks(FolderWalks&&) = default;
  FolderWalks& operator=(FolderWalks&&) = default;
  FolderWalks(const FolderWalks& o);
};

// What becomes of each migration's effects once the walks have read them.
struct EffectsPolicy {
  bool keep = true;  // kept in the replay's result (the JSON reports list them)
  // When dropped: summarised first, per version, into here.
  effects::SummaryStore* summaries = nullptr;
};

class FolderReplay {
 public:
  // `walks`: resumed from a copy (the language server's cache); otherwise
  // the active rules' walks start before the first migration.
  FolderReplay(const MigrationFolder& folder, const Config& config, const std::vector<const Rule*>& active,
               const catalog::ReplayOptions& options, EffectsPolicy policy, std::optional<FolderWalks> walks = {});

  // Applies one migration and feeds its effects to the walks. With
  // `version_continues`, the next migration has the same version: effects
  // summarised per version wait for it.
  void step(const catalog::ReplayMigration& m, const Migration& migration, const Unit* up, bool version_continues);
  // The replay's and the walks' findings made since the last call; `keep`
  // leaves the replay's in its result too.
  std::vector<Diagnostic> take_findings(bool keep);
  // Effects the replay holds (none once dropped).
  bool holds_effects() const { return !replayer_.effects().empty(); }
  const FolderWalks& walks() const { return walks_; }
  // After the last migration: the schema model, and in `findings` the
  // walks' last ones (what they decide with the whole folder).
  catalog::ReplayResult finish(std::vector<Diagnostic>& findings);

 private:
  void drop_effects();
  const MigrationFolder& folder_;
  const Config& config_;
  EffectsPolicy policy_;
  catalog::Replayer replayer_;
  FolderWalks walks_;
  size_t taken_ = 0;  // replay findings already given out while kept
};

}  // namespace miglint
