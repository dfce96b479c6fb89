// CREATE INDEX, with PostgreSQL's implicit index names.
#include <fmt/format.h>

#include "analyzer/effects/transform.h"

namespace miglint::effects {

using catalog::ObjectKind;

namespace {

// A cast of a column to its own type (date(d), d::date on a date column) is
// no expression to PostgreSQL: the index stores the plain column.
std::string self_cast_column(const catalog::Table* t, const pg_query::Node& e) {
  if (!t) return "";
  const pg_query::Node* arg = nullptr;
  std::string type;
  if (e.has_func_call() && e.func_call().args_size() == 1 && !e.func_call().agg_star() &&
      !e.func_call().func_variadic() && !e.func_call().has_over()) {
    const auto names = catalog::strings(e.func_call().funcname());
    if (names.size() == 1 || (names.size() == 2 && names[0] == "pg_catalog"))
      type = catalog::canonical_type_name(names.back());
    arg = &e.func_call().args(0);
  } else if (e.has_type_cast() && e.type_cast().has_arg()) {
    type = catalog::canonical_type(e.type_cast().type_name());
    arg = &e.type_cast().arg();
  }
  if (!arg || type.empty() || !arg->has_column_ref()) return "";
  const auto fields = catalog::strings(arg->column_ref().fields());
  if (fields.size() != 1) return "";
  const catalog::Column* col = t->column(fields[0]);
  return col && col->type == type ? col->name : "";
}

}  // namespace

std::string apply_storage_parameters(const std::string& current,
                                     const google::protobuf::RepeatedPtrField<pg_query::Node>& d, bool reset) {
  std::vector<std::pair<std::string, std::string>> params;  // name, shown value
  for (size_t at = 0; at < current.size();) {
    const size_t end = current.find(", ", at);
    const std::string item = current.substr(at, end == std::string::npos ? std::string::npos : end - at);
    const size_t eq = item.find('=');
    params.emplace_back(item.substr(0, eq), eq == std::string::npos ? "" : item.substr(eq + 1));
    if (end == std::string::npos) break;
    at = end + 2;
  }
  for (const auto& n : d) {
    if (!n.has_def_elem()) continue;
    const auto& e = n.def_elem();
    // The name may carry a namespace (toast.fillfactor).
    const std::string name = e.defnamespace().empty() ? e.defname() : e.defnamespace() + "." + e.defname();
    const auto it = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
    if (reset) {
      if (it != params.end()) params.erase(it);
      continue;
    }
    std::string v = "true";
    if (e.has_arg()) {
      const auto& a = e.arg();
      if (a.has_string()) v = a.string().sval();
      else if (a.has_integer()) v = std::to_string(a.integer().ival());
      else if (a.has_float_()) v = a.float_().fval();
      else if (a.has_boolean()) v = a.boolean().boolval() ? "true" : "false";
      else if (a.has_type_name()) v = catalog::strings(a.type_name().names()).back();
    }
    // flatten_reloptions: quoted unless it reads as an identifier as it is.
    std::string shown = v;
    if (catalog::quote_ident(v) != v) {
      shown = "'";
      for (char ch : v) shown += ch == '\'' ? std::string("''") : std::string(1, ch);
      shown += "'";
    }
    if (it != params.end()) it->second = shown;
    else params.emplace_back(name, shown);
  }
  std::string out;
  for (const auto& [k, v] : params) out.append(out.empty() ? "" : ", ").append(k).append("=").append(v);
  return out;
}

void transform_index(Ctx& c, const pg_query::IndexStmt& s) {
  const auto& rv = s.relation();
  auto q = c.find_table(rv);
  if (!q) {
    // Indexes on materialized views live in the same namespace.
    q = c.cat.resolve(rv.schemaname(), rv.relname(), [&](const QName& x) { return c.cat.view(x) != nullptr; });
  }
  if (!q)
    return c.missing(rv.location(), fmt::format("relation \"{}\" does not exist", rv.relname()), rv.relname(),
                     rv.schemaname());
  auto ix = std::make_shared<catalog::Index>();
  ix->table = *q;
  ix->unique = s.unique();
  ix->nulls_not_distinct = s.nulls_not_distinct();
  ix->method = s.access_method().empty() ? "btree" : s.access_method();
  std::vector<std::string> colnames;
  auto add_name = [&](const std::string& n) {
    // Duplicates inside one index get digits: (a, a) -> a, a1.
    std::string cand = n;
    for (int i = 1; std::find(colnames.begin(), colnames.end(), cand) != colnames.end(); ++i)
      cand = n + std::to_string(i);
    colnames.push_back(cand);
  };
  auto tbl = c.cat.table(*q);
  for (const auto& p : s.index_params()) {
    if (!p.has_index_elem()) continue;
    const auto& e = p.index_elem();
    catalog::IndexKey k;
    if (!e.name().empty()) {
      if (tbl && !tbl->column(e.name()) && c.knows_contents(catalog::table_key(*q))) {
        c.unknown(-1, fmt::format("column \"{}\" does not exist", e.name()));
        return;
      }
      k.column = e.name();
      ix->uses.insert(e.name());
      add_name(e.indexcolname().empty() ? e.name() : e.indexcolname());
    } else if (const std::string col = e.has_expr() ? self_cast_column(tbl.get(), e.expr()) : ""; !col.empty()) {
      k.column = col;
      ix->uses.insert(col);
      add_name(e.indexcolname().empty() ? catalog::index_expr_name(e.expr()) : e.indexcolname());
    } else if (e.has_expr()) {
      k.expr = catalog::make_expr(e.expr(), c.expr_ctx());
      for (auto& r : catalog::column_refs(e.expr())) ix->uses.insert(r);
      add_name(e.indexcolname().empty() ? catalog::index_expr_name(e.expr()) : e.indexcolname());
    }
    const auto opc = catalog::strings(e.opclass());
    if (!opc.empty()) k.opclass = opc.back();
    const auto coll = catalog::strings(e.collation());
    if (!coll.empty()) k.collation = coll.back();
    k.desc = e.ordering() == pg_query::SORTBY_DESC;
    // NULLS LAST is the default for ASC, NULLS FIRST for DESC.
    if (e.nulls_ordering() == pg_query::SORTBY_NULLS_FIRST) k.nulls = k.desc ? 0 : 1;
    if (e.nulls_ordering() == pg_query::SORTBY_NULLS_LAST) k.nulls = k.desc ? 2 : 0;
    ix->keys.push_back(std::move(k));
  }
  for (const auto& p : s.index_including_params()) {
    if (!p.has_index_elem() || p.index_elem().name().empty()) continue;
    ix->include.push_back(p.index_elem().name());
    ix->uses.insert(p.index_elem().name());
    add_name(p.index_elem().name());
  }
  ix->with = apply_storage_parameters({}, s.options(), false);
  if (s.has_where_clause()) {
    ix->where = catalog::make_expr(s.where_clause(), c.expr_ctx());
    for (auto& r : catalog::column_refs(s.where_clause())) ix->uses.insert(r);
  }
  std::string name = s.idxname();
  if (name.empty()) {
    std::string joined;
    for (size_t i = 0; i < colnames.size(); ++i) joined += (i ? "_" : "") + colnames[i];
    name = catalog::choose_relation_name(c.cat, q->schema, q->name, joined, "idx", false);
  } else if (c.cat.relation_exists({q->schema, name})) {
    if (s.if_not_exists()) return;
    c.present(-1, fmt::format("relation \"{}\" already exists", name), relation_key(c.cat, {q->schema, name}));
    return;
  }
  ix->name = {q->schema, name};
  c.cat.put_index(ix);
  c.effect(Action::Created, ObjectKind::Index, ix->name, {}, false, rv.location());
  // On a partitioned table every partition gets its own copy (ONLY: none).
  if (!tbl || tbl->partition_by.empty() || !rv.inh()) return;
  std::string joined;
  for (size_t i = 0; i < colnames.size(); ++i) joined += (i ? "_" : "") + colnames[i];
  std::vector<QName> parts;
  for (const auto& [k, t] : c.cat.tables())
    if (t->partition_of && *t->partition_of == *q) parts.push_back(t->name);
  for (const auto& p : parts) {
    auto pi = std::make_shared<catalog::Index>(*ix);
    pi->table = p;
    pi->name = {p.schema, catalog::choose_relation_name(c.cat, p.schema, p.name, joined, "idx", false)};
    c.cat.put_index(pi);
    c.effect(Action::Created, ObjectKind::Index, pi->name, {}, true);
  }
}

}  // namespace miglint::effects
