// DROP of every modeled object kind, with PostgreSQL's dependency rules
// (docs/PG_FACTS.md §6): AUTO dependents go silently, NORMAL ones need CASCADE.
#include <fmt/format.h>

#include <optional>
#include <utility>

#include "analyzer/effects/transform.h"

namespace miglint::effects {

using catalog::ConstraintKind;
using catalog::ObjectKind;
using catalog::Table;

namespace {

std::string after_prefix(const std::string& key, std::string_view prefix) { return key.substr(prefix.size()); }

QName qname_of_key(const std::string& k) {
  auto p = k.find('\x1f');
  if (p == std::string::npos) return {"", k};
  return {k.substr(0, p), k.substr(p + 1)};
}

// A DROP found nothing named `name`: whatever a statement the model could
// not apply may have made under that name, nothing of that name is left
// (what derives from it, such as its keys, went with it).
void absent(Ctx& c, const std::string& name) { c.gone({}, name); }

void refuse(Ctx& c, int loc, const std::string& what, const std::vector<std::string>& blockers) {
  std::string msg = fmt::format("cannot drop {} because other objects depend on it", what);
  for (const auto& b : blockers) msg.append("; ").append(b).append(" depends on ").append(what);
  c.issue("dependent-objects", loc, msg + " (use DROP … CASCADE to drop the dependent objects too)");
}

// Whether dependent `key` stops a drop without CASCADE: not when the model is
// unsure of it (it may be gone, or no longer depend on what is dropped).
bool blocks(Ctx& c, const std::string& key, int loc) {
  return c.knows_presence(key, loc) && c.knows_contents(key, loc);
}

// Removes a foreign key of another table (CASCADE).
void drop_foreign_key(Ctx& c, const QName& table, const std::string& con) {
  auto t = c.cat.table(table);
  if (!t) return;
  auto copy = std::make_shared<Table>(*t);
  std::erase_if(copy->constraints, [&](const catalog::Constraint& k) { return k.name == con; });
  c.cat.put_table(copy);
  c.effect(Action::Dropped, ObjectKind::Constraint, table, con, true);
}

}  // namespace

std::optional<std::pair<QName, std::string>> dependent_member(const std::string& d, std::string_view prefix) {
  if (!d.starts_with(prefix)) return std::nullopt;
  const std::string rest = after_prefix(d, prefix);
  const auto p = rest.rfind('\x1f');
  if (p == std::string::npos) return std::nullopt;
  return std::pair{qname_of_key(rest.substr(0, p)), rest.substr(p + 1)};
}

bool drop_view(Ctx& c, const QName& q, bool cascade, const std::set<std::string>& named, bool implied, int loc) {
  auto v = c.cat.view(q);
  if (!v) return true;
  CauseScope cause(c, {v->materialized ? ObjectKind::MaterializedView : ObjectKind::View, q, {}});
  std::vector<std::string> blockers;
  std::vector<QName> dependents;
  for (const auto& d : c.cat.dependents(catalog::view_key(q))) {
    if (!d.starts_with("view:")) continue;
    const QName dq = qname_of_key(after_prefix(d, "view:"));
    if (named.count(d)) continue;
    // Without CASCADE a dependent the model is unsure of stays as it is.
    if (!cascade && !blocks(c, d, loc)) continue;
    dependents.push_back(dq);
    blockers.push_back("view " + dq.str());
  }
  if (!blockers.empty() && !cascade) {
    refuse(c, loc, "view " + q.str(), blockers);
    return false;
  }
  {
    CauseScope dep(c, {}, true);
    for (const auto& d : dependents) drop_view(c, d, true, named, true, loc);
  }
  // Triggers on the view (INSTEAD OF) go with it.
  for (const auto& d : c.cat.dependents(catalog::table_key(q))) {
    const auto trigger = dependent_member(d, "trigger:");
    if (!trigger) continue;
    const auto& [tq, name] = *trigger;
    c.cat.erase_trigger(tq, name);
    c.cat.set_comment(catalog::trigger_key(tq, name), std::nullopt);
    c.effect(Action::Dropped, ObjectKind::Trigger, tq, name, true, loc);
  }
  if (v->materialized) {
    // Its indexes, through the dependency index (a scan of every index per
    // view made a folder of many materialized views quadratic).
    std::vector<QName> indexes;
    for (const auto& d : c.cat.dependents(catalog::table_key(q)))
      if (d.starts_with("index:")) {
        const QName iq = qname_of_key(after_prefix(d, "index:"));
        if (const auto ix = c.cat.index(iq); ix && ix->table == q) indexes.push_back(iq);
      }
    for (const auto& ix : indexes) drop_index(c, ix, true, true, loc);
  }
  c.cat.erase_view(q);
  c.gone(catalog::view_key(q), q.name);
  c.cat.set_comment(catalog::view_key(q), std::nullopt);
  c.effect(Action::Dropped, v->materialized ? ObjectKind::MaterializedView : ObjectKind::View, q, {}, implied, loc);
  return true;
}

bool drop_index(Ctx& c, const QName& q, bool cascade, bool implied, int loc) {
  (void)cascade;
  auto ix = c.cat.index(q);
  if (!ix) return true;
  if (!implied && !ix->constraint.empty() && c.knows_contents(catalog::table_key(ix->table), loc)) {
    c.issue("dependent-objects", loc,
            fmt::format("cannot drop index {} because constraint {} on table {} requires it (use ALTER TABLE … DROP "
                        "CONSTRAINT instead)",
                        q.str(), catalog::quote_ident(ix->constraint), ix->table.str()));
    return false;
  }
  CauseScope cause(c, {ObjectKind::Index, q, {}});
  c.cat.erase_index(q);
  c.gone(catalog::index_key(q), q.name);
  c.cat.set_comment(catalog::index_key(q), std::nullopt);
  c.effect(Action::Dropped, ObjectKind::Index, q, {}, implied, loc);
  c.out.effects.back().links().owner = {ObjectKind::Table, ix->table, {}};
  c.out.effects.back().links().uses.assign(ix->uses.begin(), ix->uses.end());
  return true;
}

bool drop_sequence(Ctx& c, const QName& q, bool cascade, bool implied, int loc) {
  auto s = c.cat.sequence(q);
  if (!s) return true;
  if (!implied && s->identity && s->owned_table && c.knows_contents(catalog::table_key(*s->owned_table), loc)) {
    c.issue("dependent-objects", loc,
            fmt::format("cannot drop sequence {} because column {} of table {} requires it", q.str(),
                        catalog::quote_ident(s->owned_column), s->owned_table->str()));
    return false;
  }
  CauseScope cause(c, {ObjectKind::Sequence, q, {}});
  std::vector<std::pair<QName, std::string>> defaults;
  for (const auto& d : c.cat.dependents("sequence:" + q.key())) {
    auto def = dependent_member(d, "default:");
    if (!def) continue;
    if (!cascade && !blocks(c, catalog::table_key(def->first), loc)) continue;
    defaults.push_back(std::move(*def));
  }
  if (!implied && !defaults.empty() && !cascade) {
    std::vector<std::string> b;
    b.reserve(defaults.size());
    for (const auto& [t, col] : defaults) b.push_back("default value for column " + col + " of table " + t.str());
    refuse(c, loc, "sequence " + q.str(), b);
    return false;
  }
  if (!implied)
    for (const auto& [tq, col] : defaults) {
      auto t = c.cat.table(tq);
      if (!t) continue;
      auto copy = std::make_shared<Table>(*t);
      if (auto* cc = copy->column(col)) {
        cc->default_expr.reset();
        cc->default_seq.clear();
      }
      c.cat.put_table(copy);
      CauseScope dep(c, {}, true);
      c.effect(Action::Altered, ObjectKind::Column, tq, col, true, loc, "default");
    }
  c.cat.erase_sequence(q);
  c.gone(catalog::sequence_key(q), q.name);
  c.cat.set_comment(catalog::sequence_key(q), std::nullopt);
  c.effect(Action::Dropped, ObjectKind::Sequence, q, {}, implied, loc);
  if (s->owned_table) c.out.effects.back().links().owner = {ObjectKind::Table, *s->owned_table, s->owned_column};
  return true;
}

bool drop_table(Ctx& c, const QName& q, bool cascade, const std::set<std::string>& named, bool implied, int loc) {
  auto t = c.cat.table(q);
  if (!t) return true;
  CauseScope cause(c, {ObjectKind::Table, q, {}});
  const std::string self = catalog::table_key(q);
  std::vector<std::string> blockers;
  std::vector<std::pair<QName, std::string>> fks;
  std::vector<QName> views, children, partitions, indexes, sequences;
  std::vector<std::pair<QName, std::string>> triggers;
  for (const auto& d : c.cat.dependents(self)) {
    if (d.starts_with("index:")) {
      indexes.push_back(qname_of_key(after_prefix(d, "index:")));
    } else if (d.starts_with("trigger:")) {
      const std::string rest = after_prefix(d, "trigger:");
      const auto p = rest.rfind('\x1f');
      if (p != std::string::npos) triggers.push_back({qname_of_key(rest.substr(0, p)), rest.substr(p + 1)});
    } else if (d.starts_with("sequence:")) {
      sequences.push_back(qname_of_key(after_prefix(d, "sequence:")));
    } else if (d.starts_with("fk:")) {
      const std::string rest = after_prefix(d, "fk:");
      const auto p = rest.rfind('\x1f');
      if (p == std::string::npos) continue;
      const QName owner = qname_of_key(rest.substr(0, p));
      const bool is_named = named.count(catalog::table_key(owner)) != 0;
      // Without CASCADE a dependent the model is unsure of stays as it is.
      if (!cascade && !is_named && !(owner == q) && !blocks(c, catalog::table_key(owner), loc)) continue;
      fks.push_back({owner, rest.substr(p + 1)});
      if (!is_named)
        blockers.push_back("constraint " + catalog::quote_ident(rest.substr(p + 1)) + " on table " + owner.str());
    } else if (d.starts_with("view:")) {
      const QName vq = qname_of_key(after_prefix(d, "view:"));
      if (!cascade && !named.count(d) && !blocks(c, d, loc)) continue;
      views.push_back(vq);
      if (!named.count(d)) blockers.push_back("view " + vq.str());
    } else if (d.starts_with("table:")) {
      const QName child = qname_of_key(after_prefix(d, "table:"));
      auto ct = c.cat.table(child);
      if (ct && ct->partition_of && *ct->partition_of == q) {
        partitions.push_back(child);
      } else {
        if (!cascade && !named.count(d) && !blocks(c, d, loc)) continue;
        children.push_back(child);
        if (!named.count(d)) blockers.push_back("table " + child.str());
      }
    }
  }
  if (!blockers.empty() && !cascade) {
    refuse(c, loc, "table " + q.str(), blockers);
    return false;
  }
  {
    // Other tables' foreign keys, views and inheritance children only go with CASCADE.
    CauseScope dep(c, {}, true);
    for (const auto& [owner, con] : fks)
      if (!(owner == q)) drop_foreign_key(c, owner, con);
    for (const auto& v : views) drop_view(c, v, true, named, true, loc);
    for (const auto& ch : children) drop_table(c, ch, true, named, true, loc);
  }
  for (const auto& p : partitions) drop_table(c, p, cascade, named, true, loc);
  for (const auto& [tq, name] : triggers) {
    c.cat.erase_trigger(tq, name);
    c.cat.set_comment(catalog::trigger_key(tq, name), std::nullopt);
    c.effect(Action::Dropped, ObjectKind::Trigger, tq, name, true, loc);
  }
  for (const auto& ix : indexes) drop_index(c, ix, true, true, loc);
  for (const auto& s : sequences) drop_sequence(c, s, true, true, loc);
  for (const auto& k : t->constraints) {
    c.cat.set_comment("constraint:" + q.key() + '\x1f' + k.name, std::nullopt);
    c.effect(Action::Dropped, ObjectKind::Constraint, q, k.name, true, loc);
  }
  for (const auto& col : t->columns) {
    c.cat.set_comment("column:" + q.key() + '\x1f' + col.name, std::nullopt);
    c.effect(Action::Dropped, ObjectKind::Column, q, col.name, true, loc);
  }
  c.cat.erase_table(q);
  c.gone(self, q.name);
  c.cat.set_comment(self, std::nullopt);
  c.effect(Action::Dropped, ObjectKind::Table, q, {}, implied, loc);
  return true;
}

bool drop_constraint(Ctx& c, const QName& table, const std::string& name, bool cascade, int loc) {
  auto t = c.cat.table(table);
  if (!t) return false;
  const auto* k = t->constraint(name);
  if (!k) return false;
  CauseScope cause(c, {ObjectKind::Constraint, table, name});
  std::vector<std::pair<QName, std::string>> fks;
  if (k->kind == ConstraintKind::PrimaryKey || k->kind == ConstraintKind::Unique) {
    std::vector<std::string> blockers;
    auto consider = [&](const Table& other) {
      for (const auto& o : other.constraints)
        if (o.kind == ConstraintKind::ForeignKey && o.ref_table == table && o.ref_columns == k->columns) {
          fks.push_back({other.name, o.name});
          blockers.push_back("constraint " + catalog::quote_ident(o.name) + " on table " + other.name.str());
        }
    };
    consider(*t);
    for (const auto& d : c.cat.dependents(catalog::table_key(table))) {
      if (!d.starts_with("fk:")) continue;
      const std::string rest = after_prefix(d, "fk:");
      const auto p = rest.rfind('\x1f');
      if (p == std::string::npos) continue;
      if (auto other = c.cat.table(qname_of_key(rest.substr(0, p))); other && !(other->name == table))
        if (cascade || blocks(c, catalog::table_key(other->name), loc)) consider(*other);
    }
    if (!blockers.empty() && !cascade) {
      refuse(c, loc, "constraint " + catalog::quote_ident(name) + " on table " + table.str(), blockers);
      return false;
    }
  }
  {
    CauseScope dep(c, {}, true);
    for (const auto& [owner, con] : fks)
      if (!(owner == table)) drop_foreign_key(c, owner, con);
  }
  auto copy = std::make_shared<Table>(*c.cat.table(table));
  const bool has_index = k->kind == ConstraintKind::PrimaryKey || k->kind == ConstraintKind::Unique ||
                         k->kind == ConstraintKind::Exclude;
  std::erase_if(copy->constraints, [&](const catalog::Constraint& x) {
    if (x.name == name) return true;
    // Self-referencing FKs go with CASCADE too.
    for (const auto& [owner, con] : fks)
      if (owner == table && x.name == con) return true;
    return false;
  });
  c.cat.put_table(copy);
  for (const auto& [owner, con] : fks)
    if (owner == table && con != name) {
      CauseScope dep(c, {}, true);
      c.effect(Action::Dropped, ObjectKind::Constraint, table, con, true, loc);
    }
  if (has_index) drop_index(c, {table.schema, name}, true, true, loc);
  c.cat.set_comment("constraint:" + table.key() + '\x1f' + name, std::nullopt);
  c.effect(Action::Dropped, ObjectKind::Constraint, table, name, false, loc);
  c.out.effects.back().links().uses.assign(k->uses.begin(), k->uses.end());
  return true;
}

bool drop_column(Ctx& c, const QName& table, const std::string& col, bool cascade, int loc) {
  auto t = c.cat.table(table);
  if (!t || !t->column(col)) return false;
  CauseScope cause(c, {ObjectKind::Column, table, col});
  if (!t->partition_by.empty() && t->partition_by.find(catalog::quote_ident(col)) != std::string::npos &&
      c.knows_contents(catalog::table_key(table), loc)) {
    c.issue("dependent-objects", loc,
            fmt::format("cannot drop column \"{}\" because it is part of the partition key of relation \"{}\"", col,
                        table.name));
    return false;
  }
  std::vector<std::string> blockers;
  std::vector<QName> views, unsure_views;
  std::vector<std::pair<QName, std::string>> fks;
  std::vector<QName> indexes, sequences;
  for (const auto& d : c.cat.dependents(catalog::table_key(table))) {
    if (d.starts_with("view:")) {
      const QName vq = qname_of_key(after_prefix(d, "view:"));
      auto v = c.cat.view(vq);
      const ColumnUse use = v ? view_column_use(*v, catalog::table_key(table), col) : ColumnUse::No;
      if (use == ColumnUse::Yes) {
        if (!cascade && !blocks(c, d, loc)) continue;
        views.push_back(vq);
        blockers.push_back("view " + vq.str());
      } else if (use == ColumnUse::Unknown) {
        unsure_views.push_back(vq);
      }
    } else if (d.starts_with("fk:")) {
      const std::string rest = after_prefix(d, "fk:");
      const auto p = rest.rfind('\x1f');
      if (p == std::string::npos) continue;
      const QName owner = qname_of_key(rest.substr(0, p));
      auto ot = c.cat.table(owner);
      const auto* k = ot ? ot->constraint(rest.substr(p + 1)) : nullptr;
      if (k && std::find(k->ref_columns.begin(), k->ref_columns.end(), col) != k->ref_columns.end()) {
        if (!cascade && !(owner == table) && !blocks(c, catalog::table_key(owner), loc)) continue;
        fks.push_back({owner, k->name});
        blockers.push_back("constraint " + catalog::quote_ident(k->name) + " on table " + owner.str());
      }
    } else if (d.starts_with("index:")) {
      const QName iq = qname_of_key(after_prefix(d, "index:"));
      auto ix = c.cat.index(iq);
      if (ix && ix->uses.count(col)) indexes.push_back(iq);
    } else if (d.starts_with("sequence:")) {
      const QName sq = qname_of_key(after_prefix(d, "sequence:"));
      auto s = c.cat.sequence(sq);
      if (s && s->owned_column == col) sequences.push_back(sq);
    }
  }
  for (const auto& other : t->columns)
    if (other.name != col && other.generated_uses.count(col) &&
        (cascade || c.knows_contents(catalog::table_key(table), loc)))
      blockers.push_back("column " + catalog::quote_ident(other.name) + " of table " + table.str());
  if (!blockers.empty() && !cascade) {
    refuse(c, loc, "column " + catalog::quote_ident(col) + " of table " + table.str(), blockers);
    return false;
  }
  {
    CauseScope dep(c, {}, true);
    for (const auto& v : views) drop_view(c, v, true, {}, true, loc);
    for (const auto& [owner, con] : fks)
      if (!(owner == table)) drop_foreign_key(c, owner, con);
  }
  auto copy = std::make_shared<Table>(*c.cat.table(table));
  const size_t columns_before = copy->columns.size();
  std::erase_if(copy->constraints, [&](const catalog::Constraint& k) {
    const bool gone = k.uses.count(col) != 0 ||
                      (k.kind == ConstraintKind::ForeignKey && k.ref_table == table &&
                       std::find(k.ref_columns.begin(), k.ref_columns.end(), col) != k.ref_columns.end());
    if (gone) c.effect(Action::Dropped, ObjectKind::Constraint, table, k.name, true, loc);
    return gone;
  });
  if (cascade)
    std::erase_if(copy->columns, [&](const catalog::Column& x) {
      const bool gone = x.name != col && x.generated_uses.count(col);
      if (gone) {
        CauseScope dep(c, {}, true);
        c.effect(Action::Dropped, ObjectKind::Column, table, x.name, true, loc);
      }
      return gone;
    });
  std::erase_if(copy->columns, [&](const catalog::Column& x) { return x.name == col; });
  copy->dropped_columns += columns_before - copy->columns.size();
  c.cat.put_table(copy);
  for (const auto& ix : indexes) drop_index(c, ix, true, true, loc);
  for (const auto& s : sequences) drop_sequence(c, s, true, true, loc);
  c.cat.set_comment("column:" + table.key() + '\x1f' + col, std::nullopt);
  // A view that may read the column makes PostgreSQL refuse the drop, or
  // takes the view along with CASCADE: neither is known.
  for (const auto& v : unsure_views) c.cat.mark_uncertain(catalog::view_key(v));
  if (!unsure_views.empty()) c.cat.mark_uncertain(catalog::table_key(table));
  c.effect(Action::Dropped, ObjectKind::Column, table, col, false, loc);
  return true;
}

namespace {

std::vector<std::string> object_names(const pg_query::Node& n) {
  if (n.has_list()) return catalog::strings(n.list().items());
  if (n.has_string()) return {n.string().sval()};
  if (n.has_type_name()) return catalog::strings(n.type_name().names());
  return {};
}

std::string function_args(const pg_query::ObjectWithArgs& o) {
  std::string s;
  for (int i = 0; i < o.objargs_size(); ++i) {
    if (!o.objargs(i).has_type_name()) continue;
    if (!s.empty()) s += ", ";
    s += catalog::canonical_type(o.objargs(i).type_name());
  }
  return s;
}

}  // namespace

std::vector<catalog::Ptr<catalog::Function>> find_routines(Ctx& c, const pg_query::ObjectWithArgs& ow) {
  const QName n = split_name(catalog::strings(ow.objname()));
  std::vector<catalog::Ptr<catalog::Function>> found;
  const std::string args = function_args(ow);
  for (const auto& s2 : n.schema.empty() ? c.cat.search_path() : std::vector<std::string>{n.schema}) {
    for (auto& f : c.cat.functions_named({s2, n.name}))
      if (ow.args_unspecified() || f->args == args) found.push_back(f);
    if (!found.empty()) break;
  }
  return found;
}

namespace {

void drop_type(Ctx& c, const QName& q, bool cascade, int loc) {
  std::vector<std::string> blockers;
  std::vector<std::pair<QName, std::string>> cols;
  for (const auto& d : c.cat.dependents(catalog::type_key(q))) {
    auto col = dependent_member(d, "table:");
    if (!col) continue;
    if (!cascade && !blocks(c, catalog::table_key(col->first), loc)) continue;
    blockers.push_back("column " + catalog::quote_ident(col->second) + " of table " + col->first.str());
    cols.push_back(std::move(*col));
  }
  if (!blockers.empty() && !cascade) {
    refuse(c, loc, "type " + q.str(), blockers);
    return;
  }
  CauseScope cause(c, {ObjectKind::Type, q, {}});
  // CASCADE drops the columns that use the type.
  {
    CauseScope dep(c, {}, true);
    for (const auto& [tq, col] : cols) drop_column(c, tq, col, true, loc);
  }
  c.cat.erase_type(q);
  c.gone(catalog::type_key(q), q.name);
  c.cat.set_comment(catalog::type_key(q), std::nullopt);
  c.effect(Action::Dropped, ObjectKind::Type, q, {}, false, loc);
}

void drop_function(Ctx& c, const std::string& sig, const catalog::Function& f, bool cascade, int loc) {
  std::vector<std::string> blockers;
  std::vector<std::pair<QName, std::string>> triggers;
  for (const auto& d : c.cat.dependents(catalog::function_key(sig))) {
    if (!d.starts_with("trigger:")) continue;
    const std::string rest = after_prefix(d, "trigger:");
    const auto p = rest.rfind('\x1f');
    if (p == std::string::npos) continue;
    const QName tq = qname_of_key(rest.substr(0, p));
    if (!cascade && !blocks(c, catalog::table_key(tq), loc)) continue;
    triggers.push_back({tq, rest.substr(p + 1)});
    blockers.push_back("trigger " + catalog::quote_ident(rest.substr(p + 1)) + " on table " + tq.str());
  }
  if (!blockers.empty() && !cascade) {
    refuse(c, loc, "function " + sig, blockers);
    return;
  }
  CauseScope cause(c, {ObjectKind::Function, f.name, f.args});
  for (const auto& [tq, name] : triggers) {
    c.cat.erase_trigger(tq, name);
    c.cat.set_comment(catalog::trigger_key(tq, name), std::nullopt);
    CauseScope dep(c, {}, true);
    c.effect(Action::Dropped, ObjectKind::Trigger, tq, name, true, loc);
  }
  c.cat.erase_function(sig);
  c.gone(catalog::function_key(sig), f.name.name);
  c.cat.set_comment(catalog::function_key(sig), std::nullopt);
  c.effect(Action::Dropped, ObjectKind::Function, f.name, f.args, false, loc);
}

}  // namespace

void transform_drop(Ctx& c, const pg_query::DropStmt& s) {
  const bool cascade = s.behavior() == pg_query::DROP_CASCADE;
  const bool missing_ok = s.missing_ok();
  const auto type = s.remove_type();
  const int loc = -1;
  switch (type) {
    case pg_query::OBJECT_TABLE:
    case pg_query::OBJECT_FOREIGN_TABLE:
    case pg_query::OBJECT_VIEW:
    case pg_query::OBJECT_MATVIEW:
    case pg_query::OBJECT_INDEX:
    case pg_query::OBJECT_SEQUENCE: {
      const char* what = type == pg_query::OBJECT_VIEW       ? "view"
                         : type == pg_query::OBJECT_MATVIEW  ? "materialized view"
                         : type == pg_query::OBJECT_INDEX    ? "index"
                         : type == pg_query::OBJECT_SEQUENCE ? "sequence"
                                                             : "table";
      std::vector<QName> targets;
      std::set<std::string> named;
      for (const auto& o : s.objects()) {
        const QName n = split_name(object_names(o));
        auto q = c.cat.resolve(n.schema, n.name, [&](const QName& x) {
          switch (type) {
            case pg_query::OBJECT_VIEW: {
              auto v = c.cat.view(x);
              return v && !v->materialized;
            }
            case pg_query::OBJECT_MATVIEW: {
              auto v = c.cat.view(x);
              return v && v->materialized;
            }
            case pg_query::OBJECT_INDEX: return c.cat.index(x) != nullptr;
            case pg_query::OBJECT_SEQUENCE: return c.cat.sequence(x) != nullptr;
            default: return c.cat.table(x) != nullptr;
          }
        });
        if (!q) {
          if (!missing_ok && c.knows_absent(n.name, loc, n.schema))
            c.unknown(loc, fmt::format("{} \"{}\" does not exist", what, n.name));
          // Whether or not it existed, it does not now.
          absent(c, n.name);
          continue;
        }
        targets.push_back(*q);
        named.insert(type == pg_query::OBJECT_VIEW || type == pg_query::OBJECT_MATVIEW ? catalog::view_key(*q)
                     : type == pg_query::OBJECT_INDEX                                  ? catalog::index_key(*q)
                     : type == pg_query::OBJECT_SEQUENCE                               ? catalog::sequence_key(*q)
                                                                                       : catalog::table_key(*q));
      }
      if (c.failed) return;
      for (const auto& q : targets) {
        bool ok = true;
        switch (type) {
          case pg_query::OBJECT_VIEW:
          case pg_query::OBJECT_MATVIEW: ok = drop_view(c, q, cascade, named, false, loc); break;
          case pg_query::OBJECT_INDEX: ok = drop_index(c, q, cascade, false, loc); break;
          case pg_query::OBJECT_SEQUENCE: ok = drop_sequence(c, q, cascade, false, loc); break;
          default: ok = drop_table(c, q, cascade, named, false, loc); break;
        }
        if (!ok) return;
      }
      return;
    }
    case pg_query::OBJECT_TYPE:
    case pg_query::OBJECT_DOMAIN: {
      for (const auto& o : s.objects()) {
        const auto names = object_names(o);
        auto q = c.find_type(names);
        if (!q) {
          const int tloc = o.has_type_name() ? o.type_name().location() : -1;
          const std::string tn = names.empty() ? "" : names.back();
          if (!missing_ok && c.knows_absent(tn, tloc, split_name(names).schema))
            c.unknown(tloc, fmt::format("type \"{}\" does not exist", tn));
          absent(c, tn);
          continue;
        }
        drop_type(c, *q, cascade, loc);
        if (c.failed) return;
      }
      return;
    }
    case pg_query::OBJECT_FUNCTION:
    case pg_query::OBJECT_PROCEDURE:
    case pg_query::OBJECT_ROUTINE:
    case pg_query::OBJECT_AGGREGATE: {
      for (const auto& o : s.objects()) {
        if (!o.has_object_with_args()) continue;
        const auto& ow = o.object_with_args();
        const QName n = split_name(catalog::strings(ow.objname()));
        const std::string args = function_args(ow);
        const auto found = find_routines(c, ow);
        if (found.empty()) {
          if (!missing_ok && c.knows_routine_absent(n, loc))
            c.unknown(loc, fmt::format("function {}({}) does not exist", n.name, args));
          continue;
        }
        if (found.size() > 1) {
          c.issue("unknown-object", loc, fmt::format("function name \"{}\" is not unique", n.name));
          return;
        }
        drop_function(c, found[0]->signature(), *found[0], cascade, loc);
        if (c.failed) return;
      }
      return;
    }
    case pg_query::OBJECT_TRIGGER: {
      for (const auto& o : s.objects()) {
        auto names = object_names(o);
        if (names.size() < 2) continue;
        const std::string trig = names.back();
        names.pop_back();
        const QName tn = split_name(names);
        auto tq = c.find_relation_of(tn.schema, tn.name, [](const catalog::Catalog& cat, const QName& x) {
          // Triggers live on tables and views (INSTEAD OF).
          return cat.table(x) != nullptr || cat.view(x) != nullptr;
        });
        if (!tq) {
          if (!missing_ok && c.knows_absent(tn.name, loc, tn.schema))
            c.unknown(loc, fmt::format("relation \"{}\" does not exist", tn.name));
          continue;
        }
        if (!c.cat.trigger(*tq, trig)) {
          const std::string owner = c.cat.table(*tq) ? catalog::table_key(*tq) : catalog::view_key(*tq);
          if (!missing_ok && c.knows_contents(owner, loc) && c.knows_presence(owner, loc))
            c.unknown(loc, fmt::format("trigger \"{}\" for table \"{}\" does not exist", trig, tq->name));
          continue;
        }
        c.cat.erase_trigger(*tq, trig);
        c.cat.set_comment(catalog::trigger_key(*tq, trig), std::nullopt);
        c.effect(Action::Dropped, ObjectKind::Trigger, *tq, trig, false, loc);
      }
      return;
    }
    case pg_query::OBJECT_SCHEMA: {
      for (const auto& o : s.objects()) {
        const auto names = object_names(o);
        if (names.empty()) continue;
        const std::string& sn = names[0];
        if (!c.cat.has_schema(sn)) {
          if (!missing_ok && c.knows_schema_absent(sn, loc))
            c.unknown(loc, fmt::format("schema \"{}\" does not exist", sn));
          absent(c, sn);
          continue;
        }
        std::vector<QName> tables, views, seqs;
        std::vector<QName> types;
        for (const auto& [k, t] : c.cat.tables())
          if (t->name.schema == sn) tables.push_back(t->name);
        for (const auto& [k, v] : c.cat.views())
          if (v->name.schema == sn) views.push_back(v->name);
        for (const auto& [k, q] : c.cat.sequences())
          if (q->name.schema == sn) seqs.push_back(q->name);
        for (const auto& [k, t] : c.cat.types())
          if (t->name.schema == sn) types.push_back(t->name);
        std::vector<std::pair<std::string, catalog::Ptr<catalog::Function>>> funcs;
        for (const auto& [k, f] : c.cat.functions())
          if (f->name.schema == sn) funcs.push_back({k, f});
        std::vector<std::string> extensions;  // installed into the schema
        for (const auto& [n, e] : c.cat.extensions())
          if (e->schema == sn) extensions.push_back(n);
        if (!cascade) {
          // Objects the model is unsure of may be gone already.
          bool sure = false;
          for (const auto& t : tables) sure = blocks(c, catalog::table_key(t), loc) || sure;
          for (const auto& v : views) sure = blocks(c, catalog::view_key(v), loc) || sure;
          for (const auto& q : seqs) sure = blocks(c, catalog::sequence_key(q), loc) || sure;
          for (const auto& t : types) sure = blocks(c, catalog::type_key(t), loc) || sure;
          for (const auto& [k, f] : funcs) sure = blocks(c, catalog::function_key(k), loc) || sure;
          for (const auto& n : extensions) sure = blocks(c, "extension:" + n, loc) || sure;
          if (sure) {
            refuse(c, loc, "schema " + catalog::quote_ident(sn), {"its objects"});
            return;
          }
        }
        std::set<std::string> named;
        for (const auto& t : tables) named.insert(catalog::table_key(t));
        for (const auto& v : views) named.insert(catalog::view_key(v));
        CauseScope cause(c, {ObjectKind::Schema, {sn, ""}, {}});
        {
          // What a schema contains goes only with CASCADE.
          CauseScope dep(c, {}, true);
          for (const auto& v : views) drop_view(c, v, true, named, true, loc);
          for (const auto& t : tables) drop_table(c, t, true, named, true, loc);
          // Not implied: other tables' defaults that use them go too (CASCADE).
          for (const auto& q : seqs) drop_sequence(c, q, true, false, loc);
          for (const auto& [k, f] : funcs) drop_function(c, k, *f, true, loc);
          for (const auto& t : types) drop_type(c, t, true, loc);
          for (const auto& n : extensions) {
            c.cat.erase_extension(n);
            c.gone("extension:" + n, n);
            c.effect(Action::Dropped, ObjectKind::Extension, {"", n}, {}, true, loc);
          }
        }
        c.cat.erase_schema(sn);
        c.gone("schema:" + sn, sn);
        c.cat.set_comment("schema:" + sn, std::nullopt);
        c.effect(Action::Dropped, ObjectKind::Schema, {sn, ""}, {}, false, loc);
      }
      return;
    }
    case pg_query::OBJECT_EXTENSION: {
      for (const auto& o : s.objects()) {
        const auto names = object_names(o);
        if (names.empty()) continue;
        if (!c.cat.extension(names[0])) {
          if (!missing_ok && c.knows_absent(names[0], loc))
            c.unknown(loc, fmt::format("extension \"{}\" does not exist", names[0]));
          absent(c, names[0]);
          continue;
        }
        c.cat.erase_extension(names[0]);
        c.gone("extension:" + names[0], names[0]);
        c.effect(Action::Dropped, ObjectKind::Extension, {"", names[0]}, {}, false, loc);
      }
      return;
    }
    case pg_query::OBJECT_POLICY:
    case pg_query::OBJECT_RULE:
    case pg_query::OBJECT_STATISTIC_EXT:
    case pg_query::OBJECT_PUBLICATION:
    case pg_query::OBJECT_ROLE: return;
    default: c.unmodeled("this DROP is not modeled"); return;
  }
}

}  // namespace miglint::effects
