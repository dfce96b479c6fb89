// ALTER TABLE subcommands (RENAME and SET SCHEMA: transform_rename.cpp).
#include <fmt/format.h>
#include <google/protobuf/arena.h>

#include <set>
#include <utility>

#include "analyzer/ast/alter_table_subtypes.h"
#include "analyzer/ast/parse.h"
#include "analyzer/ast/pg_compat.h"
#include "analyzer/catalog/diff.h"
#include "analyzer/effects/null_default.h"
#include "analyzer/effects/transform.h"
#include "analyzer/effects/transform_alter_table.h"
#include "analyzer/source/strings.h"

namespace miglint::effects {

using catalog::Column;
using catalog::ConstraintKind;
using catalog::ObjectKind;
using catalog::Table;

std::shared_ptr<Table> working(Ctx& c, const QName& q) { return std::make_shared<Table>(*c.cat.table(q)); }

// A constraint name that is the implicit name PostgreSQL 18 gives a NOT NULL
// column of the table, when the target is older: the statement needs 18
// (requires-newer-postgres) rather than naming a constraint that is missing.
bool not_null_constraint_before_18(Ctx& c, const Table& t, const std::string& name) {
  if (c.cat.pg_version() >= 18) return false;
  for (const auto& col : t.columns)
    if (col.not_null && catalog::make_object_name(t.name.name, col.name, "not_null") == name) {
      c.issue("requires-newer-postgres", -1,
              fmt::format("the NOT NULL constraint \"{}\" exists from PostgreSQL 18 on (before, NOT NULL is not a "
                          "constraint); pg_version is {}",
                          name, c.cat.pg_version()));
      return true;
    }
  return false;
}

// False when the column is missing; an error unless the model does not know
// all the table's columns (the caller then leaves the column alone).
bool column_or_fail(Ctx& c, const Table& t, const std::string& col, bool missing_ok) {
  if (t.column(col)) return true;
  if (!missing_ok && c.knows_contents(catalog::table_key(t.name)))
    c.unknown(-1, fmt::format("column \"{}\" of relation \"{}\" does not exist", col, t.name.name));
  return false;
}

namespace {

// DROP NOT NULL, or (18) dropping the NOT NULL constraint: refused on a
// primary-key or identity column.
bool may_drop_not_null(Ctx& c, const Table& t, const Column& col, int loc) {
  for (const auto& k : t.constraints)
    if (k.kind == ConstraintKind::PrimaryKey &&
        std::find(k.columns.begin(), k.columns.end(), col.name) != k.columns.end()) {
      c.issue("dependent-objects", loc, fmt::format("column \"{}\" is in a primary key", col.name));
      return false;
    }
  if (col.identity) {
    c.issue("dependent-objects", loc,
            fmt::format("column \"{}\" of relation \"{}\" is an identity column", col.name, t.name.name));
    return false;
  }
  return true;
}

// `type(col)` (deparsed text) where `type` names the column's own type.
bool is_self_cast(const std::string& text, const std::string& col, const std::string& type) {
  const std::string arg = "(" + catalog::quote_ident(col) + ")";
  if (!text.ends_with(arg)) return false;
  const std::string fn = text.substr(0, text.size() - arg.size());
  return !fn.empty() && fn.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") == std::string::npos &&
         catalog::canonical_type_name(fn) == type;
}

// PostgreSQL keeps a default as it was cooked and coerces it to the new type:
// a string literal stays of the old type ('1970-01-01' on a timestamp column
// stays '1970-01-01 00:00:00'::timestamp without time zone). Any other
// expression already carries its own type. Either way the default is
// normalised again for the column's new type.
void keep_default_type(Ctx& c, Column& col, const std::string& old_type) {
  google::protobuf::Arena arena;
  const pg_query::Node* n = parse_single_statement("SELECT " + col.default_expr->text, arena);
  if (!n || !n->has_select_stmt() || n->select_stmt().target_list_size() != 1) return;
  const auto& v = n->select_stmt().target_list(0).res_target().val();
  col.default_expr = v.has_a_const() && v.a_const().has_sval()
                         ? expr_from_sql(c, col.default_expr->text + "::" + old_type, col.type)
                         : catalog::make_expr(v, c.expr_ctx(col.type));
}

// `alone`: the statement's only subcommand (a refusal then undoes nothing else).
void alter_column_type(Ctx& c, const QName& q, const pg_query::AlterTableCmd& cmd, bool alone) {
  auto t = working(c, q);
  if (!column_or_fail(c, *t, cmd.name())) return;
  bool unsure = false;
  for (const auto& d : c.cat.dependents(catalog::table_key(q)))
    if (d.starts_with("view:")) {
      auto v = c.cat.view({d.substr(5, d.find('\x1f') - 5), d.substr(d.find('\x1f') + 1)});
      if (!v) continue;
      const ColumnUse use = view_column_use(*v, catalog::table_key(q), cmd.name());
      if (use == ColumnUse::Yes && c.knows_presence(d) && c.knows_contents(d)) {
        c.issue("dependent-objects", -1,
                fmt::format("cannot alter type of a column used by a view or rule: view {} depends on column \"{}\"",
                            v->name.str(), cmd.name()));
        return;
      }
      unsure = unsure || use == ColumnUse::Unknown;
    }
  // PostgreSQL refuses the change if such a view reads the column: whether
  // the column's type changed, with what shows it (its default, the
  // constraints and indexes reading it), is not known after it; and, when
  // the statement does more, whether the rest happened either.
  if (unsure && !alone) c.cat.mark_uncertain(catalog::table_key(q));
  if (unsure && alone) column_definition_unsure(c, q, cmd.name());
  if (!cmd.def().has_column_def()) return;
  Column* col = t->column(cmd.name());
  const std::string old_type = std::exchange(col->type, catalog::canonical_type(cmd.def().column_def().type_name()));
  if (col->default_expr && old_type != col->type) keep_default_type(c, *col, old_type);
  if (cmd.def().column_def().has_coll_clause()) {
    const auto n = catalog::strings(cmd.def().column_def().coll_clause().collname());
    if (!n.empty()) col->collation = n.back();
  }
  // An identity column's sequence follows the column type; a serial's does not.
  if (col->identity)
    for (const auto& d : c.cat.dependents(catalog::table_key(q)))
      if (d.starts_with("sequence:")) {
        const std::string k = d.substr(9);
        const QName sq{k.substr(0, k.find('\x1f')), k.substr(k.find('\x1f') + 1)};
        auto s = c.cat.sequence(sq);
        if (s && s->owned_column == col->name && s->identity) {
          auto ns = std::make_shared<catalog::Sequence>(*s);
          ns->type = col->type;
          c.cat.put_sequence(ns);
        }
      }
  c.cat.put_table(t);
  c.effect(Action::Altered, ObjectKind::Column, q, cmd.name(), false, -1, "type");
  // PostgreSQL rebuilds every index and re-checks every constraint that uses
  // the column (tablecmds.c ATPostAlterTypeCleanup): they are touched too.
  CauseScope cause(c, {ObjectKind::Column, q, cmd.name()});
  for (const auto& k : t->constraints)
    if (k.uses.count(cmd.name())) c.effect(Action::Altered, ObjectKind::Constraint, q, k.name, true, -1, "rebuilt");
  for (const auto& d : c.cat.dependents(catalog::table_key(q)))
    if (d.starts_with("index:")) {
      const std::string k = d.substr(6);
      const QName iq{k.substr(0, k.find('\x1f')), k.substr(k.find('\x1f') + 1)};
      auto ix = c.cat.index(iq);
      if (!ix || !ix->uses.count(cmd.name())) continue;
      // The rebuilt index re-reads its expressions: a cast of the column to
      // its new type (date(d) once d is a date) becomes the plain column.
      auto ni = std::make_shared<catalog::Index>(*ix);
      bool changed = false;
      for (auto& key : ni->keys)
        if (key.expr && is_self_cast(key.expr->text, cmd.name(), col->type)) {
          key.expr.reset();
          key.column = cmd.name();
          changed = true;
        }
      if (changed) c.cat.put_index(ni);
      c.effect(Action::Altered, ObjectKind::Index, iq, {}, true, -1, "rebuilt");
    }
}

void add_identity(Ctx& c, const QName& q, const pg_query::AlterTableCmd& cmd) {
  auto t = working(c, q);
  if (!column_or_fail(c, *t, cmd.name())) return;
  Column* col = t->column(cmd.name());
  if (!cmd.def().has_constraint()) return;
  const auto& con = cmd.def().constraint();
  col->identity = con.generated_when().empty() ? 'a' : con.generated_when()[0];
  std::set<std::string> taken{t->name.name};
  const std::string seqname = catalog::choose_relation_name(c.cat, q.schema, q.name, col->name, "seq", false, taken);
  auto seq = std::make_shared<catalog::Sequence>();
  seq->name = {q.schema, seqname};
  seq->type = col->type;
  seq->owned_table = q;
  seq->owned_column = col->name;
  seq->identity = true;
  apply_sequence_options(c, *seq, con.options());
  c.cat.put_sequence(seq);
  c.cat.put_table(t);
  c.effect(Action::Created, ObjectKind::Sequence, seq->name, {}, true);
  c.effect(Action::Altered, ObjectKind::Column, q, col->name, false, -1, "identity");
}

// ALTER COLUMN … SET GENERATED ALWAYS | BY DEFAULT (sequence options are not kept).
void set_identity(Ctx& c, const QName& q, const pg_query::AlterTableCmd& cmd) {
  auto t = working(c, q);
  if (!column_or_fail(c, *t, cmd.name())) return;
  Column* col = t->column(cmd.name());
  if (!col->identity) {
    if (c.knows_contents(catalog::table_key(q)))
      c.unknown(-1, fmt::format("column \"{}\" of relation \"{}\" is not an identity column", col->name, q.name));
    return;
  }
  if (!cmd.def().has_list()) return;
  for (const auto& n : cmd.def().list().items())
    if (n.has_def_elem() && n.def_elem().defname() == "generated" && n.def_elem().arg().has_integer())
      col->identity = static_cast<char>(n.def_elem().arg().integer().ival());
  c.cat.put_table(t);
  c.effect(Action::Altered, ObjectKind::Column, q, col->name, false, -1, "identity");
}

// ALTER TYPE … ADD / DROP / ALTER ATTRIBUTE of a composite type.
void alter_composite(Ctx& c, const pg_query::AlterTableStmt& s) {
  const auto& rv = s.relation();
  auto q = c.cat.resolve(rv.schemaname(), rv.relname(), [&](const QName& x) {
    auto t = c.cat.type(x);
    return t && t->kind == catalog::TypeKind::Composite;
  });
  if (!q)
    return c.missing(rv.location(), fmt::format("type \"{}\" does not exist", rv.relname()), rv.relname(),
                     rv.schemaname());
  auto t = std::make_shared<catalog::Type>(*c.cat.type(*q));
  const std::string tk = catalog::type_key(*q);
  auto& attrs = t->attributes;
  for (const auto& n : s.cmds()) {
    const auto& cmd = n.alter_table_cmd();
    auto it = std::find_if(attrs.begin(), attrs.end(), [&](const auto& a) { return a.first == cmd.name(); });
    switch (cmd.subtype()) {
      case pg_query::AT_AddColumn: {
        const auto& def = cmd.def().column_def();
        if (std::any_of(attrs.begin(), attrs.end(), [&](const auto& a) { return a.first == def.colname(); })) {
          if (!c.knows_contents(tk)) break;
          return c.duplicate(-1,
                             fmt::format("column \"{}\" of relation \"{}\" already exists", def.colname(), q->name));
        }
        attrs.push_back({def.colname(), catalog::canonical_type(def.type_name())});
        break;
      }
      case pg_query::AT_DropColumn:
        if (it == attrs.end()) {
          if (!c.knows_contents(tk)) break;
          if (!cmd.missing_ok())
            c.unknown(-1, fmt::format("column \"{}\" of relation \"{}\" does not exist", cmd.name(), q->name));
          return;
        }
        attrs.erase(it);
        break;
      case pg_query::AT_AlterColumnType:
        if (it == attrs.end()) {
          if (!c.knows_contents(tk)) break;
          return c.unknown(-1, fmt::format("column \"{}\" of relation \"{}\" does not exist", cmd.name(), q->name));
        }
        it->second = catalog::canonical_type(cmd.def().column_def().type_name());
        break;
      default:
        c.unmodeled("this ALTER TYPE is not modeled");
        c.cat.mark_uncertain(catalog::type_key(*q));
        return;
    }
  }
  c.cat.put_type(t);
  c.effect(Action::Altered, ObjectKind::Type, *q, {}, false, rv.location(), "attributes");
}

void drop_identity(Ctx& c, const QName& q, const pg_query::AlterTableCmd& cmd) {
  auto t = working(c, q);
  if (!column_or_fail(c, *t, cmd.name())) return;
  Column* col = t->column(cmd.name());
  if (!col->identity) {
    if (!cmd.missing_ok() && c.knows_contents(catalog::table_key(q)))
      c.unknown(-1, fmt::format("column \"{}\" of relation \"{}\" is not an identity column", col->name, q.name));
    return;
  }
  col->identity = 0;
  c.cat.put_table(t);
  for (const auto& d : c.cat.dependents(catalog::table_key(q)))
    if (d.starts_with("sequence:")) {
      const std::string k = d.substr(9);
      const QName sq{k.substr(0, k.find('\x1f')), k.substr(k.find('\x1f') + 1)};
      auto s = c.cat.sequence(sq);
      if (s && s->identity && s->owned_column == cmd.name()) drop_sequence(c, sq, true, true, -1);
    }
  c.effect(Action::Altered, ObjectKind::Column, q, cmd.name(), false, -1, "identity");
}

void attach_partition(Ctx& c, const QName& q, const pg_query::AlterTableCmd& cmd, bool attach) {
  if (!cmd.def().has_partition_cmd()) return;
  const auto& pc = cmd.def().partition_cmd();
  auto pq = c.find_table(pc.name());
  if (!pq)
    return c.missing(pc.name().location(), fmt::format("relation \"{}\" does not exist", pc.name().relname()),
                     pc.name().relname(), pc.name().schemaname());
  auto p = std::make_shared<Table>(*c.cat.table(*pq));
  if (attach) {
    p->partition_of = q;
    std::string bound;
    const auto& b = pc.bound();
    auto list = [](const google::protobuf::RepeatedPtrField<pg_query::Node>& l) {
      std::string o;
      for (int i = 0; i < l.size(); ++i) o += (i ? ", " : "") + catalog::deparse_expr(l[i]);
      return o;
    };
    if (b.is_default()) bound = "DEFAULT";
    else if (b.strategy() == "l") bound = "FOR VALUES IN (" + list(b.listdatums()) + ")";
    else if (b.strategy() == "r")
      bound = "FOR VALUES FROM (" + list(b.lowerdatums()) + ") TO (" + list(b.upperdatums()) + ")";
    else bound = fmt::format("FOR VALUES WITH (modulus {}, remainder {})", b.modulus(), b.remainder());
    p->partition_bound = bound;
    std::set<std::string> taken;
    clone_partition_indexes(c, *p, *c.cat.table(q), taken);
  } else {
    if (!p->partition_of || !(*p->partition_of == q)) {
      if (!c.knows_contents(catalog::table_key(*pq)) || !c.knows_contents(catalog::table_key(q))) return;
      c.unknown(pc.name().location(),
                fmt::format("relation \"{}\" is not a partition of relation \"{}\"", pq->name, q.name));
      return;
    }
    p->partition_of.reset();
    p->partition_bound.clear();
  }
  c.cat.put_table(p);
  c.effect(Action::Altered, ObjectKind::Table, *pq, {}, false, pc.name().location(), attach ? "attach" : "detach");
}

// ALTER INDEX … SET (…) / RESET (…): the index's storage parameters.
void alter_index_storage(Ctx& c, const pg_query::AlterTableStmt& s) {
  const auto q = c.cat.resolve(s.relation().schemaname(), s.relation().relname(),
                               [&](const QName& x) { return c.cat.index(x) != nullptr; });
  if (!q) return;
  std::shared_ptr<catalog::Index> ix;
  for (const auto& n : s.cmds()) {
    const auto& cmd = n.alter_table_cmd();
    const bool reset = cmd.subtype() == pg_query::AT_ResetRelOptions;
    if ((cmd.subtype() != pg_query::AT_SetRelOptions && !reset) || !cmd.def().has_list()) continue;
    if (!ix) ix = std::make_shared<catalog::Index>(*c.cat.index(*q));
    ix->with = apply_storage_parameters(ix->with, cmd.def().list().items(), reset);
  }
  if (!ix) return;
  c.cat.put_index(ix);
  c.effect(Action::Altered, ObjectKind::Index, *q, {}, false, s.relation().location(), "storage parameters");
}

}  // namespace

void transform_alter_table(Ctx& c, const pg_query::AlterTableStmt& s) {
  if (s.objtype() == pg_query::OBJECT_TYPE) return alter_composite(c, s);
  if (s.objtype() != pg_query::OBJECT_TABLE && s.objtype() != pg_query::OBJECT_FOREIGN_TABLE) {
    // ALTER INDEX/VIEW/SEQUENCE … SET (…), OWNER: storage and ownership only;
    // ALTER INDEX … ATTACH PARTITION links a partition's index the model
    // already gave it (pg_dump writes it after both indexes).
    bool all_harmless = true;
    for (const auto& n : s.cmds()) {
      const auto st = n.alter_table_cmd().subtype();
      const bool index_attach = st == pg_query::AT_AttachPartition && s.objtype() == pg_query::OBJECT_INDEX;
      // ALTER INDEX … ALTER COLUMN n SET STATISTICS: an expression column's statistics target.
      if (!alter_table_subtype(st).any_relation && st != pg_query::AT_SetStatistics && !index_attach)
        all_harmless = false;
    }
    if (!all_harmless) c.unmodeled("this ALTER is not modeled");
    if (s.objtype() == pg_query::OBJECT_INDEX) alter_index_storage(c, s);
    return;
  }
  auto found = c.find_table(s.relation());
  if (!found) {
    // ALTER TABLE also reaches views, sequences and indexes (ownership, options, renames).
    if (c.cat.resolve(s.relation().schemaname(), s.relation().relname(),
                      [&](const QName& x) { return c.cat.relation_exists(x); })) {
      bool harmless = true;
      for (const auto& n : s.cmds()) {
        const auto st = n.alter_table_cmd().subtype();
        harmless = harmless && alter_table_subtype(st).any_relation;
      }
      if (!harmless) c.unmodeled("ALTER TABLE of a relation that is not a table is not modeled");
      return;
    }
    if (!s.missing_ok())
      c.missing(s.relation().location(), fmt::format("relation \"{}\" does not exist", s.relation().relname()),
                s.relation().relname(), s.relation().schemaname());
    return;
  }
  const QName q = *found;
  const int rloc = s.relation().location();
  for (const auto& n : s.cmds()) {
    if (!n.has_alter_table_cmd()) continue;
    const auto& cmd = n.alter_table_cmd();
    const bool cascade = cmd.behavior() == pg_query::DROP_CASCADE;
    if (const pg_query::Node* expr = pgc::set_expression(cmd)) {
      auto t = working(c, q);
      if (!column_or_fail(c, *t, cmd.name())) return;
      Column* col = t->column(cmd.name());
      // PostgreSQL refuses it on a column that is not generated; no rule says so yet.
      if (!col->generated) continue;
      col->generated = catalog::make_expr(*expr, c.expr_ctx(col->type));
      col->generated_uses.clear();
      for (auto& r : catalog::column_refs(*expr)) col->generated_uses.insert(r);
      c.cat.put_table(t);
      c.effect(Action::Altered, ObjectKind::Column, q, col->name, false, rloc, "generation expression");
      continue;
    }
    switch (cmd.subtype()) {
      case pg_query::AT_AddColumn: {
        if (!cmd.def().has_column_def()) break;
        auto t = working(c, q);
        if (t->column(cmd.def().column_def().colname()) && cmd.missing_ok()) break;
        std::vector<PendingConstraint> pending;
        std::set<std::string> taken{t->name.name};
        if (!add_column(c, *t, cmd.def().column_def(), pending, taken, false)) return;
        if (!apply_pending_constraints(c, *t, pending, taken, false)) return;
        c.cat.put_table(t);
        break;
      }
      case pg_query::AT_ColumnDefault: {
        auto t = working(c, q);
        if (!column_or_fail(c, *t, cmd.name())) {
          if (c.failed) return;
          break;
        }
        Column* col = t->column(cmd.name());
        if (cmd.has_def()) {
          const auto& e = cmd.def();
          if (is_null_default(e)) {
            const auto sql = stored_null_default(e, col->type);
            col->default_expr = sql ? std::optional(expr_from_sql(c, *sql, col->type)) : std::nullopt;
          } else {
            col->default_expr = catalog::make_expr(e, c.expr_ctx(col->type));
          }
          col->default_seq.clear();
          if (e.has_func_call()) {
            // nextval('seq') makes the default depend on the sequence.
            const auto names = catalog::strings(e.func_call().funcname());
            if (!names.empty() && names.back() == "nextval" && e.func_call().args_size() == 1) {
              const pg_query::Node* a = &e.func_call().args(0);
              if (a->has_type_cast()) a = &a->type_cast().arg();
              if (a->has_a_const() && a->a_const().has_sval()) {
                const std::string lit = lower(a->a_const().sval().sval());
                const auto dot = lit.rfind('.');
                const std::string name = dot == std::string::npos ? lit : lit.substr(dot + 1);
                std::string schema = dot == std::string::npos ? "" : lit.substr(0, dot);
                auto sq = c.cat.resolve(schema, name, [&](const QName& x) { return c.cat.sequence(x) != nullptr; });
                if (sq) col->default_seq = sq->key();
              }
            }
          }
        } else {
          col->default_expr.reset();
          col->default_seq.clear();
        }
        c.cat.put_table(t);
        c.effect(Action::Altered, ObjectKind::Column, q, cmd.name(), false, rloc, "default");
        break;
      }
      case pg_query::AT_SetNotNull:
      case pg_query::AT_DropNotNull: {
        auto t = working(c, q);
        if (!column_or_fail(c, *t, cmd.name())) return;
        const bool set = cmd.subtype() == pg_query::AT_SetNotNull;
        Column* col = t->column(cmd.name());
        if (!set && !may_drop_not_null(c, *t, *col, rloc)) return;
        col->not_null = set;
        // SET NOT NULL validates a NOT VALID NOT NULL constraint (18).
        col->not_null_invalid = false;
        c.cat.put_table(t);
        c.effect(Action::Altered, ObjectKind::Column, q, cmd.name(), false, rloc, "not null");
        break;
      }
      case pg_query::AT_DropColumn: {
        auto t = c.cat.table(q);
        if (!t->column(cmd.name())) {
          if (!cmd.missing_ok() && c.knows_contents(catalog::table_key(q)))
            c.unknown(-1, fmt::format("column \"{}\" of relation \"{}\" does not exist", cmd.name(), q.name));
          break;
        }
        if (!drop_column(c, q, cmd.name(), cascade, -1)) return;
        break;
      }
      case pg_query::AT_AlterColumnType:
        alter_column_type(c, q, cmd, s.cmds_size() == 1);
        if (c.failed) return;
        break;
      case pg_query::AT_AddConstraint: {
        if (!cmd.def().has_constraint()) break;
        auto t = working(c, q);
        std::vector<PendingConstraint> pending{{&cmd.def().constraint(), ""}};
        std::set<std::string> taken{t->name.name};
        if (!apply_pending_constraints(c, *t, pending, taken, false)) return;
        c.cat.put_table(t);
        break;
      }
      case pg_query::AT_DropConstraint: {
        auto t = c.cat.table(q);
        if (!t->constraint(cmd.name()) && t->not_null_constraint(cmd.name())) {
          auto w = working(c, q);
          Column* col = w->not_null_constraint(cmd.name());
          if (!may_drop_not_null(c, *w, *col, rloc)) return;
          col->not_null = false;
          c.cat.put_table(w);
          c.effect(Action::Altered, ObjectKind::Column, q, col->name, false, rloc, "not null");
          break;
        }
        if (!t->constraint(cmd.name())) {
          if (!cmd.missing_ok() && c.knows_contents(catalog::table_key(q)) &&
              !not_null_constraint_before_18(c, *t, cmd.name()))
            c.unknown(-1, fmt::format("constraint \"{}\" of relation \"{}\" does not exist", cmd.name(), q.name));
          break;
        }
        if (!drop_constraint(c, q, cmd.name(), cascade, -1)) return;
        break;
      }
      case pg_query::AT_ValidateConstraint: {
        auto t = working(c, q);
        bool found_con = false;
        for (auto& k : t->constraints)
          if (k.name == cmd.name()) {
            k.not_valid = false;
            found_con = true;
          }
        if (Column* col = t->not_null_constraint(cmd.name())) {
          col->not_null_invalid = false;
          found_con = true;
        }
        if (!found_con) {
          if (!c.knows_contents(catalog::table_key(q))) break;
          if (!not_null_constraint_before_18(c, *t, cmd.name()))
            c.unknown(-1, fmt::format("constraint \"{}\" of relation \"{}\" does not exist", cmd.name(), q.name));
          return;
        }
        c.cat.put_table(t);
        break;
      }
      case pg_query::AT_AlterConstraint: {
        const auto con = pgc::alter_constraint(cmd);
        if (!con) break;
        auto t = working(c, q);
        bool found_con = false;
        for (auto& k : t->constraints)
          if (k.name == con->name) {
            if (con->sets_deferrability) {
              k.deferrable = con->deferrable;
              k.initially_deferred = con->initially_deferred;
            }
            found_con = true;
          }
        if (!found_con) {
          if (!c.knows_contents(catalog::table_key(q))) break;
          c.unknown(-1, fmt::format("constraint \"{}\" of relation \"{}\" does not exist", con->name, q.name));
          return;
        }
        c.cat.put_table(t);
        break;
      }
      case pg_query::AT_AddIdentity:
        add_identity(c, q, cmd);
        if (c.failed) return;
        break;
      case pg_query::AT_DropIdentity:
        drop_identity(c, q, cmd);
        if (c.failed) return;
        break;
      case pg_query::AT_SetIdentity: set_identity(c, q, cmd); break;
      case pg_query::AT_DropExpression: {
        auto t = working(c, q);
        if (!column_or_fail(c, *t, cmd.name())) {
          if (c.failed) return;
          break;
        }
        t->column(cmd.name())->generated.reset();
        t->column(cmd.name())->generated_uses.clear();
        c.cat.put_table(t);
        break;
      }
      case pg_query::AT_AttachPartition:
        attach_partition(c, q, cmd, true);
        if (c.failed) return;
        break;
      case pg_query::AT_DetachPartition:
        attach_partition(c, q, cmd, false);
        if (c.failed) return;
        break;
      case pg_query::AT_SetLogged:
      case pg_query::AT_SetUnLogged: {
        auto t = working(c, q);
        t->unlogged = cmd.subtype() == pg_query::AT_SetUnLogged;
        c.cat.put_table(t);
        break;
      }
      case pg_query::AT_EnableRowSecurity:
      case pg_query::AT_DisableRowSecurity:
      case pg_query::AT_ForceRowSecurity:
      case pg_query::AT_NoForceRowSecurity: {
        auto t = working(c, q);
        const auto st = cmd.subtype();
        if (st == pg_query::AT_EnableRowSecurity) t->rls.insert("enabled");
        if (st == pg_query::AT_DisableRowSecurity) t->rls.erase("enabled");
        if (st == pg_query::AT_ForceRowSecurity) t->rls.insert("forced");
        if (st == pg_query::AT_NoForceRowSecurity) t->rls.erase("forced");
        c.cat.put_table(t);
        break;
      }
      default:
        // Storage, statistics, ownership and trigger firing: outside the model.
        if (alter_table_subtype(cmd.subtype()).outside_model) break;
        c.unmodeled(
            fmt::format("ALTER TABLE subcommand {} is not modeled", pg_query::AlterTableType_Name(cmd.subtype())));
        c.cat.mark_uncertain(catalog::table_key(q));
        break;
    }
  }
  c.effect(Action::Altered, ObjectKind::Table, q, {}, false, rloc);
}

}  // namespace miglint::effects
