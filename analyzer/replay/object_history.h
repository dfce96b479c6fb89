// The objects that exist at each point of a folder's replay (forward, from
// its statements' effects), compact: a walk over a large folder keeps it.
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/catalog/catalog.h"
#include "analyzer/effects/apply.h"
#include "analyzer/replay/summary.h"

namespace miglint::effects {

using catalog::ObjectKind;
using catalog::ObjectRef;

// The names of the objects the history has seen, each text kept once and
// addressed by a 32-bit id: a large folder's objects have a few hundred
// thousand names, and strings per object (in a tree and in an index) were
// most of a walk's memory. Never shrinks (a folder holds only so many
// names); a copy holds no pointer into the original.
class Words {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr uint32_t kMax = 1u << 28;  // ids are below

  uint32_t find(std::string_view s) const {
    if (slots_.empty()) return kNone;
    const uint32_t at = slots_[probe(s)];
    return at ? at - 1 : kNone;
  }
  uint32_t intern(std::string_view s) {
    // Grown at three quarters full.
    if ((starts_.size() + 1) * 4 > slots_.size() * 3) grow();
    const size_t slot = probe(s);
    if (slots_[slot]) return slots_[slot] - 1;
    if (starts_.size() >= kMax) throw std::length_error("unintended-drop: too many names");
    const auto id = static_cast<uint32_t>(starts_.size());
    starts_.push_back(store(s));
    slots_[slot] = id + 1;
    return id;
  }
  std::string_view text(uint32_t id) const {
    const uint32_t start = starts_[id];
    const std::string& block = blocks_[start / kBlock];
    const bool next_here = id + 1 < starts_.size() && starts_[id + 1] / kBlock == start / kBlock;
    const size_t end = next_here ? starts_[id + 1] % kBlock : block.size();
    return std::string_view(block).substr(start % kBlock, end - start % kBlock);
  }
  size_t size() const { return starts_.size(); }

 private:
  // Texts are appended to blocks of kBlock bytes (one growing string would
  // hold up to twice its texts); a text longer than a block has a block of
  // its own. A text's start is its block's number times kBlock plus its
  // offset there, and it ends where the next text in its block starts.
  static constexpr uint32_t kBlock = 1u << 16;

  uint32_t store(std::string_view s) {
    if (blocks_.empty() || blocks_.back().size() + s.size() > kBlock) {
      if (blocks_.size() >= UINT32_MAX / kBlock) throw std::length_error("unintended-drop: too many names");
      blocks_.emplace_back().reserve(std::max<size_t>(kBlock, s.size()));
    }
    std::string& block = blocks_.back();
    const auto start = static_cast<uint32_t>((blocks_.size() - 1) * kBlock + block.size());
    block.append(s);
    return start;
  }
  static size_t hash(std::string_view s) { return std::hash<std::string_view>()(s); }
  // The slot holding s, or the empty slot where it would go.
  size_t probe(std::string_view s) const {
    const size_t mask = slots_.size() - 1;
    size_t i = hash(s) & mask;
    while (slots_[i] && text(slots_[i] - 1) != s) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<uint32_t> slots(std::max<size_t>(slots_.size() * 2, 1024), 0);
    const size_t mask = slots.size() - 1;
    for (uint32_t id = 0; id < starts_.size(); ++id) {
      size_t i = hash(text(id)) & mask;
      while (slots[i]) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    slots_ = std::move(slots);
  }

  std::vector<std::string> blocks_;
  std::vector<uint32_t> starts_;  // by id
  std::vector<uint32_t> slots_;   // open addressing: id + 1, 0 when empty
};

// The objects that exist at each point of a folder's replay, from the
// effects of its statements in order, with the words a name may use for them
// indexed (for the kinds asked for) so that finding what a word names costs a
// lookup, not a pass over every object (which made large folders quadratic). An object is
// its kind and three ids; what a word names is a list threaded through the
// objects (a word such as `id` names a column of nearly every table, most
// words one object).
class ObjectHistory {
 public:
  // `indexed_kinds`: a bit per catalog::ObjectKind, the kinds each_named finds.
  explicit ObjectHistory(uint32_t indexed_kinds = 0) : indexed_(indexed_kinds) {}

  bool exists(const ObjectRef& r) const {
    const Key k = find_key(r);
    return k.kind() != ObjectKind::Other && find(k) != kNone;
  }

  // Applies one effect: created and altered objects exist (an object altered
  // may predate the model), dropped ones do not, a renamed one exists under
  // its new name and a table's members follow it.
  void apply(const Effect& e) {
    const ObjectRef& o = e.object;
    if (o.kind == ObjectKind::Comment || o.kind == ObjectKind::Other) return;
    switch (e.action) {
      case Action::Created:
      case Action::Altered: insert(make_key(o)); break;
      case Action::Dropped: erase(find_key(o)); break;
      case Action::Renamed: {
        if (e.new_name().empty()) break;
        erase(find_key(o));
        const Key t = make_key(o);
        const Key n = make_key(rename_target(o, e.new_name()));
        insert(n);
        // A table's members follow it (a pass over every object: renaming
        // a table is rare).
        if (o.kind != ObjectKind::Table) break;
        std::vector<Key> moved;
        for (const auto& chunk : chunks_)
          for (const Entry& en : chunk)
            if (table_member(en.key.kind()) && en.key.schema() == t.schema() && en.key.name == t.name)
              moved.push_back(en.key);
        for (const Key& k : moved) erase(k);
        for (const Key& k : moved) insert(Key(k.kind(), n.schema(), n.name, k.member));
        break;
      }
    }
  }

  // Calls f for every existing object `word` names: by its own name, and a
  // column also as <table>_<column> and <column>_from_<table>. Those two
  // forms are looked up by splitting the word (every column indexed under
  // three names made the index three times larger; it is searched rarely).
  template <class F>
  void each_named(const std::string& word, F&& f) const {
    if (const uint32_t w = words_.find(word); w < heads_.size())
      for (uint32_t e = heads_[w]; e != kNone; e = at(e).next) f(ref(at(e).key));
    if (column_schemas_.empty()) return;
    const auto column = [&](std::string_view table, std::string_view member) {
      const uint32_t t = words_.find(table), m = words_.find(member);
      if (t == Words::kNone || m == Words::kNone) return;
      for (const auto& [schema, count] : column_schemas_)
        if (const Key k(ObjectKind::Column, schema, t, m); find(k) != kNone) f(ref(k));
    };
    const std::string_view wv = word;
    for (size_t p = word.find('_'); p != std::string::npos; p = word.find('_', p + 1))
      if (p > 0 && p + 1 < word.size()) column(wv.substr(0, p), wv.substr(p + 1));
    for (size_t p = word.find("_from_"); p != std::string::npos; p = word.find("_from_", p + 1))
      if (p > 0 && p + 6 < word.size()) column(wv.substr(p + 6), wv.substr(0, p));
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  // An object as the ids of its names, the kind in the top bits of the
  // schema's (12 bytes: Words stops short of 2^28 names).
  struct Key {
    Key() = default;  // no object (kind Other, never kept)
    Key(ObjectKind kind, uint32_t schema, uint32_t name_id, uint32_t member_id)
        : kind_schema(static_cast<uint32_t>(kind) << 28 | schema), name(name_id), member(member_id) {}
    ObjectKind kind() const { return static_cast<ObjectKind>(kind_schema >> 28); }
    uint32_t schema() const { return kind_schema & (Words::kMax - 1); }
    bool operator==(const Key&) const = default;
    uint32_t kind_schema = static_cast<uint32_t>(ObjectKind::Other) << 28;
    uint32_t name = 0, member = 0;
  };
  static_assert(static_cast<uint32_t>(ObjectKind::Other) < 16);
  struct Entry {
    Key key;
    // Neighbours among the objects the same word names (indexed kinds);
    // for a free entry, next is the next free one.
    uint32_t prev = kNone, next = kNone;
  };

  Key make_key(const ObjectRef& r) {
    return Key(r.kind, words_.intern(r.name.schema), words_.intern(r.name.name), words_.intern(r.member));
  }
  // The key of r, or kind Other when one of its names was never seen.
  Key find_key(const ObjectRef& r) const {
    const uint32_t schema = words_.find(r.name.schema), name = words_.find(r.name.name), member = words_.find(r.member);
    if (schema == Words::kNone || name == Words::kNone || member == Words::kNone) return {};
    return Key(r.kind, schema, name, member);
  }
  ObjectRef ref(const Key& k) const {
    return {k.kind(),
            {std::string(words_.text(k.schema())), std::string(words_.text(k.name))},
            std::string(words_.text(k.member))};
  }
  // What a migration name calls the object.
  static uint32_t word(const Key& k) {
    switch (k.kind()) {
      case ObjectKind::Column:
      case ObjectKind::Constraint: return k.member;
      case ObjectKind::Schema: return k.schema();
      default: return k.name;
    }
  }
  static size_t hash(const Key& k) {
    uint64_t h = (uint64_t{k.kind_schema} << 32 | k.name) * 0x9E3779B97F4A7C15ull;
    h ^= uint64_t{k.member} * 0xC2B2AE3D27D4EB4Full;
    return static_cast<size_t>(h ^ (h >> 29));
  }
  // The entry holding k, or kNone.
  uint32_t find(const Key& k) const {
    if (slots_.empty()) return kNone;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash(k) & mask; slots_[i]; i = (i + 1) & mask)
      if (at(slots_[i] - 1).key == k) return slots_[i] - 1;
    return kNone;
  }

  void insert(const Key& k) {
    if (find(k) != kNone) return;
    if ((live_ + 1) * 4 > slots_.size() * 3) grow();
    uint32_t e = free_;
    if (e != kNone) {
      free_ = at(e).next;
      at(e) = {k};
    } else {
      if (chunks_.empty() || chunks_.back().size() == kChunk) chunks_.emplace_back();
      // (A copy's last chunk holds only what it uses.)
      if (chunks_.back().capacity() < kChunk) chunks_.back().reserve(kChunk);
      e = static_cast<uint32_t>((chunks_.size() - 1) * kChunk + chunks_.back().size());
      chunks_.back().push_back({k});
    }
    ++live_;
    place(e);
    if (!indexed(k.kind())) return;
    const uint32_t w = word(k);
    if (w >= heads_.size()) heads_.resize(words_.size(), kNone);
    at(e).next = heads_[w];
    if (heads_[w] != kNone) at(heads_[w]).prev = e;
    heads_[w] = e;
    if (k.kind() == ObjectKind::Column) ++column_schemas_[k.schema()];
  }

  void erase(const Key& k) {
    if (k.kind() == ObjectKind::Other || slots_.empty()) return;
    const size_t mask = slots_.size() - 1;
    size_t i = hash(k) & mask;
    while (slots_[i] && at(slots_[i] - 1).key != k) i = (i + 1) & mask;
    if (!slots_[i]) return;
    const uint32_t e = slots_[i] - 1;
    // Linear probing without tombstones: later entries of the run move up
    // into the hole when their home slot allows.
    slots_[i] = 0;
    for (size_t j = (i + 1) & mask; slots_[j]; j = (j + 1) & mask) {
      const size_t home = hash(at(slots_[j] - 1).key) & mask;
      if (((j - home) & mask) >= ((j - i) & mask)) {
        slots_[i] = slots_[j];
        slots_[j] = 0;
        i = j;
      }
    }
    Entry& en = at(e);
    if (indexed(k.kind())) {
      (en.prev != kNone ? at(en.prev).next : heads_[word(k)]) = en.next;
      if (en.next != kNone) at(en.next).prev = en.prev;
      if (k.kind() == ObjectKind::Column)
        if (auto s = column_schemas_.find(k.schema()); --s->second == 0) column_schemas_.erase(s);
    }
    en = {};
    en.next = free_;
    free_ = e;
    --live_;
  }

  Entry& at(uint32_t e) { return chunks_[e / kChunk][e % kChunk]; }
  const Entry& at(uint32_t e) const { return chunks_[e / kChunk][e % kChunk]; }

  void place(uint32_t e) {
    const size_t mask = slots_.size() - 1;
    size_t i = hash(at(e).key) & mask;
    while (slots_[i]) i = (i + 1) & mask;
    slots_[i] = e + 1;
  }
  void grow() {
    slots_.assign(std::max<size_t>(slots_.size() * 2, 1024), 0);
    for (uint32_t c = 0; c < chunks_.size(); ++c)
      for (uint32_t i = 0; i < chunks_[c].size(); ++i)
        if (chunks_[c][i].key.kind() != ObjectKind::Other) place(c * kChunk + i);
  }

  bool indexed(ObjectKind k) const { return (indexed_ >> static_cast<unsigned>(k)) & 1u; }

  uint32_t indexed_ = 0;
  Words words_;
  // Entries by number, in chunks of kChunk (one vector would hold up to
  // twice as many as it uses).
  static constexpr uint32_t kChunk = 4096;
  std::vector<std::vector<Entry>> chunks_;
  std::vector<uint32_t> slots_;  // open addressing: entry + 1, 0 when empty
  uint32_t free_ = kNone;        // first free entry
  size_t live_ = 0;
  std::vector<uint32_t> heads_;                // by word id: the first entry it names
  std::map<uint32_t, size_t> column_schemas_;  // schemas of existing columns, with their counts
};

}  // namespace miglint::effects
