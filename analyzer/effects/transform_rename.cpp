// RENAME and SET SCHEMA of every modeled object kind: dependents follow the
// object by OID.
#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>

#include "analyzer/ast/pg_compat.h"
#include "analyzer/catalog/diff.h"
#include "analyzer/effects/transform.h"
#include "analyzer/effects/transform_alter_table.h"

namespace miglint::effects {

using catalog::Column;
using catalog::ConstraintKind;
using catalog::ObjectKind;
using catalog::Table;

namespace {

// A view's rule names what it reads by OID: when a relation moves or one of
// its columns is renamed, the view's dependencies follow under the new names.
// `d` is the view's dependents() key.
void follow_in_view(Ctx& c, const std::string& d, const std::string& from, const std::string& to) {
  const auto sep = d.find('\x1f');
  auto v = c.cat.view({d.substr(5, sep - 5), d.substr(sep + 1)});
  if (!v) return;
  auto n = std::make_shared<catalog::View>(*v);
  // `from` is a relation key (its columns' keys follow too) or a column's key.
  if (n->uses.erase(from)) n->uses.insert(to);
  const std::string prefix = from + '\x1f';
  std::set<std::string> cols;
  for (const auto& k : n->column_uses)
    cols.insert(k == from ? to : k.starts_with(prefix) ? catalog::column_use_key(to, k.substr(prefix.size())) : k);
  n->column_uses = std::move(cols);
  c.cat.put_view(n);
}

}  // namespace

// Renames a table or moves it to another schema (ALTER TABLE … RENAME TO,
// … SET SCHEMA): its dependents follow it by OID.
void move_table(Ctx& c, const QName& from, const QName& to) {
  bool moved_sequences = false;
  auto copy = std::make_shared<Table>(*c.cat.table(from));
  // Renames never rename implicit objects; dependents keep pointing at the table.
  const auto deps = c.cat.dependents(catalog::table_key(from));
  c.moved(catalog::table_key(from), catalog::table_key(to));
  c.cat.erase_table(from);
  copy->name = to;
  for (auto& k : copy->constraints)
    if (k.kind == ConstraintKind::ForeignKey && k.ref_table == from) k.ref_table = to;
  c.cat.put_table(copy);
  for (const auto& d : deps) {
    auto sep = d.find(':');
    const std::string kind = d.substr(0, sep);
    const std::string rest = d.substr(sep + 1);
    auto split = [](const std::string& k) {
      auto p = k.find('\x1f');
      return QName{k.substr(0, p), p == std::string::npos ? "" : k.substr(p + 1)};
    };
    if (kind == "index") {
      auto ix = c.cat.index(split(rest));
      if (ix) {
        // Indexes live in their table's schema: SET SCHEMA moves them along.
        auto ni = std::make_shared<catalog::Index>(*ix);
        if (ni->name.schema != to.schema) {
          c.moved(catalog::index_key(ni->name), catalog::index_key({to.schema, ni->name.name}));
          c.cat.erase_index(ni->name);
        }
        ni->name.schema = to.schema;
        ni->table = to;
        c.cat.put_index(ni);
      }
    } else if (kind == "sequence") {
      auto sq = c.cat.sequence(split(rest));
      if (sq) {
        auto ns = std::make_shared<catalog::Sequence>(*sq);
        ns->owned_table = to;
        if (ns->name.schema != to.schema) {
          // Owned sequences move too; the defaults that name them change
          // their text, which the model does not rewrite.
          c.moved(catalog::sequence_key(ns->name), catalog::sequence_key({to.schema, ns->name.name}));
          c.cat.erase_sequence(ns->name);
          ns->name.schema = to.schema;
          c.cat.mark_uncertain(catalog::sequence_key(ns->name));
          moved_sequences = true;
        }
        c.cat.put_sequence(ns);
      }
    } else if (kind == "trigger") {
      const auto p = rest.rfind('\x1f');
      auto tr = c.cat.trigger(split(rest.substr(0, p)), rest.substr(p + 1));
      if (tr) {
        auto nt = std::make_shared<catalog::Trigger>(*tr);
        c.cat.erase_trigger(tr->table, tr->name);
        nt->table = to;
        c.cat.put_trigger(nt);
      }
    } else if (kind == "fk") {
      const auto p = rest.rfind('\x1f');
      auto ot = c.cat.table(split(rest.substr(0, p)));
      if (ot) {
        auto no = std::make_shared<Table>(*ot);
        for (auto& k : no->constraints)
          if (k.kind == ConstraintKind::ForeignKey && k.ref_table == from) k.ref_table = to;
        c.cat.put_table(no);
      }
    } else if (kind == "table") {
      auto ch = c.cat.table(split(rest));
      if (ch) {
        auto nc = std::make_shared<Table>(*ch);
        if (nc->partition_of && *nc->partition_of == from) nc->partition_of = to;
        for (auto& p : nc->inherits)
          if (p == from) p = to;
        c.cat.put_table(nc);
      }
    } else if (kind == "view") {
      follow_in_view(c, d, catalog::table_key(from), catalog::table_key(to));
      c.cat.mark_uncertain(d);  // its query text names the old table
    }
  }
  if (auto cm = c.cat.comment(catalog::table_key(from))) {
    c.cat.set_comment(catalog::table_key(from), std::nullopt);
    c.cat.set_comment(catalog::table_key(to), *cm);
  }
  // Columns' comments are keyed by their table.
  const std::string col_prefix = "column:" + from.key() + '\x1f';
  std::vector<std::pair<std::string, std::string>> col_comments;
  for (auto it = c.cat.comments().lower_bound(col_prefix);
       it != c.cat.comments().end() && it->first.starts_with(col_prefix); ++it)
    col_comments.push_back({it->first.substr(col_prefix.size()), *it->second});
  for (const auto& [col, text] : col_comments) {
    c.cat.set_comment(col_prefix + col, std::nullopt);
    c.cat.set_comment("column:" + to.key() + '\x1f' + col, text);
  }
  // The defaults that name a moved sequence show its new schema: those
  // columns' definitions are not known, the rest of the table is.
  if (moved_sequences)
    if (const auto t = c.cat.table(to))
      for (const auto& col : t->columns)
        if (!col.default_seq.empty()) c.cat.mark_uncertain(catalog::column_def_key(to, col.name));
}

void move_sequence(Ctx& c, const QName& from, const QName& to) {
  auto n = std::make_shared<catalog::Sequence>(*c.cat.sequence(from));
  c.moved(catalog::sequence_key(from), catalog::sequence_key(to));
  c.cat.erase_sequence(from);
  n->name = to;
  c.cat.put_sequence(n);
  // Defaults name the sequence by OID; their text changes and is not
  // rewritten: those columns' definitions are not known.
  c.cat.mark_uncertain(catalog::sequence_key(to));
  for (const auto& d : c.cat.dependents(catalog::sequence_key(from)))
    if (const auto col = dependent_member(d, "default:"))
      c.cat.mark_uncertain(catalog::column_def_key(col->first, col->second));
}

void move_view(Ctx& c, const QName& from, const QName& to) {
  const auto deps = c.cat.dependents(catalog::view_key(from));
  auto n = std::make_shared<catalog::View>(*c.cat.view(from));
  c.moved(catalog::view_key(from), catalog::view_key(to));
  c.cat.erase_view(from);
  n->name = to;
  c.cat.put_view(n);
  for (const auto& d : deps)
    if (d.starts_with("view:")) {
      follow_in_view(c, d, catalog::view_key(from), catalog::view_key(to));
      c.cat.mark_uncertain(d);  // its query text names the old view
    }
}

namespace {

// ALTER SCHEMA … RENAME TO: relations, with what depends on them, follow;
// types and functions of the schema are not moved by the model.
void rename_schema(Ctx& c, const std::string& from, const std::string& to) {
  if (!c.cat.has_schema(from)) return c.missing_schema(-1, from);
  if (c.cat.has_schema(to)) return c.present(-1, fmt::format("schema \"{}\" already exists", to), "schema:" + to);
  const std::string prefix = from + '\x1f';
  auto in_schema = [&](const auto& m) {
    std::vector<QName> out;
    for (auto it = m.lower_bound(prefix); it != m.end() && it->first.starts_with(prefix); ++it)
      out.push_back({from, it->first.substr(prefix.size())});
    return out;
  };
  c.cat.add_schema(to);
  for (const auto& q : in_schema(c.cat.tables())) move_table(c, q, {to, q.name});
  for (const auto& q : in_schema(c.cat.sequences())) move_sequence(c, q, {to, q.name});
  for (const auto& q : in_schema(c.cat.views())) move_view(c, q, {to, q.name});
  const bool has_functions = std::any_of(c.cat.functions().begin(), c.cat.functions().end(),
                                         [&](const auto& f) { return f.second->name.schema == from; });
  if (!in_schema(c.cat.types()).empty() || has_functions) {
    c.unmodeled("renaming a schema that holds types or functions is not modeled");
    for (const auto& q : in_schema(c.cat.types())) c.cat.mark_uncertain(catalog::type_key({to, q.name}));
  }
  if (auto cm = c.cat.comment("schema:" + from)) {
    c.cat.set_comment("schema:" + from, std::nullopt);
    c.cat.set_comment("schema:" + to, *cm);
  }
  c.moved("schema:" + from, "schema:" + to);
  c.cat.erase_schema(from);
  c.effect(Action::Renamed, ObjectKind::Schema, {from, ""});
  c.out.effects.back().links().new_name = to;
}

void rename_routine(Ctx& c, const pg_query::ObjectWithArgs& ow, const std::string& nn) {
  const auto found = find_routines(c, ow);
  if (found.size() != 1) {
    const auto names = catalog::strings(ow.objname());
    const std::string n = names.empty() ? "" : names.back();
    if (found.empty()) {
      if (c.knows_routine_absent(split_name(names))) c.unknown(-1, fmt::format("function {} does not exist", n));
      else c.skip();
      return;
    }
    c.unknown(-1, fmt::format("function {} is not unique", n));
    return;
  }
  const catalog::Function& f = *found[0];
  auto nf = std::make_shared<catalog::Function>(f);
  nf->name.name = nn;
  if (c.cat.function(nf->signature()))
    return c.present(-1, fmt::format("function {} already exists", nf->signature()),
                     catalog::function_key(nf->signature()));
  c.moved(catalog::function_key(f.signature()), catalog::function_key(nf->signature()));
  // Triggers call it by OID; the model names the function in the trigger,
  // whose definition is not known then (the rest of its table is).
  for (const auto& d : c.cat.dependents(catalog::function_key(f.signature())))
    if (d.starts_with("trigger:")) c.cat.mark_uncertain(d);
  c.cat.erase_function(f.signature());
  c.cat.put_function(nf);
  if (auto cm = c.cat.comment(catalog::function_key(f.signature()))) {
    c.cat.set_comment(catalog::function_key(f.signature()), std::nullopt);
    c.cat.set_comment(catalog::function_key(nf->signature()), *cm);
  }
  c.effect(Action::Renamed, ObjectKind::Function, f.name, f.args);
  c.out.effects.back().links().new_name = nn;
}

void rename_domain_constraint(Ctx& c, const pg_query::RenameStmt& s) {
  std::vector<std::string> names;
  if (s.object().has_list()) names = catalog::strings(s.object().list().items());
  else if (s.object().has_type_name()) names = catalog::strings(s.object().type_name().names());
  auto q = c.find_type(names);
  if (!q)
    return c.missing(-1, fmt::format("type \"{}\" does not exist", names.empty() ? "" : names.back()),
                     names.empty() ? "" : names.back(), split_name(names).schema);
  if (c.cat.type(*q)->kind != catalog::TypeKind::Domain)
    return c.unknown(-1, fmt::format("type \"{}\" does not exist", names.empty() ? "" : names.back()));
  auto t = std::make_shared<catalog::Type>(*c.cat.type(*q));
  auto it = std::find_if(t->checks.begin(), t->checks.end(), [&](const auto& k) { return k.first == s.subname(); });
  if (it == t->checks.end() && !c.knows_contents(catalog::type_key(*q))) return c.skip(catalog::type_key(*q));
  if (it == t->checks.end())
    return c.unknown(-1, fmt::format("constraint \"{}\" for domain \"{}\" does not exist", s.subname(), q->name));
  it->first = s.newname();
  c.cat.put_type(t);
  c.effect(Action::Renamed, ObjectKind::Type, *q, s.subname());
  c.out.effects.back().links().new_name = s.newname();
}

}  // namespace

void transform_rename(Ctx& c, const pg_query::RenameStmt& s) {
  const std::string& nn = s.newname();
  switch (s.rename_type()) {
    case pg_query::OBJECT_TABLE:
    case pg_query::OBJECT_FOREIGN_TABLE:
    case pg_query::OBJECT_VIEW:
    case pg_query::OBJECT_MATVIEW:
    case pg_query::OBJECT_INDEX:
    case pg_query::OBJECT_SEQUENCE: {
      const auto& rv = s.relation();
      const auto t = s.rename_type();
      auto q = c.cat.resolve(rv.schemaname(), rv.relname(), [&](const QName& x) {
        if (t == pg_query::OBJECT_INDEX) return c.cat.index(x) != nullptr;
        if (t == pg_query::OBJECT_SEQUENCE) return c.cat.sequence(x) != nullptr;
        if (t == pg_query::OBJECT_VIEW || t == pg_query::OBJECT_MATVIEW) return c.cat.view(x) != nullptr;
        return c.cat.table(x) != nullptr;
      });
      if (!q) {
        // ALTER TABLE also renames views, sequences and indexes.
        q = c.cat.resolve(rv.schemaname(), rv.relname(), [&](const QName& x) { return c.cat.relation_exists(x); });
      }
      if (!q) {
        if (!s.missing_ok())
          c.missing(rv.location(), fmt::format("relation \"{}\" does not exist", rv.relname()), rv.relname(),
                    rv.schemaname());
        return;
      }
      // ALTER TABLE and ALTER INDEX rename any relation; ALTER SEQUENCE,
      // ALTER VIEW and ALTER MATERIALIZED VIEW only their own kind
      // (PostgreSQL: "x" is not a sequence), even with IF EXISTS.
      const auto v = c.cat.view(*q);
      const char* wrong = t == pg_query::OBJECT_SEQUENCE && !c.cat.sequence(*q)      ? "a sequence"
                          : t == pg_query::OBJECT_VIEW && !(v && !v->materialized)   ? "a view"
                          : t == pg_query::OBJECT_MATVIEW && !(v && v->materialized) ? "a materialized view"
                                                                                     : nullptr;
      if (wrong) {
        c.unknown(rv.location(), fmt::format("\"{}\" is not {}", rv.relname(), wrong));
        return;
      }
      const QName to{q->schema, nn};
      if (c.cat.relation_exists(to)) {
        c.present(-1, fmt::format("relation \"{}\" already exists", nn), relation_key(c.cat, to));
        return;
      }
      if (c.cat.table(*q)) {
        move_table(c, *q, to);
        c.effect(Action::Renamed, ObjectKind::Table, *q, {}, false, rv.location());
        c.out.effects.back().links().new_name = nn;
      } else if (auto ix = c.cat.index(*q)) {
        auto ni = std::make_shared<catalog::Index>(*ix);
        c.moved(catalog::index_key(*q), catalog::index_key(to));
        c.cat.erase_index(*q);
        ni->name = to;
        // Renaming an index that backs a constraint renames the constraint.
        if (!ni->constraint.empty()) {
          auto tb2 = c.cat.table(ni->table);
          if (tb2) {
            auto nt = std::make_shared<Table>(*tb2);
            for (auto& k : nt->constraints)
              if (k.name == ni->constraint) k.name = nn;
            c.cat.put_table(nt);
          }
          ni->constraint = nn;
        }
        c.cat.put_index(ni);
        c.effect(Action::Renamed, ObjectKind::Index, *q, {}, false, rv.location());
        c.out.effects.back().links().new_name = nn;
      } else if (auto sq = c.cat.sequence(*q)) {
        auto ns = std::make_shared<catalog::Sequence>(*sq);
        c.moved(catalog::sequence_key(*q), catalog::sequence_key(to));
        c.cat.erase_sequence(*q);
        ns->name = to;
        c.cat.put_sequence(ns);
        // Defaults point at the sequence by OID: they follow the rename.
        for (const auto& d : c.cat.dependents("sequence:" + q->key())) (void)d;
        c.cat.mark_uncertain(catalog::sequence_key(to));
        c.effect(Action::Renamed, ObjectKind::Sequence, *q, {}, false, rv.location());
        c.out.effects.back().links().new_name = nn;
      } else if (c.cat.view(*q)) {
        move_view(c, *q, to);
        c.effect(Action::Renamed, ObjectKind::View, *q, {}, false, rv.location());
        c.out.effects.back().links().new_name = nn;
      }
      return;
    }
    case pg_query::OBJECT_COLUMN: {
      auto q = c.find_table(s.relation());
      if (!q) {
        if (c.cat.view(c.create_name(s.relation()))) {
          c.unmodeled("renaming a view column is not modeled");
          return;
        }
        if (!s.missing_ok())
          c.missing(s.relation().location(), fmt::format("relation \"{}\" does not exist", s.relation().relname()),
                    s.relation().relname(), s.relation().schemaname());
        return;
      }
      auto t = working(c, *q);
      if (!column_or_fail(c, *t, s.subname())) return;
      if (t->column(nn)) {
        if (!c.knows_contents(catalog::table_key(*q))) return c.skip(catalog::table_key(*q));
        c.duplicate(-1, fmt::format("column \"{}\" of relation \"{}\" already exists", nn, q->name));
        return;
      }
      t->column(s.subname())->name = nn;
      auto ren = [&](std::vector<std::string>& v) {
        for (auto& x : v)
          if (x == s.subname()) x = nn;
      };
      for (auto& k : t->constraints) {
        ren(k.columns);
        ren(k.include);
        if (k.kind == ConstraintKind::ForeignKey && k.ref_table == *q) ren(k.ref_columns);
        if (k.uses.erase(s.subname())) k.uses.insert(nn);
        // A CHECK expression follows the column by number; its text changes.
        if (k.check) k.check = catalog::rename_column(*k.check, s.subname(), nn, c.expr_ctx());
      }
      for (auto& col : t->columns) {
        if (col.generated_uses.erase(s.subname())) {
          col.generated_uses.insert(nn);
          if (col.generated)
            col.generated = catalog::rename_column(*col.generated, s.subname(), nn, c.expr_ctx(col.type));
        }
      }
      // The views' queries as the rule shows them once the column has its new
      // name, read while the catalog still has the old one.
      const std::string column_key = catalog::column_use_key(catalog::table_key(*q), s.subname());
      std::map<std::string, std::optional<catalog::ViewQuery>> view_queries;  // dependents() key → new query
      for (const auto& d : c.cat.dependents(catalog::table_key(*q))) {
        if (!d.starts_with("view:")) continue;
        const auto sep = d.find('\x1f');
        const auto v = c.cat.view({d.substr(5, sep - 5), d.substr(sep + 1)});
        if (!v || !v->resolved) view_queries[d] = std::nullopt;
        else if (v->column_uses.contains(column_key)) {
          auto renamed = catalog::view_query_renaming_column(c.cat, *v, column_key, s.subname(), nn);
          view_queries[d] = renamed ? std::optional(catalog::ViewQuery(std::move(*renamed))) : std::nullopt;
        } else view_queries[d] = v->query;  // it does not read the column
      }
      c.cat.put_table(t);
      for (const auto& d : c.cat.dependents(catalog::table_key(*q))) {
        if (d.starts_with("index:")) {
          const std::string k = d.substr(6);
          auto ix = c.cat.index({k.substr(0, k.find('\x1f')), k.substr(k.find('\x1f') + 1)});
          if (ix && ix->uses.count(s.subname())) {
            auto ni = std::make_shared<catalog::Index>(*ix);
            for (auto& key : ni->keys)
              if (key.column == s.subname()) key.column = nn;
            ren(ni->include);
            ni->uses.erase(s.subname());
            ni->uses.insert(nn);
            c.cat.put_index(ni);
          }
        } else if (d.starts_with("fk:")) {
          const std::string rest = d.substr(3);
          const auto p = rest.rfind('\x1f');
          const std::string tk = rest.substr(0, p);
          auto ot = c.cat.table({tk.substr(0, tk.find('\x1f')), tk.substr(tk.find('\x1f') + 1)});
          if (ot) {
            auto no = std::make_shared<Table>(*ot);
            for (auto& k : no->constraints)
              if (k.kind == ConstraintKind::ForeignKey && k.ref_table == *q) ren(k.ref_columns);
            c.cat.put_table(no);
          }
        } else if (d.starts_with("sequence:")) {
          const std::string k = d.substr(9);
          auto sq = c.cat.sequence({k.substr(0, k.find('\x1f')), k.substr(k.find('\x1f') + 1)});
          if (sq && sq->owned_column == s.subname()) {
            auto ns = std::make_shared<catalog::Sequence>(*sq);
            ns->owned_column = nn;
            c.cat.put_sequence(ns);
          }
        } else if (d.starts_with("view:")) {
          follow_in_view(c, d, column_key, catalog::column_use_key(catalog::table_key(*q), nn));
          const auto it = view_queries.find(d);
          const auto sep = d.find('\x1f');
          const auto v = c.cat.view({d.substr(5, sep - 5), d.substr(sep + 1)});
          if (it == view_queries.end() || !it->second || !v) {
            c.cat.mark_uncertain(d);  // its query text may name the old column
          } else if (!(it->second->text() == v->query.text())) {
            auto nv = std::make_shared<catalog::View>(*v);
            nv->query = *it->second;
            c.cat.put_view(nv);
          }
        }
      }
      if (auto cm = c.cat.comment("column:" + q->key() + '\x1f' + s.subname())) {
        c.cat.set_comment("column:" + q->key() + '\x1f' + s.subname(), std::nullopt);
        c.cat.set_comment("column:" + q->key() + '\x1f' + nn, *cm);
      }
      c.effect(Action::Renamed, ObjectKind::Column, *q, s.subname(), false, s.relation().location());
      c.out.effects.back().links().new_name = nn;
      return;
    }
    case pg_query::OBJECT_TABCONSTRAINT: {
      auto q = c.find_table(s.relation());
      if (!q) {
        if (!s.missing_ok())
          c.missing(s.relation().location(), fmt::format("relation \"{}\" does not exist", s.relation().relname()),
                    s.relation().relname(), s.relation().schemaname());
        return;
      }
      auto t = working(c, *q);
      if (nn != s.subname() && (t->constraint(nn) || t->not_null_constraint(nn))) {
        c.duplicate(-1, fmt::format("constraint \"{}\" for relation \"{}\" already exists", nn, q->name));
        return;
      }
      bool found = false;
      std::string idx;
      for (auto& k : t->constraints)
        if (k.name == s.subname()) {
          found = true;
          if (k.kind == ConstraintKind::PrimaryKey || k.kind == ConstraintKind::Unique ||
              k.kind == ConstraintKind::Exclude)
            idx = k.name;
          k.name = nn;
        }
      if (Column* col = t->not_null_constraint(s.subname())) {
        found = true;
        col->not_null_name = nn;
      }
      if (!found) {
        if (!c.knows_contents(catalog::table_key(*q))) return c.skip(catalog::table_key(*q));
        if (!not_null_constraint_before_18(c, *t, s.subname()))
          c.unknown(-1, fmt::format("constraint \"{}\" for table \"{}\" does not exist", s.subname(), q->name));
        return;
      }
      c.cat.put_table(t);
      if (!idx.empty())
        if (auto ix = c.cat.index({q->schema, idx})) {
          auto ni = std::make_shared<catalog::Index>(*ix);
          c.moved(catalog::index_key(ix->name), catalog::index_key({q->schema, nn}));
          c.cat.erase_index(ix->name);
          ni->name = {q->schema, nn};
          ni->constraint = nn;
          c.cat.put_index(ni);
        }
      c.effect(Action::Renamed, ObjectKind::Constraint, *q, s.subname(), false, s.relation().location());
      c.out.effects.back().links().new_name = nn;
      return;
    }
    case pg_query::OBJECT_TYPE:
    case pg_query::OBJECT_DOMAIN: {
      std::vector<std::string> names;
      if (s.object().has_list()) names = catalog::strings(s.object().list().items());
      else if (s.object().has_type_name()) names = catalog::strings(s.object().type_name().names());
      auto q = c.find_type(names);
      if (!q) {
        if (!s.missing_ok())
          c.missing(-1, fmt::format("type \"{}\" does not exist", names.empty() ? "" : names.back()),
                    names.empty() ? "" : names.back(), split_name(names).schema);
        return;
      }
      auto nt = std::make_shared<catalog::Type>(*c.cat.type(*q));
      c.moved(catalog::type_key(*q), catalog::type_key({q->schema, nn}));
      nt->name.name = nn;
      // Columns show the type by name, so they follow it. The dependency index
      // lists exactly the columns of this type ("table:<table key>\x1f<column>"),
      // so a rename costs what the type's users cost, not a scan of every column.
      // Both types exist while the tables are rewritten so that their
      // dependency entries move from the old name to the new one.
      c.cat.put_type(nt);
      const QName to{q->schema, nn};
      auto spelled = [](const QName& n) {
        return n.schema == "public" ? catalog::quote_ident(n.name)
                                    : catalog::quote_ident(n.schema) + "." + catalog::quote_ident(n.name);
      };
      const std::string from_sql = spelled(*q), to_sql = spelled(to);
      std::set<std::string> user_tables;
      for (const auto& d : c.cat.dependents(catalog::type_key(*q)))
        if (d.starts_with("table:")) user_tables.insert(d.substr(0, d.rfind('\x1f')));
      for (const auto& tk : user_tables) {
        const auto key = tk.substr(6);
        const auto sep = key.find('\x1f');
        auto t = c.cat.table(QName{key.substr(0, sep), key.substr(sep + 1)});
        if (!t) continue;
        auto copy = std::make_shared<Table>(*t);
        for (auto& col : copy->columns) {
          if (!col.type.starts_with(from_sql)) continue;
          std::string_view dims = std::string_view(col.type).substr(from_sql.size());
          bool only_dims = dims.size() % 2 == 0;
          for (size_t i = 0; only_dims && i < dims.size(); i += 2) only_dims = dims.substr(i, 2) == "[]";
          if (only_dims) col.type = to_sql + std::string(dims);
        }
        c.cat.put_table(copy);
      }
      c.cat.erase_type(*q);
      c.effect(Action::Renamed, ObjectKind::Type, *q, {}, false);
      c.out.effects.back().links().new_name = nn;
      return;
    }
    case pg_query::OBJECT_SCHEMA: rename_schema(c, s.subname(), nn); return;
    case pg_query::OBJECT_TRIGGER: {
      auto q = c.find_relation_of(s.relation().schemaname(), s.relation().relname(),
                                  [](const catalog::Catalog& cat, const QName& x) {
                                    return cat.table(x) != nullptr || cat.view(x) != nullptr;
                                  });
      if (!q) {
        if (!s.missing_ok())
          c.missing(-1, fmt::format("relation \"{}\" does not exist", s.relation().relname()), s.relation().relname(),
                    s.relation().schemaname());
        return;
      }
      if (!c.cat.trigger(*q, s.subname())) {
        const std::string owner = c.cat.table(*q) ? catalog::table_key(*q) : catalog::view_key(*q);
        if (!c.knows_contents(owner)) return c.skip(owner);
        if (!s.missing_ok()) c.unknown(-1, fmt::format("trigger \"{}\" does not exist", s.subname()));
        return;
      }
      auto nt = std::make_shared<catalog::Trigger>(*c.cat.trigger(*q, s.subname()));
      c.cat.erase_trigger(*q, s.subname());
      nt->name = nn;
      c.cat.put_trigger(nt);
      if (auto cm = c.cat.comment(catalog::trigger_key(*q, s.subname()))) {
        c.cat.set_comment(catalog::trigger_key(*q, s.subname()), std::nullopt);
        c.cat.set_comment(catalog::trigger_key(*q, nn), *cm);
      }
      c.effect(Action::Renamed, ObjectKind::Trigger, *q, s.subname());
      c.out.effects.back().links().new_name = nn;
      return;
    }
    case pg_query::OBJECT_FUNCTION:
    case pg_query::OBJECT_PROCEDURE:
    case pg_query::OBJECT_ROUTINE:
      if (s.object().has_object_with_args()) return rename_routine(c, s.object().object_with_args(), nn);
      c.unmodeled("this RENAME is not modeled");
      return;
    case pg_query::OBJECT_DOMCONSTRAINT: return rename_domain_constraint(c, s);
    default: c.unmodeled("this RENAME is not modeled"); return;
  }
}

}  // namespace miglint::effects
