// `unintended-drop`: an up migration destroys something its declared intent
// does not name. Intent is a directive comment in the up,
//   -- miglint:intent drop table runtime_image_pins, drop index idx_x
// or, without one, a migration name `<version>_drop_<object>` /
// `<version>_remove_<object>` whose object resolves to exactly one object that
// exists before the migration and that the up really drops. Without either
// the rule says nothing.
//
// What an intended object owns (a table's columns, indexes, constraints,
// triggers, owned sequences; the indexes and constraints built on an intended
// column) is part of the intent. What merely depends on it and goes only with
// CASCADE (another table's foreign key, a view) is not.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "analyzer/replay/replay.h"
#include "analyzer/replay/summary.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/runner.h"
#include "analyzer/source/strings.h"

namespace miglint {
namespace {

using catalog::ObjectKind;
using catalog::ObjectRef;
using effects::Action;
using effects::Effect;
using effects::ObjectPattern;

// The kinds whose destruction the rule is about.
bool destroyable(ObjectKind k) {
  switch (k) {
    case ObjectKind::Table:
    case ObjectKind::Column:
    case ObjectKind::Index:
    case ObjectKind::Constraint:
    case ObjectKind::Type:
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
    case ObjectKind::Function:
    case ObjectKind::Schema: return true;
    default: return false;
  }
}

bool table_member(ObjectKind k) {
  return k == ObjectKind::Column || k == ObjectKind::Constraint || k == ObjectKind::Trigger;
}

struct Intent {
  std::vector<ObjectPattern> items;
  std::string text;  // "drop table runtime_image_pins"
  // Where it was declared: a directive comment, or the migration name.
  const ParsedFile* file = nullptr;
  size_t begin = 0, end = 0;
  bool from_name = false;
  std::string name;  // the migration name when inferred
};

struct DirectiveError {
  size_t begin = 0, end = 0;
  std::string message;
};

// "drop table a, drop index s.b" → patterns; errors name the bad item.
void parse_directive(std::string_view body, Intent& intent, std::vector<std::string>& errors) {
  size_t start = 0;
  while (start <= body.size()) {
    size_t comma = body.find(',', start);
    if (comma == std::string_view::npos) comma = body.size();
    const std::string item(trim(body.substr(start, comma - start)));
    start = comma + 1;
    if (item.empty()) {
      if (comma == body.size()) break;
      continue;
    }
    std::string_view rest = item;
    auto word = [&]() {
      size_t i = 0;
      while (i < rest.size() && !std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
      std::string w = lower(rest.substr(0, i));
      rest = rest.substr(i);
      while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
      return w;
    };
    std::string verb = word();
    std::string kind = verb;
    if (verb == "drop" || verb == "remove") kind = word();
    if (kind == "materialized") kind.append(" ").append(word());
    std::string error;
    auto p = effects::parse_pattern(kind, trim(rest), &error);
    if (!p) {
      errors.push_back(fmt::format("`{}`: {}", item, error));
    } else {
      intent.items.push_back(std::move(*p));
      intent.text += (intent.text.empty() ? "" : ", ") + fmt::format("drop {} {}", kind, trim(rest));
    }
    if (comma == body.size()) break;
  }
}

// Directives in the comments of the up section.
std::vector<Intent> directives(const Unit& up, std::vector<DirectiveError>& errors) {
  std::vector<Intent> out;
  const ParsedFile& f = *up.file;
  for (const auto& c : f.comments) {
    if (c.begin < up.begin || c.begin >= up.end) continue;
    std::string_view text = f.comment_text(c);
    const size_t at = text.find("miglint:intent");
    if (at == std::string_view::npos) continue;
    std::string_view body = text.substr(at + std::string_view("miglint:intent").size());
    if (!c.line && body.size() >= 2 && body.substr(body.size() - 2) == "*/") body.remove_suffix(2);
    Intent in;
    in.file = &f;
    in.begin = c.begin;
    in.end = c.end;
    std::vector<std::string> errs;
    parse_directive(body, in, errs);
    for (auto& e : errs) errors.push_back({c.begin, c.end, std::move(e)});
    if (in.items.empty() && errs.empty())
      errors.push_back({c.begin, c.end, "empty intent: write `-- miglint:intent drop table name`"});
    out.push_back(std::move(in));
  }
  return out;
}

// The names of the objects the walk has seen, each text kept once and
// addressed by a 32-bit id: a large folder's objects have a few hundred
// thousand names, and strings per object (in a tree and in an index) were
// most of the walk's memory. Never shrinks (a folder holds only so many
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

// The objects that exist before each migration, as ObjectHistory keeps them
// (and applying effects the same way), with the words a migration name may
// use for them indexed so that inferring an intent costs a lookup, not a
// pass over every object (which made large folders quadratic). An object is
// its kind and three ids; what a word names is a list threaded through the
// objects (a word such as `id` names a column of nearly every table, most
// words one object).
class Objects {
 public:
  bool exists(const ObjectRef& r) const {
    const Key k = find_key(r);
    return k.kind() != ObjectKind::Other && find(k) != kNone;
  }

  // ObjectHistory::apply over the compact form.
  void apply(const Effect& e) {
    const ObjectRef& o = e.object;
    if (o.kind == ObjectKind::Comment || o.kind == ObjectKind::Other) return;
    switch (e.action) {
      case Action::Created:
      case Action::Altered: insert(make_key(o)); break;  // an object altered exists (and may predate the model)
      case Action::Dropped: erase(find_key(o)); break;
      case Action::Renamed: {
        if (e.new_name().empty()) break;
        erase(find_key(o));
        Key n = make_key(o);
        const uint32_t to = words_.intern(e.new_name());
        if (table_member(o.kind)) n.member = to;
        else if (o.kind == ObjectKind::Schema) n = Key(o.kind, to, n.name, n.member);
        else n.name = to;
        insert(n);
        // A table's members follow it (a pass over every object: renaming
        // a table is rare).
        if (o.kind != ObjectKind::Table) break;
        std::vector<Key> moved;
        const Key t = make_key(o);
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
    // Neighbours among the objects the same word names (destroyable kinds);
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
    if (!destroyable(k.kind())) return;
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
    if (destroyable(k.kind())) {
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

// `drop_runtime_image_pins` → the one object the rest of the name resolves to
// among the objects that exist before the migration. Exact names only (no
// plural/singular guessing): `drop_<name>`, `drop_<kind>_<name>`,
// `drop_<name>_<kind>`, and for columns `drop_<table>_<column>` or
// `drop_<column>_from_<table>`; a bare column name counts when exactly one
// table has it and nothing else is called so.
std::optional<ObjectRef> infer(std::string_view migration_name, const Objects& existing, std::string& what) {
  std::string n = lower(migration_name);
  for (auto& ch : n)
    if (ch == '-' || ch == ' ' || ch == '.') ch = '_';
  std::string rest;
  for (std::string_view prefix : {"drop_", "remove_"})
    if (n.starts_with(prefix)) rest = n.substr(prefix.size());
  if (rest.empty()) return std::nullopt;
  struct Candidate {
    std::optional<ObjectKind> kind;
    std::string name;
  };
  std::vector<Candidate> cands{{std::nullopt, rest}};
  const std::pair<std::string_view, ObjectKind> kinds[] = {
      {"table", ObjectKind::Table},       {"index", ObjectKind::Index},
      {"column", ObjectKind::Column},     {"view", ObjectKind::View},
      {"type", ObjectKind::Type},         {"enum", ObjectKind::Type},
      {"function", ObjectKind::Function}, {"constraint", ObjectKind::Constraint},
      {"schema", ObjectKind::Schema}};
  for (const auto& [word, kind] : kinds) {
    const std::string pre = std::string(word).append("_"), post = std::string("_").append(word);
    if (rest.starts_with(pre) && rest.size() > pre.size()) cands.push_back({kind, rest.substr(pre.size())});
    if (rest.ends_with(post) && rest.size() > post.size())
      cands.push_back({kind, rest.substr(0, rest.size() - post.size())});
  }
  std::set<ObjectRef> found;
  for (const auto& c : cands) {
    existing.each_named(c.name, [&](const ObjectRef& r) {
      if (!c.kind || *c.kind == r.kind || (*c.kind == ObjectKind::View && r.kind == ObjectKind::MaterializedView))
        found.insert(r);
    });
  }
  if (found.size() != 1) return std::nullopt;
  what = rest;
  return *found.begin();
}

ObjectPattern pattern_of(const ObjectRef& r) {
  ObjectPattern p;
  p.kind = r.kind;
  switch (r.kind) {
    case ObjectKind::Column:
    case ObjectKind::Constraint:
      p.schema = r.name.schema;
      p.table = r.name.name;
      p.name = r.member;
      p.text = effects::display_name(r.name) + "." + catalog::quote_ident(r.member);
      break;
    case ObjectKind::Schema:
      p.schema = p.name = r.name.schema;
      p.text = catalog::quote_ident(r.name.schema);
      break;
    default:
      p.schema = r.name.schema;
      p.name = r.name.name;
      p.text = effects::display_name(r.name);
      break;
  }
  return p;
}

// Is `ref` the intended object or something it owns?
bool covered_ref(const Intent& in, const ObjectRef& ref, const ObjectRef& owner, const std::vector<std::string>& uses) {
  for (const auto& p : in.items) {
    if (p.matches(ref)) return true;
    if (p.kind == ObjectKind::Table) {
      const auto tab = [&](const catalog::QName& q) {
        return q.name == p.name && (p.schema.empty() || q.schema == p.schema);
      };
      if (table_member(ref.kind) && tab(ref.name)) return true;
      if ((ref.kind == ObjectKind::Index || ref.kind == ObjectKind::Sequence) && owner.kind == ObjectKind::Table &&
          tab(owner.name))
        return true;
    }
    if (p.kind == ObjectKind::Column) {
      // Indexes and constraints built on the intended column go with it.
      const catalog::QName& table = ref.kind == ObjectKind::Index ? owner.name : ref.name;
      if ((ref.kind == ObjectKind::Index || ref.kind == ObjectKind::Constraint) && p.matches_table(table) &&
          std::find(uses.begin(), uses.end(), p.name) != uses.end())
        return true;
    }
  }
  return false;
}

bool covered(const Intent& in, const Effect& e) {
  if (covered_ref(in, e.object, e.owner(), e.uses())) return true;
  // Owned consequences of an intended object (not CASCADE victims).
  return e.implied && !e.cascade && covered_ref(in, e.via(), {}, {});
}

// The walk over one folder: the objects that exist before each migration
// (and the names that resolve to them), every object ever named, and the
// findings that depend on the whole folder (a directive naming an object
// that never exists), decided at the end.
class Walk final : public FolderWalk {
 public:
  Walk() = default;
  Walk(const Walk&) = default;  // values only: a copy shares nothing with the original
  Walk& operator=(const Walk&) = delete;
  std::unique_ptr<FolderWalk> clone() const override { return std::make_unique<Walk>(*this); }

  void finish(FolderContext& ctx) override {
    for (auto& [d, p] : unless_named_)
      if (!named_.any(p)) ctx.emit(std::move(d));
    unless_named_.clear();
  }

  void step(FolderContext& ctx, const FolderStep& st) override {
    for (const auto& se : st)
      for (const auto& e : se.effects) named_.add(e);
    const Migration* m = st.migration;
    const Unit* up = st.up;
    // Intent: directives first, else the migration name.
    std::vector<DirectiveError> errors;
    std::vector<Intent> declared = up ? directives(*up, errors) : std::vector<Intent>{};
    for (const auto& e : errors)
      ctx.emit(ctx.make(make_span(*up->file->source, e.begin, e.end), "cannot read the intent directive: " + e.message,
                        "write `-- miglint:intent drop table name, drop index other` (kinds: table, column, index, "
                        "constraint, type, view, function, schema)"));
    std::optional<Intent> intent;
    if (!declared.empty()) {
      Intent merged = declared.front();
      for (size_t k = 1; k < declared.size(); ++k) {
        merged.items.insert(merged.items.end(), declared[k].items.begin(), declared[k].items.end());
        merged.text += ", " + declared[k].text;
      }
      if (!merged.items.empty()) intent = std::move(merged);
      // An intent naming an object that never exists protects nothing
      // (known once every migration is walked).
      for (const auto& d : declared)
        for (const auto& p : d.items)
          unless_named_.emplace_back(
              ctx.make(make_span(*d.file->source, d.begin, d.end),
                       fmt::format("the intent names {}, which never exists in this folder", p.str()),
                       "fix the name (unquoted names fold to lower case) so the intent says what is dropped"),
              p);
    } else if (m && up) {
      std::string what;
      if (auto ref = infer(m->name, existing_, what)) {
        Intent in;
        in.items.push_back(pattern_of(*ref));
        in.text = "drop " + in.items.back().str();
        in.file = up->file;
        in.from_name = true;
        in.name = m->name;
        intent = std::move(in);
      }
    }

    const auto ups = [&](const auto& f) {
      for (const auto& se : st)
        if (!se.down) f(se);
    };
    if (!intent) {
      ups([&](const catalog::StatementEffects& se) {
        for (const auto& e : se.effects) existing_.apply(e);
      });
      return;
    }
    // What existed before the up, of the objects the up touches.
    std::set<ObjectRef> before;
    ups([&](const catalog::StatementEffects& se) {
      for (const auto& e : se.effects)
        if (existing_.exists(e.object)) before.insert(e.object);
    });
    ups([&](const catalog::StatementEffects& se) {
      for (const auto& e : se.effects) existing_.apply(e);
    });
    // A name is evidence of intent only when the up really drops the object
    // it names (`remove_readme_from_crates` dropping `readme_file` is a name
    // that means something else, not a declaration).
    bool confirmed = !intent->from_name;
    ups([&](const catalog::StatementEffects& se) {
      for (const auto& e : se.effects)
        if (e.action == Action::Dropped && intent->items.front().matches(e.object)) confirmed = true;
    });
    if (confirmed)
      ups([&](const catalog::StatementEffects& se) {
        check_statement(ctx, *intent, se, before, existing_, [&](Diagnostic d) { ctx.emit(std::move(d)); });
      });
  }

 private:
  Objects existing_;
  effects::NamedObjects named_;
  std::vector<std::pair<Diagnostic, ObjectPattern>> unless_named_;

  static void check_statement(const FolderContext& ctx, const Intent& in, const catalog::StatementEffects& se,
                              const std::set<ObjectRef>& before, const Objects& after,
                              const std::function<void(Diagnostic)>& report) {
    if (!se.file || !se.statement) return;
    std::set<ObjectRef> reported;
    for (const auto& e : se.effects) {
      if (e.action != Action::Dropped || !destroyable(e.object.kind)) continue;
      // Only what existed before and is gone after (a rebuilt index is not destroyed).
      if (!before.count(e.object) || after.exists(e.object)) continue;
      if (covered(in, e)) continue;
      std::string msg;
      if (!e.implied) {
        msg = fmt::format("drops {}, which the intent ({}) does not name", effects::display(e.object), in.text);
      } else if (e.cascade) {
        msg = fmt::format("dropping {} CASCADE also drops {}, which the intent ({}) does not name",
                          effects::display(e.via()), effects::display(e.object), in.text);
      } else {
        continue;  // owned by an unintended object: reported with that object
      }
      if (!reported.insert(e.object).second) continue;
      const size_t b = e.begin < e.end ? e.begin : se.statement->begin;
      const size_t end = e.begin < e.end ? e.end : se.statement->end;
      auto d = ctx.make(make_span(*se.file->source, b, end), std::move(msg),
                        "name it in the intent (`-- miglint:intent drop table a, drop view b`) if it is meant to "
                        "go, or change the statement so it leaves it alone");
      if (in.from_name)
        d.notes.push_back(
            {make_span(*in.file->source, 0, 0), fmt::format("intent inferred from the migration name `{}`", in.name)});
      else d.notes.push_back({make_span(*in.file->source, in.begin, in.end), "intent declared here"});
      report(std::move(d));
    }
  }
};

class UnintendedDrop final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"unintended-drop", Severity::Error,
                            "an up migration destroys something its declared intent does not name", "schema"};
    return m;
  }
  std::unique_ptr<FolderWalk> walk_folder(const FolderContext&) const override { return std::make_unique<Walk>(); }
};

}  // namespace

std::unique_ptr<Rule> make_unintended_drop() { return std::make_unique<UnintendedDrop>(); }

}  // namespace miglint
