#include "analyzer/replay/summary_store.h"

#include <algorithm>

#include "analyzer/source/chunk_store.h"

namespace miglint::effects {

void SummaryStore::add(std::string_view version, std::string_view summary) {
  if (!open_.empty() && open_.size() + summary.size() > kCompressedBlockBytes) seal();
  entries_.push_back({std::string(version), static_cast<uint32_t>(blocks_.size()), static_cast<uint32_t>(open_.size()),
                      static_cast<uint32_t>(summary.size())});
  open_.append(summary);
  indexed_ = false;
}

void SummaryStore::seal() {
  blocks_.push_back(compress_block(open_));
  open_.clear();
}

const SummaryStore::Entry* SummaryStore::entry(std::string_view version) const {
  if (!indexed_) {
    // Sorted when first read, not as added: versions arrive in apply order,
    // which is not their text order ("9" before "10").
    by_version_.resize(entries_.size());
    for (size_t i = 0; i < entries_.size(); ++i) by_version_[i] = static_cast<uint32_t>(i);
    std::stable_sort(by_version_.begin(), by_version_.end(),
                     [&](uint32_t a, uint32_t b) { return entries_[a].version < entries_[b].version; });
    indexed_ = true;
  }
  const auto it = std::lower_bound(by_version_.begin(), by_version_.end(), version,
                                   [&](uint32_t a, std::string_view v) { return entries_[a].version < v; });
  if (it == by_version_.end() || entries_[*it].version != version) return nullptr;
  return &entries_[*it];
}

bool SummaryStore::contains(std::string_view version) const { return entry(version) != nullptr; }

std::optional<std::string> SummaryStore::find(std::string_view version) const {
  const Entry* e = entry(version);
  if (!e) return std::nullopt;
  if (e->block == blocks_.size()) return open_.substr(e->offset, e->bytes);
  if (cached_block_ != e->block) {
    cached_ = decompress_block(blocks_[e->block]);
    cached_block_ = e->block;
  }
  return cached_.substr(e->offset, e->bytes);
}

}  // namespace miglint::effects
