#include "analyzer/catalog/catalog.h"

#include <algorithm>
#include <array>
#include <utility>

namespace miglint::catalog {
namespace {

enum StoreId {
  kTables,
  kViews,
  kIndexes,
  kSequences,
  kTypes,
  kFunctions,
  kTriggers,
  kSchemas,
  kExtensions,
  kComments,
  kUncertain,
  kConnames,
  kDeps,
  kUnsure,
  kSeenSchemas
};

bool is_keyword_like(std::string_view id) {
  // Reserved words that pg_dump would quote; a short list of the common ones.
  static const std::set<std::string_view> kw = {"all",          "analyse",
                                                "analyze",      "and",
                                                "any",          "array",
                                                "as",           "asc",
                                                "asymmetric",   "both",
                                                "case",         "cast",
                                                "check",        "collate",
                                                "column",       "constraint",
                                                "create",       "current_catalog",
                                                "current_date", "current_role",
                                                "current_time", "current_timestamp",
                                                "current_user", "default",
                                                "deferrable",   "desc",
                                                "distinct",     "do",
                                                "else",         "end",
                                                "except",       "false",
                                                "fetch",        "for",
                                                "foreign",      "from",
                                                "grant",        "group",
                                                "having",       "in",
                                                "initially",    "intersect",
                                                "into",         "lateral",
                                                "leading",      "limit",
                                                "localtime",    "localtimestamp",
                                                "not",          "null",
                                                "offset",       "on",
                                                "only",         "or",
                                                "order",        "placing",
                                                "primary",      "references",
                                                "returning",    "select",
                                                "session_user", "some",
                                                "symmetric",    "table",
                                                "then",         "to",
                                                "trailing",     "true",
                                                "union",        "unique",
                                                "user",         "using",
                                                "variadic",     "when",
                                                "where",        "window",
                                                "with"};
  return kw.count(id) != 0;
}

// A use count as the count maps store it. Nearly every count is small (one
// index per dependency entry, one table per constraint name), and a large
// schema holds hundreds of thousands of them: small ones share one
// allocation per value instead of one per entry.
Ptr<int> count_ptr(int n) {
  if (n <= 0) return nullptr;
  static const std::array<Ptr<int>, 16> small = [] {
    std::array<Ptr<int>, 16> a;
    for (int i = 0; i < static_cast<int>(a.size()); ++i) a[static_cast<size_t>(i)] = std::make_shared<const int>(i);
    return a;
  }();
  return n < static_cast<int>(small.size()) ? small[static_cast<size_t>(n)] : std::make_shared<const int>(n);
}

size_t utf8_clip(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s.size();
  size_t n = max_bytes;
  // Step back over continuation bytes so a multibyte character is never split.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace

std::string quote_ident(std::string_view id) {
  bool safe = !id.empty() && ((id[0] >= 'a' && id[0] <= 'z') || id[0] == '_');
  for (char ch : id)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) safe = false;
  if (safe && !is_keyword_like(id)) return std::string(id);
  std::string out = "\"";
  for (char ch : id) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string QName::str() const {
  if (schema.empty()) return quote_ident(name);
  return quote_ident(schema) + "." + quote_ident(name);
}

std::string_view constraint_kind_name(ConstraintKind k) {
  switch (k) {
    case ConstraintKind::PrimaryKey: return "PRIMARY KEY";
    case ConstraintKind::Unique: return "UNIQUE";
    case ConstraintKind::Check: return "CHECK";
    case ConstraintKind::ForeignKey: return "FOREIGN KEY";
    case ConstraintKind::Exclude: return "EXCLUDE";
  }
  return "constraint";
}

std::string_view object_kind_name(ObjectKind k) {
  switch (k) {
    case ObjectKind::Schema: return "schema";
    case ObjectKind::Table: return "table";
    case ObjectKind::Column: return "column";
    case ObjectKind::Constraint: return "constraint";
    case ObjectKind::Index: return "index";
    case ObjectKind::Sequence: return "sequence";
    case ObjectKind::View: return "view";
    case ObjectKind::MaterializedView: return "materialized view";
    case ObjectKind::Type: return "type";
    case ObjectKind::Function: return "function";
    case ObjectKind::Trigger: return "trigger";
    case ObjectKind::Extension: return "extension";
    case ObjectKind::Comment: return "comment";
    case ObjectKind::Other: return "object";
  }
  return "object";
}

std::string ObjectRef::str() const {
  std::string s(object_kind_name(kind));
  s += ' ';
  if (kind == ObjectKind::Column || kind == ObjectKind::Constraint || kind == ObjectKind::Trigger) {
    s += quote_ident(member) + " on " + name.str();
  } else if (kind == ObjectKind::Function) {
    s += name.str() + "(" + member + ")";
  } else {
    s += name.str();
  }
  return s;
}

const Column* Table::column(std::string_view n) const {
  for (const auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}
Column* Table::column(std::string_view n) {
  for (auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}
const Constraint* Table::constraint(std::string_view n) const {
  for (const auto& c : constraints)
    if (c.name == n) return &c;
  return nullptr;
}
std::string not_null_sql(const Column& c) {
  if (!c.not_null) return "";
  std::string s = c.not_null_name.empty() ? "" : " CONSTRAINT " + quote_ident(c.not_null_name);
  s += " NOT NULL";
  if (c.not_null_invalid) s += " NOT VALID";
  return s;
}

const Column* Table::not_null_constraint(std::string_view n) const {
  for (const auto& c : columns)
    if (c.not_null && !c.not_null_name.empty() && c.not_null_name == n) return &c;
  return nullptr;
}
Column* Table::not_null_constraint(std::string_view n) {
  return const_cast<Column*>(std::as_const(*this).not_null_constraint(n));
}

std::string table_key(const QName& n) { return "table:" + n.key(); }
std::string view_key(const QName& n) { return "view:" + n.key(); }
std::string index_key(const QName& n) { return "index:" + n.key(); }
std::string sequence_key(const QName& n) { return "sequence:" + n.key(); }
std::string type_key(const QName& n) { return "type:" + n.key(); }
std::string function_key(const std::string& sig) { return "function:" + sig; }
std::string trigger_key(const QName& table, const std::string& name) {
  return "trigger:" + table.key() + '\x1f' + name;
}

Catalog::Catalog() {
  search_path_ = {"public"};
  schemas_["public"] = count_ptr(1);
}

void Catalog::set_search_path(std::vector<std::string> path) { search_path_ = std::move(path); }

std::string Catalog::creation_schema() const {
  for (const auto& s : search_path_)
    if (has_schema(s)) return s;
  return search_path_.empty() ? std::string() : "public";
}

template <typename T>
void Catalog::store(int id, std::map<std::string, Ptr<T>>& m, const std::string& k, Ptr<T> v) {
  auto it = m.find(k);
  Ptr<T> prev = it == m.end() ? nullptr : it->second;
  journal_.push_back({id, k, prev});
  if (v) {
    if (it == m.end()) m.emplace(k, std::move(v));
    else it->second = std::move(v);
  } else if (it != m.end()) {
    m.erase(it);
  }
}

std::string Catalog::dep_key(const std::string& target, const std::string& dependent) {
  return target + '\x1e' + dependent;
}

void Catalog::add_dep(const std::string& target, const std::string& dependent, int delta) {
  // One entry per (target, dependent) pair: a change costs O(log n), never a
  // copy of every dependent of a popular target.
  const std::string k = dep_key(target, dependent);
  auto cur = find(deps_, k);
  const int n = (cur ? *cur : 0) + delta;
  store<int>(kDeps, deps_, k, count_ptr(n));
}

std::vector<std::string> Catalog::dependents(const std::string& target) const {
  std::vector<std::string> out;
  const std::string prefix = target + '\x1e';
  for (auto it = deps_.lower_bound(prefix); it != deps_.end() && it->first.starts_with(prefix); ++it)
    out.push_back(it->first.substr(prefix.size()));
  return out;
}

void Catalog::table_dep_keys(const Table& t, std::vector<std::string>& connames, std::vector<std::string>& deps) const {
  const std::string self = table_key(t.name);
  for (const auto& c : t.constraints) {
    if (c.name.empty()) continue;
    connames.push_back(t.name.schema + '\x1f' + c.name);
    if (c.kind == ConstraintKind::ForeignKey && !(c.ref_table == t.name))
      deps.push_back(dep_key(table_key(c.ref_table), "fk:" + t.name.key() + '\x1f' + c.name));
  }
  for (const auto& col : t.columns)
    if (!col.not_null_name.empty()) connames.push_back(t.name.schema + '\x1f' + col.not_null_name.str());
  if (t.partition_of) deps.push_back(dep_key(table_key(*t.partition_of), self));
  for (const auto& p : t.inherits) deps.push_back(dep_key(table_key(p), self));
  for (const auto& col : t.columns) {
    // A column of a user type depends on it; built-in names never resolve to one.
    std::string tn = col.type;
    while (tn.size() > 2 && tn.ends_with("[]")) tn.resize(tn.size() - 2);
    QName q;
    auto dot = tn.find('.');
    if (dot != std::string::npos && tn.find('(') == std::string::npos) {
      q = {tn.substr(0, dot), tn.substr(dot + 1)};
    } else {
      q = {"public", tn};
    }
    if (q.name.size() >= 2 && q.name.front() == '"' && q.name.back() == '"')
      q.name = q.name.substr(1, q.name.size() - 2);
    if (types_.count(q.key())) deps.push_back(dep_key(type_key(q), self + '\x1f' + col.name));
    if (!col.default_seq.empty())
      deps.push_back(dep_key("sequence:" + col.default_seq, "default:" + t.name.key() + '\x1f' + col.name));
  }
}

void Catalog::shift_counts(int id, std::map<std::string, Ptr<int>>& m, std::vector<std::string>& removed,
                           std::vector<std::string>& added) {
  std::sort(removed.begin(), removed.end());
  std::sort(added.begin(), added.end());
  size_t i = 0, j = 0;
  while (i < removed.size() || j < added.size()) {
    const std::string& k = j == added.size() || (i < removed.size() && removed[i] < added[j]) ? removed[i] : added[j];
    int ko = 0, kn = 0;
    while (i < removed.size() && removed[i] == k) ++i, ++ko;
    while (j < added.size() && added[j] == k) ++j, ++kn;
    // As if each removed holding were dropped one by one (a count never goes
    // below zero) and each added one added after.
    const auto cur = find(m, k);
    const int c = cur ? *cur : 0;
    const int n = std::max(c - ko, 0) + kn;
    if (n != c) store<int>(id, m, k, count_ptr(n));
  }
}

void Catalog::replace_table_deps(const Table* old, const Table* now) {
  // Only the entries that change are written: a table altered column by
  // column kept rewriting (and journaling) every entry it holds.
  std::vector<std::string> old_connames, old_deps, new_connames, new_deps;
  if (old) table_dep_keys(*old, old_connames, old_deps);
  if (now) table_dep_keys(*now, new_connames, new_deps);
  shift_counts(kConnames, connames_, old_connames, new_connames);
  shift_counts(kDeps, deps_, old_deps, new_deps);
}

void Catalog::view_deps(const View& v, int delta) {
  for (const auto& u : v.uses) add_dep(u, view_key(v.name), delta);
}

std::optional<std::string> Catalog::comment(const std::string& objkey) const {
  auto c = find(comments_, objkey);
  if (!c) return std::nullopt;
  return *c;
}

bool Catalog::relation_exists(const QName& n) const {
  const auto k = n.key();
  if (tables_.count(k) || views_.count(k) || indexes_.count(k) || sequences_.count(k)) return true;
  auto t = find(types_, k);
  return t && t->kind == TypeKind::Composite;
}

bool Catalog::constraint_name_used(const std::string& schema, const std::string& name) const {
  // Table and domain constraints alike (they share the namespace).
  return connames_.count(schema + '\x1f' + name) != 0;
}

std::vector<Ptr<Function>> Catalog::functions_named(const QName& n) const {
  std::vector<Ptr<Function>> out;
  const std::string prefix = n.str() + "(";
  for (auto it = functions_.lower_bound(prefix); it != functions_.end() && it->first.starts_with(prefix); ++it)
    out.push_back(it->second);
  return out;
}

namespace {
// Built up by copying and appending, an object's lists keep room to grow
// (a table that gained a column has room for as many again). Nothing else
// holds them at a commit, where they are made to fit.
template <typename T>
void fit(std::vector<T>& v) {
  if (v.capacity() != v.size()) v.shrink_to_fit();
}
void fit(Table& t) {
  fit(t.columns);
  fit(t.constraints);
  for (auto& k : t.constraints) {
    fit(k.columns);
    fit(k.include);
    fit(k.ref_columns);
    k.uses.shrink_to_fit();
  }
  for (auto& c : t.columns) c.generated_uses.shrink_to_fit();
  fit(t.inherits);
}
void fit(Index& ix) {
  fit(ix.keys);
  fit(ix.include);
  ix.uses.shrink_to_fit();
}
}  // namespace

void Catalog::commit() {
  // The current versions of what the journal says changed were made (not
  // const) by this replay; a commit is between migrations, when no
  // statement holds a reference into them.
  for (const Entry& e : journal_) {
    if (e.store == kTables) {
      if (const auto it = tables_.find(e.key); it != tables_.end() && it->second) fit(const_cast<Table&>(*it->second));
    } else if (e.store == kIndexes) {
      if (const auto it = indexes_.find(e.key); it != indexes_.end() && it->second)
        fit(const_cast<Index&>(*it->second));
    }
  }
  journal_.clear();
  checkpoint_at_ = compacted_end_ = 0;
  journaled_.clear();
}

size_t Catalog::checkpoint() {
  checkpoint_at_ = compacted_end_ = journal_.size();
  journaled_.clear();
  return journal_.size();
}

size_t Catalog::entry_hash(int store, const std::string& key) {
  return std::hash<std::string>()(key) * 31 + static_cast<size_t>(store);
}

size_t Catalog::journaled(int store, const std::string& key, size_t hash) const {
  return journaled_.find(hash, [&](size_t pos) { return journal_[pos].store == store && journal_[pos].key == key; });
}

void Catalog::statement_done() {
  // An entry for an object already journaled since the checkpoint holds an
  // intermediate value nothing will ask for: rollback and slice_at go back
  // to checkpoints, and the earlier entry holds the value there.
  size_t out = compacted_end_;
  for (size_t i = compacted_end_; i < journal_.size(); ++i) {
    const size_t h = entry_hash(journal_[i].store, journal_[i].key);
    if (journaled(journal_[i].store, journal_[i].key, h) != HashIndex::npos) continue;
    if (out != i) journal_[out] = std::move(journal_[i]);
    journaled_.insert(h, out);
    ++out;
  }
  journal_.erase(journal_.begin() + static_cast<std::ptrdiff_t>(out), journal_.end());
  compacted_end_ = journal_.size();
}

namespace {
// A NOT NULL constraint's name as PostgreSQL 18 keeps it: given when the
// column becomes NOT NULL (explicit, else `<table>_<column>_not_null`, unique
// in the schema), kept through renames, gone with the constraint. Before 18
// there is no such constraint.
bool has_not_null_constraint(const Column& c, int pg_version) { return pg_version >= 18 && c.not_null; }
// A column whose NOT NULL constraint name is missing, or set where there is no such constraint.
bool not_null_name_stale(const Column& c, int pg_version) {
  return has_not_null_constraint(c, pg_version) ? c.not_null_name.empty()
                                                : !c.not_null_name.empty() || c.not_null_invalid;
}
bool needs_not_null_names(const Table& t, int pg_version) {
  return std::any_of(t.columns.begin(), t.columns.end(),
                     [&](const Column& c) { return not_null_name_stale(c, pg_version); });
}
}  // namespace

void Catalog::name_not_nulls(Table& t) const {
  std::set<std::string> taken;
  for (const auto& k : t.constraints) taken.insert(k.name);
  for (const auto& c : t.columns)
    if (!c.not_null_name.empty()) taken.insert(c.not_null_name);
  for (auto& c : t.columns) {
    if (!not_null_name_stale(c, pg_version_)) continue;
    if (!has_not_null_constraint(c, pg_version_)) {
      c.not_null_name.clear();
      c.not_null_invalid = false;
      continue;
    }
    const auto name = choose_constraint_name(*this, t.name.schema, t.name.name, c.name, "not_null", taken);
    taken.insert(name);
    c.not_null_name = name;
  }
}

void Catalog::put_table(Ptr<Table> t) {
  if (needs_not_null_names(*t, pg_version_)) {
    auto named = std::make_shared<Table>(*t);
    name_not_nulls(*named);
    t = std::move(named);
  }
  const auto old = find(tables_, t->name.key());
  replace_table_deps(old.get(), t.get());
  const auto k = t->name.key();
  store<Table>(kTables, tables_, k, std::move(t));
}
void Catalog::erase_table(const QName& n) {
  if (auto old = find(tables_, n.key())) replace_table_deps(old.get(), nullptr);
  store<Table>(kTables, tables_, n.key(), nullptr);
}
void Catalog::put_view(Ptr<View> v) {
  if (auto old = find(views_, v->name.key())) view_deps(*old, -1);
  view_deps(*v, +1);
  const auto k = v->name.key();
  store<View>(kViews, views_, k, std::move(v));
}
void Catalog::erase_view(const QName& n) {
  if (auto old = find(views_, n.key())) view_deps(*old, -1);
  store<View>(kViews, views_, n.key(), nullptr);
}
void Catalog::put_index(Ptr<Index> i) {
  if (auto old = find(indexes_, i->name.key())) add_dep(table_key(old->table), index_key(old->name), -1);
  add_dep(table_key(i->table), index_key(i->name), +1);
  const auto k = i->name.key();
  store<Index>(kIndexes, indexes_, k, std::move(i));
}
void Catalog::erase_index(const QName& n) {
  if (auto old = find(indexes_, n.key())) add_dep(table_key(old->table), index_key(old->name), -1);
  store<Index>(kIndexes, indexes_, n.key(), nullptr);
}
void Catalog::put_sequence(Ptr<Sequence> s) {
  if (auto old = find(sequences_, s->name.key()); old && old->owned_table)
    add_dep(table_key(*old->owned_table), sequence_key(old->name), -1);
  if (s->owned_table) add_dep(table_key(*s->owned_table), sequence_key(s->name), +1);
  const auto k = s->name.key();
  store<Sequence>(kSequences, sequences_, k, std::move(s));
}
void Catalog::erase_sequence(const QName& n) {
  if (auto old = find(sequences_, n.key()); old && old->owned_table)
    add_dep(table_key(*old->owned_table), sequence_key(old->name), -1);
  store<Sequence>(kSequences, sequences_, n.key(), nullptr);
}
void Catalog::put_type(Ptr<Type> t) {
  const auto k = t->name.key();
  if (auto old = find(types_, k)) domain_connames(*old, -1);
  domain_connames(*t, +1);
  store<Type>(kTypes, types_, k, std::move(t));
}
void Catalog::erase_type(const QName& n) {
  if (auto old = find(types_, n.key())) domain_connames(*old, -1);
  store<Type>(kTypes, types_, n.key(), nullptr);
}

// A domain's CHECK names count as used constraint names of its schema, kept
// in the same journaled counts as table constraints (a lookup, not a scan of
// every type, when PostgreSQL's implicit names are chosen).
void Catalog::domain_connames(const Type& t, int delta) {
  if (t.kind != TypeKind::Domain) return;
  for (const auto& c : t.checks) {
    if (c.first.empty()) continue;
    const auto ck = t.name.schema + '\x1f' + c.first;
    const auto cur = find(connames_, ck);
    const int n = (cur ? *cur : 0) + delta;
    store<int>(kConnames, connames_, ck, count_ptr(n));
  }
}
void Catalog::put_function(Ptr<Function> f) {
  const auto k = f->signature();
  store<Function>(kFunctions, functions_, k, std::move(f));
}
void Catalog::erase_function(const std::string& sigkey) { store<Function>(kFunctions, functions_, sigkey, nullptr); }
void Catalog::put_trigger(Ptr<Trigger> t) {
  const auto k = t->table.key() + '\x1f' + t->name;
  if (auto old = find(triggers_, k)) {
    add_dep(table_key(old->table), trigger_key(old->table, old->name), -1);
    add_dep(function_key(old->function.str() + "()"), trigger_key(old->table, old->name), -1);
  }
  add_dep(table_key(t->table), trigger_key(t->table, t->name), +1);
  add_dep(function_key(t->function.str() + "()"), trigger_key(t->table, t->name), +1);
  store<Trigger>(kTriggers, triggers_, k, std::move(t));
}
void Catalog::erase_trigger(const QName& table, const std::string& name) {
  const auto k = table.key() + '\x1f' + name;
  if (auto old = find(triggers_, k)) {
    add_dep(table_key(old->table), trigger_key(old->table, old->name), -1);
    add_dep(function_key(old->function.str() + "()"), trigger_key(old->table, old->name), -1);
  }
  store<Trigger>(kTriggers, triggers_, k, nullptr);
}
void Catalog::add_schema(const std::string& s) {
  store<int>(kSchemas, schemas_, s, count_ptr(1));
  if (!seen_schemas_.count(s)) store<int>(kSeenSchemas, seen_schemas_, s, count_ptr(1));
}
void Catalog::erase_schema(const std::string& s) {
  store<int>(kSchemas, schemas_, s, nullptr);
  if (!seen_schemas_.count(s)) store<int>(kSeenSchemas, seen_schemas_, s, count_ptr(1));
}
void Catalog::put_extension(Ptr<Extension> e) {
  const auto k = e->name;
  store<Extension>(kExtensions, extensions_, k, std::move(e));
}
void Catalog::erase_extension(const std::string& n) { store<Extension>(kExtensions, extensions_, n, nullptr); }
void Catalog::set_comment(const std::string& objkey, std::optional<std::string> text) {
  store<std::string>(kComments, comments_, objkey,
                     text ? std::make_shared<const std::string>(std::move(*text)) : nullptr);
}
void Catalog::mark_uncertain(const std::string& objkey) {
  if (!uncertain_.count(objkey)) store<int>(kUncertain, uncertain_, objkey, count_ptr(1));
}

void Catalog::mark_unsure(const std::string& key, unsigned what, const Unsure& cause) {
  const auto old = find(unsure_, key);
  if (old && (old->what | what) == old->what) return;
  // The first cause stays the one reported; later marks only widen it.
  auto u = std::make_shared<Unsure>(old ? *old : cause);
  u->what = (old ? old->what : 0) | what;
  store<Unsure>(kUnsure, unsure_, key, std::move(u));
}
void Catalog::forget_unsure(const std::string& key) {
  if (unsure_.count(key)) store<Unsure>(kUnsure, unsure_, key, nullptr);
}
const Unsure* Catalog::unsure(const std::string& key) const {
  const auto it = unsure_.find(key);
  return it == unsure_.end() ? nullptr : it->second.get();
}
const Unsure* Catalog::unsure_name(const std::string& name) const {
  if (unsure_.empty()) return nullptr;
  if (const Unsure* u = unsure("name:" + name)) return u;
  // `orders_id_seq`, `orders_pkey`, `orders_customer_id_fkey`: PostgreSQL
  // builds implicit names from the table's name and an underscore.
  for (size_t p = name.find('_', 1); p != std::string::npos; p = name.find('_', p + 1))
    if (const Unsure* u = unsure("name:" + name.substr(0, p)); u && (u->what & Unsure::Derived)) return u;
  return nullptr;
}

void Catalog::rollback(size_t cp) {
  // Back to the checkpoint or before it: every entry the index holds goes.
  if (cp <= checkpoint_at_) {
    checkpoint_at_ = cp;
    journaled_.clear();
  }
  while (journal_.size() > cp) {
    if (journal_.size() - 1 < compacted_end_ && !journaled_.empty()) {
      const Entry& last = journal_.back();
      if (const size_t slot = journaled(last.store, last.key, entry_hash(last.store, last.key));
          slot != HashIndex::npos)
        journaled_.erase(slot);
    }
    Entry e = std::move(journal_.back());
    journal_.pop_back();
    auto restore = [&](auto& m) {
      using P = typename std::decay_t<decltype(m)>::mapped_type;
      using T = typename P::element_type;
      if (e.prev) m[e.key] = std::static_pointer_cast<T>(e.prev);
      else m.erase(e.key);
    };
    switch (e.store) {
      case kTables: restore(tables_); break;
      case kViews: restore(views_); break;
      case kIndexes: restore(indexes_); break;
      case kSequences: restore(sequences_); break;
      case kTypes: restore(types_); break;
      case kFunctions: restore(functions_); break;
      case kTriggers: restore(triggers_); break;
      case kSchemas: restore(schemas_); break;
      case kExtensions: restore(extensions_); break;
      case kComments: restore(comments_); break;
      case kUncertain: restore(uncertain_); break;
      case kConnames: restore(connames_); break;
      case kDeps: restore(deps_); break;
      case kUnsure: restore(unsure_); break;
      case kSeenSchemas: restore(seen_schemas_); break;
      default: break;
    }
  }
  compacted_end_ = std::min(compacted_end_, journal_.size());
}

Catalog::Touched Catalog::touched_since(size_t cp) const {
  Touched out;
  const size_t from = std::min(cp, journal_.size());
  out.reserve(static_cast<size_t>(std::count_if(journal_.begin() + static_cast<std::ptrdiff_t>(from), journal_.end(),
                                                [](const Entry& e) { return e.store <= kComments; })));
  for (size_t i = from; i < journal_.size(); ++i)
    if (journal_[i].store <= kComments) out.emplace_back(journal_[i].store, journal_[i].key);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {
template <typename T>
void copy_one(std::map<std::string, Ptr<T>>& dst, const std::map<std::string, Ptr<T>>& src, const std::string& k) {
  auto it = src.find(k);
  if (it != src.end()) dst[k] = it->second;
}
template <typename T>
void put_prev(std::map<std::string, Ptr<T>>& dst, const std::string& k, const std::shared_ptr<const void>& prev) {
  if (prev) dst[k] = std::static_pointer_cast<const T>(prev);
  else dst.erase(k);
}
}  // namespace

Slice Catalog::slice(const Touched& keys) const {
  Slice s;
  for (const auto& [id, k] : keys) {
    switch (id) {
      case kTables: copy_one(s.tables, tables_, k); break;
      case kViews: copy_one(s.views, views_, k); break;
      case kIndexes: copy_one(s.indexes, indexes_, k); break;
      case kSequences: copy_one(s.sequences, sequences_, k); break;
      case kTypes: copy_one(s.types, types_, k); break;
      case kFunctions: copy_one(s.functions, functions_, k); break;
      case kTriggers: copy_one(s.triggers, triggers_, k); break;
      case kSchemas: copy_one(s.schemas, schemas_, k); break;
      case kExtensions: copy_one(s.extensions, extensions_, k); break;
      case kComments: copy_one(s.comments, comments_, k); break;
      default: break;
    }
  }
  return s;
}

Slice Catalog::slice_all() const {
  Slice s;
  s.tables = tables_;
  s.views = views_;
  s.indexes = indexes_;
  s.sequences = sequences_;
  s.types = types_;
  s.functions = functions_;
  s.triggers = triggers_;
  s.schemas = schemas_;
  s.extensions = extensions_;
  s.comments = comments_;
  return s;
}

Slice Catalog::slice_at(size_t cp, const Touched& keys) const {
  Slice s = slice(keys);
  // Walk back from the newest entry: the last write wins, so the oldest
  // entry after cp leaves the value that the object had at cp.
  for (size_t i = journal_.size(); i > std::min(cp, journal_.size()); --i) {
    const Entry& e = journal_[i - 1];
    const auto at = std::lower_bound(keys.begin(), keys.end(), e, [](const auto& k, const Entry& x) {
      return k.first != x.store ? k.first < x.store : k.second < x.key;
    });
    if (at == keys.end() || at->first != e.store || at->second != e.key) continue;
    switch (e.store) {
      case kTables: put_prev<Table>(s.tables, e.key, e.prev); break;
      case kViews: put_prev<View>(s.views, e.key, e.prev); break;
      case kIndexes: put_prev<Index>(s.indexes, e.key, e.prev); break;
      case kSequences: put_prev<Sequence>(s.sequences, e.key, e.prev); break;
      case kTypes: put_prev<Type>(s.types, e.key, e.prev); break;
      case kFunctions: put_prev<Function>(s.functions, e.key, e.prev); break;
      case kTriggers: put_prev<Trigger>(s.triggers, e.key, e.prev); break;
      case kSchemas: put_prev<int>(s.schemas, e.key, e.prev); break;
      case kExtensions: put_prev<Extension>(s.extensions, e.key, e.prev); break;
      case kComments: put_prev<std::string>(s.comments, e.key, e.prev); break;
      default: break;
    }
  }
  return s;
}

// ---- implicit names ----

std::string make_object_name(std::string_view name1, std::string_view name2, std::string_view label) {
  const int overhead = static_cast<int>(label.size()) + 1 + (name2.empty() ? 0 : 1);
  const int budget = 63 - overhead;
  int n1 = static_cast<int>(name1.size());
  int n2 = static_cast<int>(name2.size());
  while (n1 + n2 > budget) {
    if (n1 > n2) --n1;
    else --n2;
  }
  const size_t c1 = utf8_clip(name1, static_cast<size_t>(std::max(n1, 0)));
  const size_t c2 = utf8_clip(name2, static_cast<size_t>(std::max(n2, 0)));
  std::string out(name1.substr(0, c1));
  if (!name2.empty()) {
    out += '_';
    out += name2.substr(0, c2);
  }
  out += '_';
  out += label;
  return out;
}

std::string choose_relation_name(const Catalog& c, const std::string& schema, std::string_view name1,
                                 std::string_view name2, std::string_view label, bool avoid_constraints,
                                 const std::set<std::string>& taken) {
  std::string mod(label);
  for (int pass = 0; pass < 100000; ++pass) {
    if (pass > 0) mod = std::string(label) + std::to_string(pass);
    std::string name = make_object_name(name1, name2, mod);
    if (c.relation_exists({schema, name}) || taken.count(name)) continue;
    if (avoid_constraints && c.constraint_name_used(schema, name)) continue;
    return name;
  }
  return make_object_name(name1, name2, label);
}

std::string choose_constraint_name(const Catalog& c, const std::string& schema, std::string_view name1,
                                   std::string_view name2, std::string_view label, const std::set<std::string>& taken) {
  std::string mod(label);
  for (int pass = 0; pass < 100000; ++pass) {
    if (pass > 0) mod = std::string(label) + std::to_string(pass);
    std::string name = make_object_name(name1, name2, mod);
    if (c.constraint_name_used(schema, name) || taken.count(name)) continue;
    return name;
  }
  return make_object_name(name1, name2, label);
}

}  // namespace miglint::catalog
