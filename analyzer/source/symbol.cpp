#include "analyzer/source/symbol.h"

#include <array>
#include <mutex>
#include <unordered_set>

namespace miglint {

namespace {

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};

// Shards keep the threads that make findings at once from queueing on one lock.
struct Pool {
  struct Shard {
    std::mutex mutex;
    std::unordered_set<std::string, TextHash, std::equal_to<>> texts;  // nodes do not move: stable addresses
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
  Pool::Shard& shard = pool().shards[h % pool().shards.size()];
  std::lock_guard lock(shard.mutex);
  auto it = shard.texts.find(text);
  if (it == shard.texts.end()) it = shard.texts.emplace(text).first;
  text_ = &*it;
}

const std::string& Symbol::empty_text() {
  static const std::string* e = new std::string;
  return *e;
}

}  // namespace miglint
