#include "analyzer/replay/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "analyzer/catalog/hash_index.h"

namespace miglint::effects {

using catalog::ObjectKind;
using catalog::ObjectRef;
using catalog::QName;

std::string display_name(const QName& q) {
  if (q.schema.empty() || q.schema == "public") return catalog::quote_ident(q.name);
  return q.str();
}

std::string display(const ObjectRef& ref) {
  std::string kind(catalog::object_kind_name(ref.kind));
  switch (ref.kind) {
    case ObjectKind::Column:
    case ObjectKind::Constraint:
    case ObjectKind::Trigger: return kind + " " + display_name(ref.name) + "." + catalog::quote_ident(ref.member);
    case ObjectKind::Function: return kind + " " + display_name(ref.name) + "(" + ref.member + ")";
    case ObjectKind::Schema: return kind + " " + catalog::quote_ident(ref.name.schema);
    case ObjectKind::Extension: return kind + " " + catalog::quote_ident(ref.name.name);
    default: return kind + " " + display_name(ref.name);
  }
}

std::string statement_excerpt(const ParsedFile& file, const Statement& st, size_t max) {
  const std::string_view text = file.text(st.begin, std::max(st.begin, st.end));
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
    if (out.size() >= max) {
      // Never cut inside a UTF-8 sequence.
      while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
      if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
      return out + "…";
    }
  }
  return out;
}

std::vector<MigrationEffects> migration_effects(const catalog::ReplayResult& replay) {
  std::vector<MigrationEffects> out;
  std::map<std::string, size_t> index;
  // Counted first: one migration can have 100,000 statements' effects, and
  // vectors grown by doubling would hold up to twice the room.
  std::vector<std::pair<size_t, size_t>> counts;
  for (const auto& se : replay.effects) {
    auto [it, fresh] = index.try_emplace(se.version, out.size());
    if (fresh) {
      out.push_back(MigrationEffects{se.version, {}, {}, {}, {}});
      counts.emplace_back(0, 0);
    }
    (se.down ? counts[it->second].second : counts[it->second].first) += se.effects.size();
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].up.reserve(counts[i].first);
    out[i].down.reserve(counts[i].second);
  }
  for (const auto& se : replay.effects) {
    auto& m = out[index.find(se.version)->second];
    for (const auto& e : se.effects) (se.down ? m.down : m.up).push_back({&e, se.file, se.statement, se.down});
  }
  for (auto& m : out) {
    m.summary = summarize(m.up);
    m.down_summary = summarize(m.down);
  }
  return out;
}

namespace {

std::string_view verb(Action a) {
  switch (a) {
    case Action::Created: return "creates";
    case Action::Dropped: return "drops";
    case Action::Altered: return "alters";
    case Action::Renamed: return "renames";
  }
  return "alters";
}

std::string_view member_verb(Action a) {
  switch (a) {
    case Action::Created: return "adds";
    case Action::Dropped: return "drops";
    case Action::Altered: return "alters";
    case Action::Renamed: return "renames";
  }
  return "alters";
}

}  // namespace

bool table_member(ObjectKind k) {
  return k == ObjectKind::Column || k == ObjectKind::Constraint || k == ObjectKind::Trigger;
}

ObjectRef rename_target(const ObjectRef& o, std::string_view new_name) {
  ObjectRef n = o;
  if (table_member(o.kind)) n.member = new_name;
  else if (o.kind == ObjectKind::Schema) n.name.schema = new_name;
  else n.name.name = new_name;
  return n;
}

namespace {
// Strings in first-seen order, each once.
class UniqueList {
 public:
  void add(std::string s) {
    if (seen_.insert(s).second) items_.push_back(std::move(s));
  }
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::string& operator[](size_t i) const { return items_[i]; }

 private:
  std::vector<std::string> items_;
  std::unordered_set<std::string> seen_;
};

// The hash of an (action, object) pair, from its parts: the look-ups below
// go through flat indexes of positions, as a migration may hold a hundred
// thousand effects (ordered sets, then hashed sets of one string per pair,
// made their cost grow faster than their number).
size_t action_hash(Action a, ObjectKind kind, const QName& name, std::string_view member = {}) {
  size_t h = static_cast<size_t>(a) * 31 + static_cast<size_t>(kind);
  for (const std::string_view part : {std::string_view(name.schema), std::string_view(name.name), member})
    h = h * 0x9E3779B97F4A7C15ull + std::hash<std::string_view>{}(part);
  return h;
}
}  // namespace

std::string summarize(const std::vector<EffectAt>& effects) {
  // Objects created or dropped as a whole: their members are not listed.
  std::vector<std::pair<Action, const QName*>> whole_tables;
  catalog::HashIndex whole_index;
  for (const auto& ea : effects) {
    const Effect& e = *ea.effect;
    if (e.object.kind != ObjectKind::Table || e.implied || (e.action != Action::Created && e.action != Action::Dropped))
      continue;
    whole_index.insert(action_hash(e.action, ObjectKind::Table, e.object.name), whole_tables.size());
    whole_tables.emplace_back(e.action, &e.object.name);
  }
  const auto whole = [&](Action a, const QName& table) {
    return !whole_tables.empty() && whole_index.find(action_hash(a, ObjectKind::Table, table), [&](size_t pos) {
      return whole_tables[pos].first == a && *whole_tables[pos].second == table;
    }) != catalog::HashIndex::npos;
  };

  // Groups in first-seen order: (action, object) -> member changes.
  struct Group {
    Action action;
    ObjectRef object;
    UniqueList details;
  };
  std::vector<Group> groups;
  catalog::HashIndex group_index;
  UniqueList cascaded;
  auto group_of = [&](Action a, const ObjectRef& o) -> Group& {
    const size_t h = action_hash(a, o.kind, o.name, o.member);
    size_t at = catalog::HashIndex::npos;
    group_index.find(h, [&](size_t pos) {
      if (groups[pos].action != a || groups[pos].object != o) return false;
      at = pos;
      return true;
    });
    if (at != catalog::HashIndex::npos) return groups[at];
    group_index.insert(h, groups.size());
    groups.push_back({a, o, {}});
    return groups.back();
  };
  for (const auto& ea : effects) {
    const Effect& e = *ea.effect;
    if (e.object.kind == ObjectKind::Comment || e.object.kind == ObjectKind::Other) continue;
    if (e.implied) {
      // What a dropped object owns goes with it; CASCADE victims are news.
      if (e.cascade && e.action == Action::Dropped) {
        cascaded.add(display(e.object));
      }
      continue;
    }
    if (table_member(e.object.kind)) {
      if (whole(Action::Created, e.object.name) || whole(Action::Dropped, e.object.name)) continue;
      Group& g = group_of(Action::Altered, {ObjectKind::Table, e.object.name, {}});
      std::string d = fmt::format("{} {} {}", member_verb(e.action), catalog::object_kind_name(e.object.kind),
                                  catalog::quote_ident(e.object.member));
      if (e.action == Action::Altered && !e.detail().empty()) d += " " + e.detail();
      if (e.action == Action::Renamed && !e.new_name().empty()) d += " to " + catalog::quote_ident(e.new_name());
      g.details.add(std::move(d));
      continue;
    }
    if (e.object.kind == ObjectKind::Table && e.action == Action::Altered &&
        (whole(Action::Created, e.object.name) || e.detail().empty())) {
      // The generic "ALTER TABLE happened" effect: only when nothing more precise follows.
      if (whole(Action::Created, e.object.name)) continue;
      group_of(Action::Altered, e.object);
      continue;
    }
    Group& g = group_of(e.action, e.object);
    if (e.action == Action::Renamed && !e.new_name().empty()) {
      g.details.add("to " + catalog::quote_ident(e.new_name()));
    } else if (e.action == Action::Altered && !e.detail().empty()) {
      g.details.add(std::string(e.detail()));
    }
  }
  if (groups.empty() && cascaded.empty()) return effects.empty() ? "no schema changes" : "no named schema changes";

  // "creates table x, index y; alters table z (adds column c)"
  std::vector<std::string> clauses;
  for (Action a : {Action::Created, Action::Altered, Action::Renamed, Action::Dropped}) {
    std::string clause;
    std::string_view last_kind;
    for (const auto& g : groups) {
      if (g.action != a) continue;
      std::string item = display(g.object);
      const std::string_view kind = catalog::object_kind_name(g.object.kind);
      // Repeat the kind only when it changes: "creates table a, b, index c".
      if (kind == last_kind && item.starts_with(std::string(kind) + " ")) item = item.substr(kind.size() + 1);
      last_kind = kind;
      if (!g.details.empty()) {
        item += " (";
        for (size_t i = 0; i < g.details.size(); ++i) item += (i ? ", " : "") + g.details[i];
        item += ")";
      }
      clause += (clause.empty() ? std::string(verb(a)) + " " : ", ") + item;
    }
    if (!clause.empty()) clauses.push_back(clause);
  }
  if (!cascaded.empty()) {
    std::string c = "also drops through CASCADE ";
    for (size_t i = 0; i < cascaded.size(); ++i) c += (i ? ", " : "") + cascaded[i];
    clauses.push_back(c);
  }
  std::string out;
  for (size_t i = 0; i < clauses.size(); ++i) out += (i ? "; " : "") + clauses[i];
  if (groups.size() == 1 && cascaded.empty()) out += "; touches nothing else";
  return out;
}

// ---- names ----

std::optional<std::vector<std::string>> split_identifiers(std::string_view text) {
  std::vector<std::string> parts;
  size_t i = 0;
  const size_t n = text.size();
  auto skip_space = [&] {
    while (i < n && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  skip_space();
  if (i == n) return std::nullopt;
  while (true) {
    skip_space();
    std::string part;
    if (i < n && text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            part += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        part += text[i++];
      }
      if (!closed || part.empty()) return std::nullopt;
    } else {
      while (i < n && text[i] != '.' && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != '"') {
        const char ch = text[i++];
        // PostgreSQL folds only ASCII letters (scansup.c downcase_identifier).
        part += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
      }
      if (part.empty()) return std::nullopt;
    }
    // Identifiers are cut to 63 bytes on a character boundary (NAMEDATALEN - 1).
    if (part.size() > 63) {
      size_t cut = 63;
      while (cut > 0 && (static_cast<unsigned char>(part[cut]) & 0xC0) == 0x80) --cut;
      part.resize(cut);
    }
    parts.push_back(std::move(part));
    skip_space();
    if (i == n) break;
    if (text[i] != '.') return std::nullopt;
    ++i;
  }
  return parts;
}

std::optional<ObjectPattern> parse_pattern(std::string_view kind, std::string_view name, std::string* error) {
  ObjectPattern p;
  p.text = std::string(name);
  auto fail = [&](std::string why) -> std::optional<ObjectPattern> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (kind == "table") p.kind = ObjectKind::Table;
  else if (kind == "column") p.kind = ObjectKind::Column;
  else if (kind == "index") p.kind = ObjectKind::Index;
  else if (kind == "constraint") p.kind = ObjectKind::Constraint;
  else if (kind == "type" || kind == "domain" || kind == "enum") p.kind = ObjectKind::Type;
  else if (kind == "view") p.kind = ObjectKind::View;
  else if (kind == "materialized view") p.kind = ObjectKind::MaterializedView;
  else if (kind == "function" || kind == "procedure") p.kind = ObjectKind::Function;
  else if (kind == "schema") p.kind = ObjectKind::Schema;
  else if (kind == "sequence") p.kind = ObjectKind::Sequence;
  else
    return fail(
        fmt::format("unknown object kind `{}` (expected table, column, index, constraint, type, view, "
                    "function or schema)",
                    kind));
  std::string_view n = name;
  // Functions may carry their argument list; objects are matched by name.
  if (p.kind == ObjectKind::Function)
    if (auto paren = n.find('('); paren != std::string_view::npos) n = n.substr(0, paren);
  auto parts = split_identifiers(n);
  if (!parts) return fail(fmt::format("cannot read the name `{}`", name));
  const size_t k = parts->size();
  switch (p.kind) {
    case ObjectKind::Column:
    case ObjectKind::Constraint:
      if (k < 2 || k > 3)
        return fail(fmt::format("`{}`: a {} is written `[schema.]table.{}`", name, kind,
                                p.kind == ObjectKind::Column ? "column" : "name"));
      if (k == 3) p.schema = (*parts)[0];
      p.table = (*parts)[k - 2];
      p.name = (*parts)[k - 1];
      break;
    case ObjectKind::Schema:
      if (k != 1) return fail(fmt::format("`{}`: a schema name has no dots", name));
      p.schema = (*parts)[0];
      p.name = (*parts)[0];
      break;
    default:
      if (k > 2) return fail(fmt::format("`{}`: expected `[schema.]name`", name));
      if (k == 2) p.schema = (*parts)[0];
      p.name = (*parts)[k - 1];
      break;
  }
  return p;
}

bool ObjectPattern::matches_table(const QName& t) const {
  return t.name == table && (schema.empty() || t.schema == schema);
}

bool ObjectPattern::matches(const ObjectRef& ref) const {
  switch (kind) {
    case ObjectKind::Column:
    case ObjectKind::Constraint: return ref.kind == kind && ref.member == name && matches_table(ref.name);
    case ObjectKind::Schema: return ref.kind == ObjectKind::Schema && ref.name.schema == name;
    case ObjectKind::View:
      return (ref.kind == ObjectKind::View || ref.kind == ObjectKind::MaterializedView) && ref.name.name == name &&
             (schema.empty() || ref.name.schema == schema);
    default: return ref.kind == kind && ref.name.name == name && (schema.empty() || ref.name.schema == schema);
  }
}

std::string ObjectPattern::str() const {
  std::string k(catalog::object_kind_name(kind));
  return k + " " + text;
}

// ---- names ----

namespace {
// FNV-1a over the parts a pattern compares, each ended by a byte no name holds.
uint64_t name_key(ObjectKind kind, std::initializer_list<std::string_view> parts) {
  uint64_t h = 0xcbf29ce484222325ull;
  const auto mix = [&](unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ull;
  };
  mix(static_cast<unsigned char>(kind));
  for (std::string_view p : parts) {
    for (char c : p) mix(static_cast<unsigned char>(c));
    mix(0);
  }
  return h;
}
}  // namespace

void NamedObjects::add_ref(const ObjectRef& r) {
  if (r.kind != ObjectKind::Schema) schemas_.insert(r.name.schema);
  switch (r.kind) {
    case ObjectKind::Column:
    case ObjectKind::Constraint: add_key(name_key(r.kind, {r.member, r.name.name, r.name.schema})); break;
    case ObjectKind::Schema: add_key(name_key(r.kind, {r.name.schema})); break;
    default:
      add_key(name_key(r.kind, {r.name.name, r.name.schema}));
      // A view pattern matches materialized views too.
      if (r.kind == ObjectKind::MaterializedView) add_key(name_key(ObjectKind::View, {r.name.name, r.name.schema}));
      break;
  }
}

void NamedObjects::add_key(uint64_t k) {
  keys_.push_back(k);
  // Most keys repeat (every statement on a table names it again): the
  // unsorted tail is deduplicated and merged in when it outgrows an eighth
  // of the rest.
  if (keys_.size() - sorted_ > std::max<size_t>(sorted_ / 8, 4096)) {
    const auto mid = keys_.begin() + static_cast<std::ptrdiff_t>(sorted_);
    std::sort(mid, keys_.end());
    const auto end = std::unique(mid, keys_.end());
    std::inplace_merge(keys_.begin(), mid, end);
    keys_.erase(std::unique(keys_.begin(), end), keys_.end());
    sorted_ = keys_.size();
  }
}

bool NamedObjects::has(uint64_t k) const {
  const auto mid = keys_.begin() + static_cast<std::ptrdiff_t>(sorted_);
  return std::binary_search(keys_.begin(), mid, k) || std::find(mid, keys_.end(), k) != keys_.end();
}

namespace {
// What a renamed object is called afterwards.
std::set<ObjectRef> renamed_refs(const Effect& e) { return {rename_target(e.object, e.new_name())}; }
}  // namespace

bool names(const ObjectPattern& p, const Effect& e) {
  if (p.matches(e.object)) return true;
  if (e.action != Action::Renamed || e.new_name().empty()) return false;
  const auto now = renamed_refs(e);
  return std::any_of(now.begin(), now.end(), [&](const ObjectRef& r) { return p.matches(r); });
}

void NamedObjects::add(const Effect& e) {
  add_ref(e.object);
  if (e.action == Action::Renamed && !e.new_name().empty())
    for (const auto& r : renamed_refs(e)) add_ref(r);
}

bool NamedObjects::any(const ObjectPattern& p) const {
  switch (p.kind) {
    case ObjectKind::Schema: return has(name_key(p.kind, {p.name}));
    case ObjectKind::Column:
    case ObjectKind::Constraint:
      if (!p.schema.empty()) return has(name_key(p.kind, {p.name, p.table, p.schema}));
      return std::any_of(schemas_.begin(), schemas_.end(), [&](const std::string& s) {
        return has(name_key(p.kind, {p.name, p.table, s}));
      });
    default:
      if (!p.schema.empty()) return has(name_key(p.kind, {p.name, p.schema}));
      return std::any_of(schemas_.begin(), schemas_.end(), [&](const std::string& s) {
        return has(name_key(p.kind, {p.name, s}));
      });
  }
}

}  // namespace miglint::effects
