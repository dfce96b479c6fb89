// CREATE TABLE (columns, serial/identity, inline and table constraints with
// PostgreSQL's implicit names, LIKE, INHERITS, PARTITION BY / PARTITION OF).
#include <fmt/format.h>
#include <google/protobuf/arena.h>

#include "analyzer/ast/pg_compat.h"
#include "analyzer/catalog/diff.h"
#include "analyzer/catalog/fk_action.h"
#include "analyzer/effects/null_default.h"
#include "analyzer/effects/transform.h"

namespace miglint::effects {

using catalog::Column;
using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::ObjectKind;
using catalog::Table;

namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

// The sequence a nextval('…') default uses, as a catalog key.
std::string nextval_target(Ctx& c, const pg_query::Node& n) {
  if (!n.has_func_call()) return "";
  const auto& f = n.func_call();
  const auto names = catalog::strings(f.funcname());
  if (names.empty() || names.back() != "nextval" || f.args_size() != 1) return "";
  const pg_query::Node* a = &f.args(0);
  if (a->has_type_cast() && a->type_cast().has_arg()) a = &a->type_cast().arg();
  if (!a->has_a_const() || !a->a_const().has_sval()) return "";
  std::string lit = a->a_const().sval().sval();
  std::string schema, name;
  std::vector<std::string> parts;
  std::string cur;
  bool quoted = false;
  for (char ch : lit) {
    if (ch == '"') {
      quoted = !quoted;
    } else if (ch == '.' && !quoted) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += quoted ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  parts.push_back(cur);
  name = parts.back();
  if (parts.size() >= 2) {
    schema = parts[parts.size() - 2];
  } else {
    auto q = c.cat.resolve("", name, [&](const QName& x) { return c.cat.sequence(x) != nullptr; });
    schema = q ? q->schema : c.cat.creation_schema();
  }
  return QName{schema, name}.key();
}

void make_sequence(Ctx& c, Table& t, Column& col, const std::string& type, bool identity,
                   std::set<std::string>& taken_relnames, const pg_query::Constraint* idcon) {
  const std::string seqname = choose_relation_name(c.cat, t.name.schema, t.name.name, col.name, "seq", false,
                                                   taken_relnames);
  taken_relnames.insert(seqname);
  auto seq = std::make_shared<catalog::Sequence>();
  seq->name = {t.name.schema, seqname};
  seq->type = type;
  seq->owned_table = t.name;
  seq->owned_column = col.name;
  seq->identity = identity;
  if (idcon) apply_sequence_options(c, *seq, idcon->options());
  c.cat.put_sequence(seq);
  c.effect(Action::Created, ObjectKind::Sequence, seq->name, {}, true);
  if (!identity) {
    const std::string qualified = QName{t.name.schema, seqname}.str();
    std::string text = "nextval('" + catalog::quote_ident(seqname) + "'::regclass)";
    col.default_expr = catalog::nextval_expr(qualified, text, c.expr_ctx(col.type));
    if (!col.default_expr) {
      col.default_expr = expr_from_sql(c, "nextval('" + qualified + "'::regclass)", col.type);
      col.default_expr->text = std::move(text);
    }
    col.default_seq = seq->name.key();
  }
}

void add_index_for(Ctx& c, const Table& t, const Constraint& k, std::set<std::string>& taken_relnames) {
  auto ix = std::make_shared<catalog::Index>();
  ix->name = {t.name.schema, k.name};
  ix->table = t.name;
  ix->unique = k.kind != ConstraintKind::Exclude;
  ix->method = k.kind == ConstraintKind::Exclude && !k.method.empty() ? k.method : "btree";
  for (const auto& col : k.columns) ix->keys.push_back({col, std::nullopt, "", "", false, 0});
  ix->include = k.include;
  ix->constraint = k.name;
  ix->uses = k.uses;
  taken_relnames.insert(k.name);
  c.cat.put_index(ix);
  c.effect(Action::Created, ObjectKind::Index, ix->name, {}, true);
}

// An index-backed constraint cloned onto another table (partitions, LIKE …
// INCLUDING INDEXES), under the name PostgreSQL chooses for that table.
void clone_index_constraint(Ctx& c, Table& t, const Constraint& k, std::set<std::string>& taken_relnames) {
  Constraint copy = k;
  const std::string label = k.kind == ConstraintKind::PrimaryKey ? "pkey"
                            : k.kind == ConstraintKind::Unique   ? "key"
                                                                 : "excl";
  copy.name = choose_relation_name(c.cat, t.name.schema, t.name.name,
                                   k.kind == ConstraintKind::PrimaryKey ? "" : join(k.columns, "_"), label, true,
                                   taken_relnames);
  add_index_for(c, t, copy, taken_relnames);
  t.constraints.push_back(copy);
}

}  // namespace

catalog::Expr expr_from_sql(Ctx& c, const std::string& sql, const std::string& coltype) {
  google::protobuf::Arena arena;
  const pg_query::Node* n = parse_single_statement("SELECT " + sql, arena);
  if (n && n->has_select_stmt() && n->select_stmt().target_list_size() == 1 &&
      n->select_stmt().target_list(0).res_target().has_val())
    return catalog::make_expr(n->select_stmt().target_list(0).res_target().val(), c.expr_ctx(coltype));
  return {sql, sql};
}

void clone_plain_indexes(Ctx& c, Table& t, const QName& src, std::set<std::string>& taken_relnames) {
  std::vector<catalog::Ptr<catalog::Index>> plain;
  for (const auto& [key, ix] : c.cat.indexes())
    if (ix->table == src && ix->constraint.empty()) plain.push_back(ix);
  auto matches = [&](const catalog::Index& a) {
    // An attached partition keeps an equivalent index of its own.
    for (const auto& [key, b] : c.cat.indexes())
      if (b->table == t.name && b->constraint.empty() && b->keys == a.keys && b->method == a.method &&
          b->unique == a.unique && b->include == a.include && b->where.has_value() == a.where.has_value() &&
          (!a.where || a.where->canon == b->where->canon))
        return true;
    return false;
  };
  for (const auto& ix : plain) {
    if (matches(*ix)) continue;
    std::vector<std::string> cols;
    for (const auto& key : ix->keys) cols.push_back(key.column);
    cols.insert(cols.end(), ix->include.begin(), ix->include.end());
    // An expression key is named after the expression, which the model does
    // not keep: the table's indexes are not known, its columns and
    // constraints are.
    if (std::any_of(ix->keys.begin(), ix->keys.end(), [](const auto& key) { return key.expr.has_value(); })) {
      c.cat.mark_uncertain(catalog::indexes_key(t.name));
      continue;
    }
    auto ni = std::make_shared<catalog::Index>(*ix);
    ni->table = t.name;
    ni->name = {t.name.schema,
                choose_relation_name(c.cat, t.name.schema, t.name.name, join(cols, "_"), "idx", false, taken_relnames)};
    taken_relnames.insert(ni->name.name);
    c.cat.put_index(ni);
    c.effect(Action::Created, ObjectKind::Index, ni->name, {}, true);
  }
}

void clone_partition_indexes(Ctx& c, Table& part, const Table& parent, std::set<std::string>& taken_relnames) {
  for (const auto& k : parent.constraints)
    if ((k.kind == ConstraintKind::PrimaryKey || k.kind == ConstraintKind::Unique) &&
        std::none_of(part.constraints.begin(), part.constraints.end(),
                     [&](const Constraint& o) { return o.kind == k.kind && o.columns == k.columns; }))
      clone_index_constraint(c, part, k, taken_relnames);
  clone_plain_indexes(c, part, parent.name, taken_relnames);
}

namespace {

// LIKE … INCLUDING INDEXES: the source's indexes and index-backed constraints.
void clone_like_indexes(Ctx& c, Table& t, const QName& src, std::set<std::string>& taken_relnames) {
  for (const auto& k : c.cat.table(src)->constraints)
    if (k.kind == ConstraintKind::PrimaryKey || k.kind == ConstraintKind::Unique || k.kind == ConstraintKind::Exclude)
      clone_index_constraint(c, t, k, taken_relnames);
  clone_plain_indexes(c, t, src, taken_relnames);
}

}  // namespace

// A table that copies the columns of one the model does not fully know
// (LIKE, INHERITS, PARTITION OF) is not fully known either.
static void copies_unsure(Ctx& c, const QName& table, const std::string& source) {
  const catalog::Unsure* u = c.cat.unsure(source);
  if (!u || !(u->what & catalog::Unsure::Contents)) return;
  catalog::Unsure copy = *u;
  copy.what = catalog::Unsure::Contents;
  c.cat.mark_unsure(catalog::table_key(table), catalog::Unsure::Contents, copy);
  c.cat.mark_uncertain(catalog::table_key(table));
}

std::string constraint_def(const Constraint& k) {
  std::string s;
  auto cols = [](const std::vector<std::string>& v) {
    std::string o;
    for (size_t i = 0; i < v.size(); ++i) o += (i ? ", " : "") + catalog::quote_ident(v[i]);
    return o;
  };
  switch (k.kind) {
    case ConstraintKind::PrimaryKey:
    case ConstraintKind::Unique:
      s = std::string(constraint_kind_name(k.kind));
      if (k.nulls_not_distinct) s += " NULLS NOT DISTINCT";
      s += " (" + cols(k.columns) + ")";
      if (!k.include.empty()) s += " INCLUDE (" + cols(k.include) + ")";
      break;
    case ConstraintKind::Check:
      s = "CHECK (" + (k.check ? k.check->text : std::string()) + ")";
      if (k.no_inherit) s += " NO INHERIT";
      break;
    case ConstraintKind::ForeignKey: {
      s = "FOREIGN KEY (" + cols(k.columns) + ") REFERENCES " + k.ref_table.str() + "(" + cols(k.ref_columns) + ")";
      if (k.match == 'f') s += " MATCH FULL";
      if (const auto a = catalog::fk_action_sql(k.on_update); !a.empty()) s += " ON UPDATE " + std::string(a);
      if (const auto a = catalog::fk_action_sql(k.on_delete); !a.empty()) s += " ON DELETE " + std::string(a);
      break;
    }
    case ConstraintKind::Exclude:
      s = "EXCLUDE USING " + (k.method.empty() ? std::string("gist") : k.method) + " (" + k.exclude_def + ")";
      if (k.where) s += " WHERE (" + k.where->text + ")";
      break;
  }
  if (k.deferrable) s += " DEFERRABLE";
  if (k.initially_deferred) s += " INITIALLY DEFERRED";
  if (k.not_valid) s += " NOT VALID";
  return s;
}

namespace {

// ADD CONSTRAINT … UNIQUE/PRIMARY KEY USING INDEX: the index becomes the
// constraint's, renamed to the constraint's name.
bool adopt_index(Ctx& c, Table& t, const pg_query::Constraint& con, Constraint& k,
                 std::set<std::string>& taken_connames) {
  const int loc = con.location();
  auto ix = c.cat.index({t.name.schema, con.indexname()});
  if (!ix && !c.knows_absent(con.indexname(), loc)) {
    // An index the model does not hold (made by a statement it could not
    // apply) becomes the constraint: its columns are unknown.
    k.name = con.conname().empty() ? con.indexname() : con.conname();
    if (t.constraint(k.name)) return true;
    auto ni = std::make_shared<catalog::Index>();
    ni->name = {t.name.schema, k.name};
    ni->table = t.name;
    ni->unique = true;
    ni->constraint = k.name;
    c.cat.put_index(ni);
    taken_connames.insert(k.name);
    c.effect(Action::Created, ObjectKind::Constraint, t.name, k.name, false, loc);
    t.constraints.push_back(std::move(k));
    c.mark_unsure(catalog::table_key(t.name), catalog::Unsure::Contents,
                  fmt::format("index \"{}\", which the model does not hold, became one of its constraints",
                              con.indexname()),
                  "the constraint is added here");
    c.cat.mark_uncertain(catalog::table_key(t.name));
    return true;
  }
  if (!ix || !(ix->table == t.name)) {
    c.unknown(loc, fmt::format("index \"{}\" does not exist", con.indexname()));
    return false;
  }
  // PostgreSQL refuses partial, expression and non-default-order indexes here.
  bool plain = ix->unique && ix->constraint.empty() && !ix->where && ix->method == "btree";
  for (const auto& key : ix->keys) plain = plain && !key.expr && !key.desc && key.nulls == 0;
  if (!plain) {
    c.unmodeled("ADD CONSTRAINT … USING INDEX of this index is not modeled");
    c.cat.mark_uncertain(catalog::table_key(t.name));
    return true;
  }
  k.columns.clear();
  for (const auto& key : ix->keys) k.columns.push_back(key.column);
  k.include = ix->include;
  k.nulls_not_distinct = ix->nulls_not_distinct;
  k.name = con.conname().empty() ? ix->name.name : con.conname();
  if (t.constraint(k.name) || (k.name != ix->name.name && c.cat.relation_exists({t.name.schema, k.name}))) {
    c.present(loc, fmt::format("relation \"{}\" already exists", k.name),
              t.constraint(k.name) ? catalog::table_key(t.name) : relation_key(c.cat, {t.name.schema, k.name}));
    return false;
  }
  k.uses.insert(k.columns.begin(), k.columns.end());
  k.uses.insert(k.include.begin(), k.include.end());
  if (k.kind == ConstraintKind::PrimaryKey)
    for (const auto& col : k.columns)
      if (auto* cc = t.column(col)) cc->not_null = true;
  auto ni = std::make_shared<catalog::Index>(*ix);
  c.cat.erase_index(ix->name);
  ni->name.name = k.name;
  ni->constraint = k.name;
  c.cat.put_index(ni);
  taken_connames.insert(k.name);
  c.effect(Action::Created, ObjectKind::Constraint, t.name, k.name, false, loc);
  t.constraints.push_back(std::move(k));
  return true;
}

}  // namespace

bool add_constraint(Ctx& c, Table& t, const pg_query::Constraint& con, const std::string& column,
                    std::set<std::string>& taken_connames, std::set<std::string>& taken_relnames, bool in_create) {
  Constraint k;
  k.deferrable = con.deferrable();
  k.initially_deferred = con.initdeferred();
  k.not_valid = con.skip_validation() && !in_create;
  const int loc = con.location();
  auto key_columns = [&](const google::protobuf::RepeatedPtrField<pg_query::Node>& keys) {
    std::vector<std::string> cols = catalog::strings(keys);
    if (cols.empty() && !column.empty()) cols.push_back(column);
    return cols;
  };
  auto check_columns_exist = [&](const std::vector<std::string>& cols) {
    for (const auto& col : cols)
      if (!t.column(col) && c.knows_contents(catalog::table_key(t.name), loc)) {
        c.unknown(loc, fmt::format("column \"{}\" named in key does not exist", col));
        return false;
      }
    return true;
  };
  switch (con.contype()) {
    case pg_query::CONSTR_CHECK: {
      k.kind = ConstraintKind::Check;
      if (!con.has_raw_expr()) return true;
      const auto refs = catalog::column_refs(con.raw_expr());
      k.check = catalog::make_expr(con.raw_expr(), c.expr_ctx());
      k.uses.insert(refs.begin(), refs.end());
      k.no_inherit = con.is_no_inherit();
      k.name = con.conname().empty() ? choose_constraint_name(c.cat, t.name.schema, t.name.name,
                                                              refs.size() == 1 ? refs[0] : "", "check", taken_connames)
                                     : con.conname();
      break;
    }
    case pg_query::CONSTR_PRIMARY:
    case pg_query::CONSTR_UNIQUE: {
      const bool pk = con.contype() == pg_query::CONSTR_PRIMARY;
      k.kind = pk ? ConstraintKind::PrimaryKey : ConstraintKind::Unique;
      k.columns = key_columns(con.keys());
      k.include = catalog::strings(con.including());
      k.nulls_not_distinct = con.nulls_not_distinct();
      if (!check_columns_exist(k.columns) || !check_columns_exist(k.include)) return false;
      if (!con.indexname().empty()) return adopt_index(c, t, con, k, taken_connames);
      for (const auto& other : t.constraints) {
        if (pk && other.kind == ConstraintKind::PrimaryKey) {
          if (c.knows_contents(catalog::table_key(t.name), loc)) {
            c.duplicate(loc, fmt::format("multiple primary keys for table \"{}\" are not allowed", t.name.name));
            return false;
          }
          // The primary key the model holds may be gone: PostgreSQL took this one.
          const std::string old = other.name;
          std::erase_if(t.constraints, [&](const Constraint& x) { return x.name == old; });
          if (auto ix = c.cat.index({t.name.schema, old}); ix && ix->constraint == old) c.cat.erase_index(ix->name);
          break;
        }
        // Same-spec index constraints of one CREATE TABLE are merged.
        if (in_create && !pk && (other.kind == ConstraintKind::PrimaryKey || other.kind == ConstraintKind::Unique) &&
            other.columns == k.columns && other.include == k.include && con.conname().empty())
          return true;
      }
      k.uses.insert(k.columns.begin(), k.columns.end());
      k.uses.insert(k.include.begin(), k.include.end());
      if (con.conname().empty()) {
        std::vector<std::string> all = k.columns;
        all.insert(all.end(), k.include.begin(), k.include.end());
        k.name = pk ? choose_relation_name(c.cat, t.name.schema, t.name.name, "", "pkey", true, taken_relnames)
                    : choose_relation_name(c.cat, t.name.schema, t.name.name, join(all, "_"), "key", true,
                                           taken_relnames);
      } else {
        k.name = con.conname();
        if (taken_relnames.count(k.name)) {
          c.duplicate(loc, fmt::format("relation \"{}\" already exists", k.name));
          return false;
        }
        if (c.cat.relation_exists({t.name.schema, k.name})) {
          c.present(loc, fmt::format("relation \"{}\" already exists", k.name),
                    relation_key(c.cat, {t.name.schema, k.name}));
          return false;
        }
      }
      if (pk)
        for (const auto& col : k.columns)
          if (auto* cc = t.column(col)) cc->not_null = true;
      break;
    }
    case pg_query::CONSTR_EXCLUSION: {
      k.kind = ConstraintKind::Exclude;
      k.method = con.access_method().empty() ? "gist" : con.access_method();
      std::vector<std::string> names;
      std::string def;
      for (const auto& pair : con.exclusions()) {
        if (!pair.has_list() || pair.list().items_size() < 2) continue;
        const auto& elem = pair.list().items(0);
        const auto ops = catalog::strings(pair.list().items(1).list().items());
        std::string en;
        if (elem.has_index_elem()) {
          const auto& ie = elem.index_elem();
          if (!ie.name().empty()) {
            en = ie.name();
            k.uses.insert(ie.name());
            k.columns.push_back(ie.name());
          } else if (ie.has_expr()) {
            en = catalog::index_expr_name(ie.expr());
            for (auto& r : catalog::column_refs(ie.expr())) k.uses.insert(r);
            def += "(" + catalog::deparse_expr(ie.expr()) + ")";
          }
          if (!ie.name().empty()) def += catalog::quote_ident(ie.name());
        }
        names.push_back(en);
        def += " WITH " + (ops.empty() ? std::string("=") : ops.back()) + ", ";
      }
      if (def.size() >= 2) def.resize(def.size() - 2);
      k.exclude_def = def;
      if (con.has_where_clause()) k.where = catalog::make_expr(con.where_clause(), c.expr_ctx());
      k.name = con.conname().empty() ? choose_relation_name(c.cat, t.name.schema, t.name.name, join(names, "_"), "excl",
                                                            true, taken_relnames)
                                     : con.conname();
      break;
    }
    case pg_query::CONSTR_FOREIGN: {
      k.kind = ConstraintKind::ForeignKey;
      k.columns = key_columns(con.fk_attrs());
      if (!check_columns_exist(k.columns)) return false;
      const auto& pkt = con.pktable();
      catalog::Ptr<Table> ref;
      if ((pkt.schemaname().empty() || pkt.schemaname() == t.name.schema) && pkt.relname() == t.name.name) {
        k.ref_table = t.name;
      } else {
        auto q = c.find_table(pkt);
        if (!q && c.knows_absent(pkt.relname(), pkt.location(), pkt.schemaname())) {
          c.unknown(pkt.location(), fmt::format("relation \"{}\" does not exist", pkt.relname()));
          return false;
        }
        // A referenced table the model does not hold but that may exist:
        // the key is kept, what it references is not checked.
        k.ref_table = q ? *q : c.create_name(pkt);
        ref = q ? c.cat.table(*q) : nullptr;
      }
      // Asked only when something is missing: it reports the table once.
      auto ref_known = [&] {
        return (ref || k.ref_table == t.name) && c.knows_contents(catalog::table_key(k.ref_table), pkt.location());
      };
      const Table& rt = ref ? *ref : t;
      k.ref_columns = catalog::strings(con.pk_attrs());
      if (k.ref_columns.empty() && (ref || k.ref_table == t.name)) {
        for (const auto& other : rt.constraints)
          if (other.kind == ConstraintKind::PrimaryKey) k.ref_columns = other.columns;
        if (k.ref_columns.empty() && ref_known()) {
          c.unknown(pkt.location(), fmt::format("there is no primary key for referenced table \"{}\"", pkt.relname()));
          return false;
        }
      }
      for (const auto& rc : k.ref_columns)
        if (!rt.column(rc) && ref_known()) {
          c.unknown(pkt.location(),
                    fmt::format("column \"{}\" referenced in foreign key constraint does not exist", rc));
          return false;
        }
      auto act = [](const std::string& a) { return a.empty() ? 'a' : a[0]; };
      k.on_update = act(con.fk_upd_action());
      k.on_delete = act(con.fk_del_action());
      k.match = con.fk_matchtype().empty() ? 's' : con.fk_matchtype()[0];
      k.uses.insert(k.columns.begin(), k.columns.end());
      k.name = con.conname().empty() ? choose_constraint_name(c.cat, t.name.schema, t.name.name, join(k.columns, "_"),
                                                              "fkey", taken_connames)
                                     : con.conname();
      break;
    }
    default: return true;
  }
  if (t.constraint(k.name) || t.not_null_constraint(k.name)) {
    // On a table the model does not fully know, the one it holds may be gone.
    if (!c.knows_contents(catalog::table_key(t.name), loc)) return true;
    c.duplicate(loc, fmt::format("constraint \"{}\" for relation \"{}\" already exists", k.name, t.name.name));
    return false;
  }
  taken_connames.insert(k.name);
  if (k.kind == ConstraintKind::PrimaryKey || k.kind == ConstraintKind::Unique || k.kind == ConstraintKind::Exclude)
    add_index_for(c, t, k, taken_relnames);
  c.effect(Action::Created, ObjectKind::Constraint, t.name, k.name, false, loc);
  t.constraints.push_back(std::move(k));
  return true;
}

bool add_column(Ctx& c, Table& t, const pg_query::ColumnDef& def, std::vector<PendingConstraint>& pending,
                std::set<std::string>& taken_relnames, bool in_create) {
  (void)in_create;
  if (t.column(def.colname())) {
    if (!c.knows_contents(catalog::table_key(t.name), def.location())) return true;
    c.duplicate(def.location(),
                fmt::format("column \"{}\" of relation \"{}\" already exists", def.colname(), t.name.name));
    return false;
  }
  // MaxHeapAttributeNumber (docs/PG_FACTS.md §12). Dropped columns keep their
  // attribute numbers.
  const size_t attnum = t.columns.size() + t.dropped_columns + 1;
  if (attnum > kMaxColumns && c.sure_of(catalog::table_key(t.name))) {
    c.issue("too-many-columns", def.location(),
            fmt::format("tables can have at most {} columns: column \"{}\" would be column {} of relation \"{}\"",
                        kMaxColumns, def.colname(), attnum, t.name.name));
    return false;
  }
  Column col;
  col.name = def.colname();
  const std::string serial = catalog::serial_base_type(def.type_name());
  col.type = serial.empty() ? catalog::canonical_type(def.type_name()) : serial;
  if (def.has_coll_clause()) {
    const auto n = catalog::strings(def.coll_clause().collname());
    if (!n.empty()) col.collation = n.back();
  }
  if (def.is_not_null()) col.not_null = true;
  const pg_query::Constraint* identity = nullptr;
  for (const auto& cn : def.constraints()) {
    if (!cn.has_constraint()) continue;
    const auto& con = cn.constraint();
    switch (con.contype()) {
      case pg_query::CONSTR_NOTNULL:
        col.not_null = true;
        if (!con.conname().empty()) col.not_null_name = con.conname();  // named constraint from 18 on
        break;
      case pg_query::CONSTR_NULL: col.not_null = false; break;
      case pg_query::CONSTR_DEFAULT:
        if (con.has_raw_expr()) {
          const auto& e = con.raw_expr();
          if (is_null_default(e)) {
            if (const auto sql = stored_null_default(e, col.type)) col.default_expr = expr_from_sql(c, *sql, col.type);
          } else {
            col.default_expr = catalog::make_expr(e, c.expr_ctx(col.type));
            col.default_seq = nextval_target(c, e);
          }
        }
        break;
      case pg_query::CONSTR_IDENTITY:
        col.identity = con.generated_when().empty() ? 'a' : con.generated_when()[0];
        col.not_null = true;
        identity = &con;
        break;
      case pg_query::CONSTR_GENERATED:
        col.generated_virtual = pgc::generated_virtual(con);
        if (con.has_raw_expr()) {
          col.generated = catalog::make_expr(con.raw_expr(), c.expr_ctx(col.type));
          for (auto& r : catalog::column_refs(con.raw_expr())) col.generated_uses.insert(r);
        }
        break;
      case pg_query::CONSTR_ATTR_DEFERRABLE:
      case pg_query::CONSTR_ATTR_NOT_DEFERRABLE:
      case pg_query::CONSTR_ATTR_DEFERRED:
      case pg_query::CONSTR_ATTR_IMMEDIATE: {
        // They apply to the constraint before them (transformConstraintAttrs).
        if (pending.empty() || pending.back().column != col.name) break;
        auto& p = pending.back();
        if (!p.with_attrs) {
          p.with_attrs = std::make_shared<pg_query::Constraint>(*p.con);
          p.con = p.with_attrs.get();
        }
        const auto t2 = con.contype();
        if (t2 == pg_query::CONSTR_ATTR_DEFERRABLE) p.with_attrs->set_deferrable(true);
        if (t2 == pg_query::CONSTR_ATTR_NOT_DEFERRABLE) p.with_attrs->set_deferrable(false);
        if (t2 == pg_query::CONSTR_ATTR_DEFERRED) {
          p.with_attrs->set_initdeferred(true);
          p.with_attrs->set_deferrable(true);
        }
        if (t2 == pg_query::CONSTR_ATTR_IMMEDIATE) p.with_attrs->set_initdeferred(false);
        break;
      }
      default: pending.push_back({&con, col.name}); break;
    }
  }
  if (!serial.empty()) {
    col.not_null = true;
    make_sequence(c, t, col, serial, false, taken_relnames, nullptr);
  } else if (col.identity) {
    make_sequence(c, t, col, col.type, true, taken_relnames, identity);
  }
  c.effect(Action::Created, ObjectKind::Column, t.name, col.name, false, def.location());
  t.columns.push_back(std::move(col));
  return true;
}

// `NOT NULL col` as a table constraint (PostgreSQL 18: CREATE TABLE's
// `NOT NULL a`, `ALTER TABLE … ADD [CONSTRAINT n] NOT NULL a [NOT VALID]`).
// The column becomes NOT NULL under that constraint; catalog::put_table gives
// it its implicit name when it has none.
static bool add_not_null_constraint(Ctx& c, Table& t, const pg_query::Constraint& con, bool in_create) {
  const auto cols = catalog::strings(con.keys());
  if (cols.empty()) return true;
  Column* col = t.column(cols.front());
  if (!col) {
    c.unknown(con.location(),
              fmt::format("column \"{}\" of relation \"{}\" does not exist", cols.front(), t.name.name));
    return false;
  }
  // A column has one NOT NULL constraint: another name is refused, and a
  // NOT VALID one is not replaced by a valid one (docs/PG18_FACTS.md).
  if (col->not_null && !col->not_null_name.empty() && !con.conname().empty() && con.conname() != col->not_null_name) {
    c.duplicate(con.location(),
                fmt::format("cannot create not-null constraint \"{}\" on column \"{}\" of table \"{}\": "
                            "a not-null constraint named \"{}\" already exists for this column",
                            con.conname(), col->name, t.name.name, col->not_null_name.str()));
    return false;
  }
  if (!col->not_null) {
    if (!con.conname().empty()) col->not_null_name = con.conname();
    col->not_null_invalid = con.skip_validation() && !in_create;
  }
  col->not_null = true;
  if (!in_create) c.effect(Action::Altered, ObjectKind::Column, t.name, col->name, false, con.location(), "not null");
  return true;
}

// Applies pending constraints in PostgreSQL's order: NOT NULL, CHECKs, the
// primary key, UNIQUE/EXCLUDE in textual order, then foreign keys.
static bool apply_pending(Ctx& c, Table& t, const std::vector<PendingConstraint>& pending,
                          std::set<std::string>& taken_relnames, bool in_create) {
  std::set<std::string> taken_connames;
  for (const auto& k : t.constraints) taken_connames.insert(k.name);
  for (const auto& p : pending)
    if (p.con->contype() == pg_query::CONSTR_NOTNULL && p.column.empty() &&
        !add_not_null_constraint(c, t, *p.con, in_create))
      return false;
  const pg_query::ConstrType order[][2] = {{pg_query::CONSTR_CHECK, pg_query::CONSTR_CHECK},
                                           {pg_query::CONSTR_PRIMARY, pg_query::CONSTR_PRIMARY},
                                           {pg_query::CONSTR_UNIQUE, pg_query::CONSTR_EXCLUSION},
                                           {pg_query::CONSTR_FOREIGN, pg_query::CONSTR_FOREIGN}};
  for (const auto& pass : order)
    for (const auto& p : pending)
      if (p.con->contype() == pass[0] || p.con->contype() == pass[1])
        if (!add_constraint(c, t, *p.con, p.column, taken_connames, taken_relnames, in_create)) return false;
  return true;
}

bool apply_pending_constraints(Ctx& c, Table& t, const std::vector<PendingConstraint>& pending,
                               std::set<std::string>& taken_relnames, bool in_create) {
  return apply_pending(c, t, pending, taken_relnames, in_create);
}

void transform_create_table(Ctx& c, const pg_query::CreateStmt& s) {
  const QName name = c.create_name(s.relation());
  if (!c.cat.has_schema(name.schema)) return c.missing_schema(s.relation().location(), name.schema);
  if (c.cat.relation_exists(name) || c.cat.type(name)) {
    if (s.if_not_exists()) return;
    c.present(s.relation().location(), fmt::format("relation \"{}\" already exists", name.name),
              relation_key(c.cat, name));
    return;
  }
  auto t = std::make_shared<Table>();
  t->name = name;
  t->unlogged = s.relation().relpersistence() == "u";
  std::vector<PendingConstraint> pending;
  std::set<std::string> taken_relnames{name.name};
  c.effect(Action::Created, ObjectKind::Table, name, {}, false, s.relation().location());

  // Parents first: INHERITS and PARTITION OF copy the parent's columns.
  for (const auto& p : s.inh_relations()) {
    if (!p.has_range_var()) continue;
    auto q = c.find_table(p.range_var());
    if (!q)
      return c.missing(p.range_var().location(), fmt::format("relation \"{}\" does not exist", p.range_var().relname()),
                       p.range_var().relname(), p.range_var().schemaname());
    auto parent = c.cat.table(*q);
    copies_unsure(c, name, catalog::table_key(*q));
    for (const auto& pc : parent->columns)
      if (!t->column(pc.name)) {
        Column copy = pc;
        copy.identity = 0;
        t->columns.push_back(copy);
      }
    for (const auto& k : parent->constraints)
      if (k.kind == ConstraintKind::Check && !k.no_inherit) t->constraints.push_back(k);
    if (s.has_partbound()) {
      t->partition_of = *q;
      const auto& b = s.partbound();
      std::string bound;
      if (b.is_default()) {
        bound = "DEFAULT";
      } else {
        auto list = [](const google::protobuf::RepeatedPtrField<pg_query::Node>& l) {
          std::string o;
          for (int i = 0; i < l.size(); ++i) o += (i ? ", " : "") + catalog::deparse_expr(l[i]);
          return o;
        };
        if (b.strategy() == "l") bound = "FOR VALUES IN (" + list(b.listdatums()) + ")";
        else if (b.strategy() == "r")
          bound = "FOR VALUES FROM (" + list(b.lowerdatums()) + ") TO (" + list(b.upperdatums()) + ")";
        else bound = fmt::format("FOR VALUES WITH (modulus {}, remainder {})", b.modulus(), b.remainder());
      }
      t->partition_bound = bound;
      // Indexes of the parent are cloned onto the partition under the partition's names.
      clone_partition_indexes(c, *t, *parent, taken_relnames);
    } else {
      t->inherits.push_back(*q);
    }
  }

  for (const auto& e : s.table_elts()) {
    if (e.has_column_def()) {
      const auto& def = e.column_def();
      if (Column* existing = t->column(def.colname())) {
        // A partition or child may restate an inherited column to add constraints.
        for (const auto& cn : def.constraints()) {
          if (!cn.has_constraint()) continue;
          const auto& con = cn.constraint();
          if (con.contype() == pg_query::CONSTR_NOTNULL) existing->not_null = true;
          else if (con.contype() == pg_query::CONSTR_DEFAULT && con.has_raw_expr())
            existing->default_expr = catalog::make_expr(con.raw_expr(), c.expr_ctx(existing->type));
          else if (con.contype() != pg_query::CONSTR_NULL) pending.push_back({&con, def.colname()});
        }
        if (!s.has_partbound() && s.inh_relations_size() == 0) {
          c.duplicate(def.location(), fmt::format("column \"{}\" specified more than once", def.colname()));
          return;
        }
        continue;
      }
      if (!add_column(c, *t, def, pending, taken_relnames, true)) return;
    } else if (e.has_constraint()) {
      pending.push_back({&e.constraint(), ""});
    } else if (e.has_table_like_clause()) {
      const auto& like = e.table_like_clause();
      auto q = c.find_table(like.relation());
      if (!q)
        return c.missing(like.relation().location(),
                         fmt::format("relation \"{}\" does not exist", like.relation().relname()),
                         like.relation().relname(), like.relation().schemaname());
      auto src = c.cat.table(*q);
      copies_unsure(c, name, catalog::table_key(*q));
      const uint32_t opts = like.options();
      auto has = [&](int bit) { return opts == 0x7FFFFFFF || (opts & (1u << bit)) != 0; };
      for (const auto& sc : src->columns) {
        Column copy = sc;
        if (!has(3)) {
          copy.default_expr.reset();
          copy.default_seq.clear();
        }
        if (!has(4)) copy.generated.reset();
        if (!has(5)) copy.identity = 0;
        if (copy.identity) make_sequence(c, *t, copy, copy.type, true, taken_relnames, nullptr);
        t->columns.push_back(copy);
      }
      if (has(2))
        for (const auto& k : src->constraints)
          if (k.kind == ConstraintKind::Check) t->constraints.push_back(k);
      if (has(6)) clone_like_indexes(c, *t, *q, taken_relnames);
      if (has(0))  // INCLUDING COMMENTS: the columns' comments
        for (const auto& sc : src->columns)
          if (auto cm = c.cat.comment("column:" + q->key() + '\x1f' + sc.name))
            c.cat.set_comment("column:" + name.key() + '\x1f' + sc.name, *cm);
    }
  }

  if (s.has_partspec()) {
    const auto& ps = s.partspec();
    const std::string strat = pgc::partition_strategy(ps);
    std::string params;
    for (const auto& p : ps.part_params()) {
      if (!p.has_partition_elem()) continue;
      const auto& pe = p.partition_elem();
      if (!params.empty()) params += ", ";
      params += pe.name().empty() ? "(" + catalog::deparse_expr(pe.expr()) + ")" : catalog::quote_ident(pe.name());
    }
    t->partition_by = strat + " (" + params + ")";
  }

  if (!apply_pending(c, *t, pending, taken_relnames, true)) return;
  c.cat.put_table(t);
}

}  // namespace miglint::effects
