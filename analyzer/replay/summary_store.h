// The one-line summary of what each version's up does to the schema, kept
// for the audit's table while the effects themselves are dropped. A large
// folder has one per migration (megabytes of text): they are kept compressed,
// and the table reads them once, in about the order they were made.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::effects {

class SummaryStore {
 public:
  // A version given twice keeps its first summary.
  void add(std::string_view version, std::string_view summary);
  // The summary of `version`, or nullopt. Not for concurrent readers: the
  // last block read is kept for the next lookup.
  std::optional<std::string> find(std::string_view version) const;
  bool contains(std::string_view version) const;
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    std::string version;
    uint32_t block = 0;  // blocks_.size() while in open_
    uint32_t offset = 0;
    uint32_t bytes = 0;
  };
  const Entry* entry(std::string_view version) const;
  void seal();

  std::deque<Entry> entries_;        // in adding order (no doubling: one per migration)
  std::vector<std::string> blocks_;  // zstd frames
  std::string open_;                 // the block being filled
  // entries_ indexes by version, first added first; rebuilt after an add.
  mutable std::vector<uint32_t> by_version_;
  mutable bool indexed_ = true;
  mutable uint32_t cached_block_ = UINT32_MAX;
  mutable std::string cached_;
};

}  // namespace miglint::effects
