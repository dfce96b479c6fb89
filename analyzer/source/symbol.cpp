#include "analyzer/source/symbol.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

namespace miglint {

namespace {

struct TextHash {
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};

// Shards keep the threads that make findings at once from queueing on one lock.
// Each keeps its texts in a deque (they never move: stable addresses, and no
// allocation per text for the string object itself) and finds them through
// an open-addressing table of (hash, index) pairs: a large folder interns a
// path per file, and a node-based set cost twice the table's bytes per text.
struct Pool {
  struct Shard {
    std::mutex mutex;
    std::deque<std::string> texts;
    std::vector<uint64_t> slots;  // (hash bits << 32) | (index + 1); 0: empty

    const std::string* intern(std::string_view text, size_t h) {
      if ((texts.size() + 1) * 4 > slots.size() * 3) grow();
      const uint64_t tag = (static_cast<uint64_t>(h) >> 32) << 32;
      const size_t mask = slots.size() - 1;
      for (size_t i = h & mask;; i = (i + 1) & mask) {
        const uint64_t slot = slots[i];
        if (slot == 0) {
          texts.emplace_back(text);
          slots[i] = tag | texts.size();
          return &texts.back();
        }
        if ((slot & ~uint64_t{0xffffffff}) == tag) {
          const std::string& t = texts[(slot & 0xffffffff) - 1];
          if (t == text) return &t;
        }
      }
    }

    void grow() {
      std::vector<uint64_t> old(std::max<size_t>(slots.size() * 2, 64), 0);
      old.swap(slots);
      const size_t mask = slots.size() - 1;
      for (const uint64_t slot : old) {
        if (slot == 0) continue;
        const size_t h = TextHash()(texts[(slot & 0xffffffff) - 1]);
        size_t i = h & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = slot;
      }
    }
  };
  std::array<Shard, 16> shards;
};

Pool& pool() {
  static Pool* p = new Pool;  // never destroyed: Symbols in static objects outlive every destructor order
  return *p;
}

}  // namespace

Symbol::Symbol(std::string_view text) {
  if (text.empty()) return;
  const size_t h = TextHash()(text);
  // The shard from bits the table's probe does not start from.
  Pool::Shard& shard = pool().shards[(h >> 28) % pool().shards.size()];
  std::lock_guard lock(shard.mutex);
  text_ = shard.intern(text, h);
}

const std::string& Symbol::empty_text() {
  static const std::string* e = new std::string;
  return *e;
}

}  // namespace miglint
