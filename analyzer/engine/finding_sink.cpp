#include "analyzer/engine/finding_sink.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "analyzer/engine/folder_checks.h"
#include "analyzer/migrations/git.h"

namespace miglint {

FindingSink::FindingSink(bool compressed) {
  if (compressed) spool_ = std::make_unique<FindingSpool>();
}

void FindingSink::add(std::vector<Diagnostic>&& found) {
  if (found.empty()) return;
  if (spool_) {
    spool_->add(std::move(found));
    return;
  }
  std::lock_guard lock(mutex_);
  for (auto& d : found) lists_[d.span.path].push_back(std::move(d));
}

std::vector<Symbol> FindingSink::paths() const {
  if (spool_) return spool_->paths();
  std::lock_guard lock(mutex_);
  std::vector<Symbol> out;
  for (const auto& [path, list] : lists_) out.push_back(path);
  return out;
}

std::vector<Diagnostic> FindingSink::take(const Symbol& path) {
  if (spool_) return spool_->take(path);
  std::lock_guard lock(mutex_);
  const auto it = lists_.find(path);
  if (it == lists_.end()) return {};
  std::vector<Diagnostic> out = std::move(it->second);
  lists_.erase(it);
  return out;
}

Findings FindingSink::finish(const std::vector<FolderAnalysis>& folders, const RuleSelection& selection,
                             const AnalysisOptions& options, const AnalysisInputs& inputs) {
  std::map<Symbol, const ParsedFile*> parsed;
  for (const auto& fa : folders)
    for (const auto& f : fa.files) parsed[f->source->path()] = f.get();
  // --since: only what changed since the ref is reported (everything was
  // replayed), plus the version-order findings about what changed.
  std::vector<GitChanges> changes;
  std::map<Symbol, std::vector<Diagnostic>> order_findings;
  if (options.since)
    for (const auto& fa : folders) {
      changes.push_back(git_changes_since(fa.folder.dir, *options.since));
      for (auto& d : check_changes_since(fa.folder, changes.back()))
        if (selection.enabled(d.rule)) order_findings[d.span.path].push_back(std::move(d));
    }
  const auto changed = [&](const Symbol& path) {
    for (const auto& c : changes)
      if (c.touches(std::filesystem::path(path.str()))) return true;
    return false;
  };
  std::vector<Symbol> all = paths();
  for (const auto& [path, file] : parsed) all.push_back(path);
  for (const auto& [path, found] : order_findings) all.push_back(path);
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  Findings out = compressed() ? Findings::compressed() : Findings();
  for (const Symbol& path : all) {
    std::vector<Diagnostic> list = take(path);
    if (inputs.reported(path.str())) {
      const auto it = parsed.find(path);
      const ParsedFile* file = it == parsed.end() ? nullptr : it->second;
      auto sups = file ? collect_suppressions(*file) : std::vector<Suppression>{};
      finish_with(file, sups, selection, list);
      if (options.since && !changed(path)) list.clear();
    } else {
      list.clear();
    }
    if (const auto it = order_findings.find(path); it != order_findings.end())
      for (auto& d : it->second) list.push_back(std::move(d));
    if (!out.is_compressed()) {
      std::stable_sort(list.begin(), list.end(), diagnostic_less);
      out.append(std::move(list));
      continue;
    }
    // Compressed: the order is sorted as indices (stable_sort of 100,000
    // findings would hold half as many again aside), and the findings go
    // into `out` a few at a time, each freed once encoded.
    std::vector<uint32_t> order(list.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return diagnostic_less(list[a], list[b]); });
    std::vector<Diagnostic> some;
    for (size_t i = 0; i < order.size(); i += 256) {
      for (size_t j = i; j < std::min(order.size(), i + 256); ++j) some.push_back(std::move(list[order[j]]));
      out.append(std::move(some));
      some.clear();
    }
  }
  return out;
}

}  // namespace miglint
