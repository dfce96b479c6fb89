#include "analyzer/engine/incremental.h"

#include <cstdlib>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "analyzer/engine/folder_replay.h"
#include "analyzer/engine/units.h"

namespace miglint {

namespace {
// What makes a migration replay the same: its version and the exact parsed
// sections (a cached parse is shared only while the bytes are unchanged).
std::string replay_identity(const catalog::ReplayMigration& m) {
  std::string id = m.version;
  for (const auto* part : {&m.up, &m.down})
    id += *part ? fmt::format("|{}:{}:{}", static_cast<const void*>((*part)->file), (*part)->begin, (*part)->end)
                : "|-";
  return id;
}
}  // namespace

std::vector<Diagnostic> replay_folder_cached(FolderAnalysis& fa, const std::vector<std::unique_ptr<Unit>>& units,
                                             const AnalysisOptions& options, const std::set<std::string>* edited,
                                             const std::vector<const Rule*>& active,
                                             const catalog::ReplayResult* spare_of, catalog::ReplayResult* spare) {
  std::vector<std::pair<const Migration*, const Unit*>> steps;
  const auto input = replay_input(fa.folder, units, &steps);
  catalog::ReplayOptions ro;
  ro.pg_version = options.config.pg_version;
  AnalysisCache::Folder* cache = nullptr;
  std::optional<FolderWalks> walks;
  bool snapshot_walks = false;
  if (options.cache && edited) {
    // Resume from the state before the first migration being edited when
    // every migration before it is the same as last time.
    size_t first = input.size();
    for (size_t i = 0; i < input.size() && first == input.size(); ++i)
      for (const auto* part : {&input[i].up, &input[i].down})
        if (*part && (*part)->file && edited->contains((*part)->file->source->path())) first = i;
    std::vector<std::string> prefix;
    for (size_t i = 0; i < first; ++i) prefix.push_back(replay_identity(input[i]));
    {
      // Replays of several folders run at once; map nodes stay where they are.
      static std::mutex cache_mutex;
      std::lock_guard lock(cache_mutex);
      cache = &options.cache->folders[fa.folder.dir.native()];
    }
    const bool cached = cache->replay_before && cache->walks_before && cache->replay_at == first &&
                        cache->replay_prefix == prefix;
    if (std::getenv("MIGLINT_TIMINGS"))
      fmt::print(stderr, "miglint: replay from migration {} of {}: {}\n", first, input.size(),
                 cached ? "cached state" : "recomputed");
    if (cached) {
      ro.resume = cache->replay_before.get();
      ro.resume_at = first;
      if (spare && spare_of == ro.resume) ro.resume_copy = spare;
      walks.emplace(*cache->walks_before);
    } else {
      cache->replay_at = first;
      cache->replay_prefix = std::move(prefix);
      cache->replay_before.reset();
      cache->walks_before.reset();
      // The state points into these files: keep them alive with it (and
      // their addresses from being reused by other parses).
      cache->replay_files = fa.files;
      auto snap = std::make_shared<catalog::ReplayResult>();
      ro.snapshot_at = first;
      ro.snapshot = snap.get();
      cache->replay_before = std::move(snap);
      snapshot_walks = true;
    }
  }
  const EffectsPolicy policy{options.keep_effects, options.effect_summaries ? &fa.summaries : nullptr};
  FolderReplay replay(fa.folder, options.config, active, ro, policy, std::move(walks));
  for (size_t mi = ro.resume ? ro.resume_at : 0; mi < input.size(); ++mi) {
    // The walks' state goes with the replay's snapshot (taken by step()).
    if (snapshot_walks && mi == *ro.snapshot_at) cache->walks_before.emplace(replay.walks());
    const bool version_continues = mi + 1 < input.size() && input[mi + 1].version == input[mi].version;
    replay.step(input[mi], *steps[mi].first, steps[mi].second, version_continues);
  }
  if (snapshot_walks && *ro.snapshot_at == input.size()) cache->walks_before.emplace(replay.walks());
  std::vector<Diagnostic> out;
  fa.replay = std::make_shared<catalog::ReplayResult>(replay.finish(out));
  return out;
}

}  // namespace miglint
