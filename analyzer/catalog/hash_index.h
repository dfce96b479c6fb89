// Positions by hash, open addressing: the schema journal's index of the
// objects it already holds. A look-up reads one slot run of a flat array,
// where a node-based multimap chased a bucket, a node and a list (the
// misses grew with a migration of 100,000 objects).
#pragma once
#include <cstddef>
#include <vector>

namespace miglint::catalog {

class HashIndex {
 public:
  static constexpr size_t npos = static_cast<size_t>(-1);

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }

  // The slot of the first position stored under `hash` for which
  // `matches(position)` holds, or npos.
  template <typename Matches>
  size_t find(size_t hash, Matches matches) const {
    if (slots_.empty()) return npos;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask; slots_[i].pos != npos; i = (i + 1) & mask)
      if (slots_[i].hash == hash && matches(slots_[i].pos)) return i;
    return npos;
  }

  void insert(size_t hash, size_t pos) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    const size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    while (slots_[i].pos != npos) i = (i + 1) & mask;
    slots_[i] = {hash, pos};
    ++size_;
  }

  // Removes the entry at `slot` (from find), shifting back the entries of
  // its run that would no longer be reached (no tombstones).
  void erase(size_t slot) {
    const size_t mask = slots_.size() - 1;
    size_t hole = slot;
    for (size_t j = (hole + 1) & mask; slots_[j].pos != npos; j = (j + 1) & mask) {
      const size_t home = slots_[j].hash & mask;
      // The entry at j stays when its home lies cyclically in (hole, j].
      const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (stays) continue;
      slots_[hole] = slots_[j];
      hole = j;
    }
    slots_[hole].pos = npos;
    --size_;
  }

  // Empties it. The room shrinks when it is far larger than what it held,
  // so that clearing after each small migration costs what that one used.
  void clear() {
    if (size_ == 0) return;
    if (slots_.size() > 64 && size_ * 8 < slots_.size()) {
      std::vector<Slot>().swap(slots_);
    } else {
      for (auto& s : slots_) s.pos = npos;
    }
    size_ = 0;
  }

 private:
  struct Slot {
    size_t hash = 0;
    size_t pos = npos;
  };

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    size_ = 0;
    for (const auto& s : old)
      if (s.pos != npos) insert(s.hash, s.pos);
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace miglint::catalog
