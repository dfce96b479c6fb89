// The expressions of a view's query: the columns they read, `*` expanded,
// and names looked up scope by scope as PostgreSQL's parser does.
#include <algorithm>

#include "analyzer/catalog/view_resolver.h"

namespace miglint::catalog::view_resolver {

namespace {

bool is_system_column(std::string_view n) {
  return n == "ctid" || n == "xmin" || n == "xmax" || n == "cmin" || n == "cmax" || n == "tableoid";
}
}  // namespace

// ---- expressions ----

void Resolver::expr(const Node& n, Level& L, int depth) {
  if (deep(depth)) return;
  switch (n.node_case()) {
    case Node::kColumnRef: column_ref(n.column_ref(), L); return;
    case Node::kSubLink: {
      const auto& s = n.sub_link();
      if (s.has_testexpr()) expr(s.testexpr(), L, depth + 1);
      if (s.subselect().has_select_stmt()) {
        const Output o = select(s.subselect().select_stmt(), &L, depth + 1);
        if (!o.names.empty()) sublink_names_.emplace_back(&n, o.names.front());
      }
      return;
    }
    case Node::kSelectStmt: select(n.select_stmt(), &L, depth + 1); return;
    case Node::kAIndirection:
      if (indirection(n.a_indirection(), L, false, nullptr, depth)) return;
      break;
    case Node::kRowExpr:
      for (const auto& a : n.row_expr().args()) list_item(a, L, depth + 1);
      return;
    default: break;
  }
  walk(n, MsgType::Node, L, depth + 1);
}

void Resolver::walk(const pb::MessageLite& m, MsgType t, Level& L, int depth) {
  if (deep(depth)) return;
  pgmeta::children(m, t, [&](const pb::MessageLite& sub, MsgType st) {
    if (st == MsgType::Node) expr(static_cast<const Node&>(sub), L, depth + 1);
    else walk(sub, st, L, depth + 1);
  });
}

// An element of ROW(…) or of a VALUES row, where `t.*` stands for the columns
// of t (parse_expr.c transformExpressionList).
void Resolver::list_item(const Node& n, Level& L, int depth) {
  if (n.has_column_ref() && ends_with_star(n.column_ref())) expand_star(n.column_ref(), L, nullptr);
  else if (!n.has_a_indirection() || !indirection(n.a_indirection(), L, true, nullptr, depth)) expr(n, L, depth);
}

// The FROM item whose whole row `arg` is: t.* or t where t names no column.
const Item* Resolver::whole_row(const Node& arg, const Level& L) const {
  if (!arg.has_column_ref()) return nullptr;
  const auto& cr = arg.column_ref();
  if (ends_with_star(cr)) return cr.fields_size() > 1 ? qualifier(cr.fields(), cr.fields_size() - 1, L) : nullptr;
  if (cr.fields_size() != 1 || !cr.fields(0).has_string()) return nullptr;
  const std::string& name = cr.fields(0).string().sval();
  const Lookup r = lookup(name, L, false);
  if (r.found || r.unknown) return nullptr;  // a column
  return find_refname(name, L);
}

// (t).col, (t).*, (c).field, (c).*: a column of a FROM item, or fields of a
// column of a composite type. Each field is a dependency on that attribute
// of the type (dependency.c, FieldSelect). Where a list is expanded (a SELECT
// list, ROW()), `.*` stands for every column or field, the output columns in
// `out`. False when `ind` is none of these.
bool Resolver::indirection(const pg_query::A_Indirection& ind, Level& L, bool expanded, Output* out, int depth) {
  const auto& ix = ind.indirection();
  if (ix.empty() || !ind.arg().has_column_ref()) return false;
  int i = 0;
  const Col* c = nullptr;
  if (const Item* it = whole_row(ind.arg(), L)) {
    if (ix[0].has_a_star()) {  // (t).* is t.*
      if (expanded) expand(*it, out);
      return true;
    }
    // (t).col is the column col of t (parse_func.c ParseComplexProjection).
    if (!ix[0].has_string()) return false;
    c = column_of(it, ix[0].string().sval());
    i = 1;
  } else if (!ends_with_star(ind.arg().column_ref())) {
    c = column_ref(ind.arg().column_ref(), L);
  } else {
    return false;
  }
  std::string_view type = c ? c->type : std::string_view();
  for (; i < ix.size(); ++i) {
    const Node& x = ix[i];
    if (x.has_a_indices()) {
      expr(x, L, depth + 1);
      type = type.ends_with("[]") ? type.substr(0, type.size() - 2) : std::string_view();
      continue;
    }
    const auto comp = type.empty() ? std::nullopt : composite(type);
    if (!comp) {
      // A field of a value whose type the model does not follow.
      unresolved();
      if (x.has_a_star() && out) out->known = false;
      type = {};
      continue;
    }
    type = {};
    for (const auto& [name, attr_type] : comp->attrs)
      if (x.has_a_star() || (x.has_string() && name == x.string().sval())) {
        out_.columns.insert(column_use_key(comp->key, name));
        if (x.has_a_star() && expanded && out) out->names.push_back(name);
        if (x.has_string()) type = attr_type;
      }
  }
  return true;
}

// The composite type a column's type names (a composite type, or a table's
// row type), found as PostgreSQL finds a type name: schema-qualified unless
// it is in public, else through search_path.
std::optional<Resolver::Composite> Resolver::composite(std::string_view type) const {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (size_t k = 0; k < type.size(); ++k) {
    const char ch = type[k];
    if (ch == '"') {
      if (quoted && k + 1 < type.size() && type[k + 1] == '"') {
        parts.back() += '"';
        ++k;
      } else {
        quoted = !quoted;
      }
    } else if (ch == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back() += ch;
    }
  }
  if (parts.size() > 2) return std::nullopt;
  const auto found = [&](const QName& q) {
    const auto t = cat_.type(q);
    return (t && t->kind == TypeKind::Composite) || cat_.table(q) != nullptr;
  };
  const auto q = parts.size() == 2 ? cat_.resolve(parts[0], parts[1], found) : cat_.resolve("", parts[0], found);
  if (!q) return std::nullopt;
  Composite out;
  if (const auto t = cat_.type(*q); t && t->kind == TypeKind::Composite) {
    out.key = type_key(*q);
    for (const auto& [name, attr_type] : t->attributes) out.attrs.emplace_back(name, attr_type);
  } else {
    out.key = table_key(*q);
    for (const auto& col : cat_.table(*q)->columns) out.attrs.emplace_back(col.name, col.type);
  }
  return out;
}

// A column of a FROM item named by a qualified reference.
const Col* Resolver::column_of(const Item* it, std::string_view col) {
  if (!it) {
    unresolved();
    return nullptr;
  }
  const Col* c = it->find(col);
  if (c) record(*c);
  else if (!it->known) unresolved();
  // Otherwise a system column, or col(t) in function-call notation: no column dependency.
  return c;
}

// The column a reference reads, if any (parse_expr.c transformColumnRef).
const Col* Resolver::column_ref(const pg_query::ColumnRef& cr, Level& L) {
  const auto& f = cr.fields();
  if (f.empty()) return nullptr;
  if (ends_with_star(cr)) {
    // t.* outside a SELECT list or ROW(): the row as one value, no column of it.
    if (f.size() > 1 && !qualifier(f, f.size() - 1, L)) unresolved();
    return nullptr;
  }
  for (const auto& x : f)
    if (!x.has_string()) {
      unresolved();
      return nullptr;
    }
  const std::string& col = f[f.size() - 1].string().sval();
  switch (f.size()) {
    case 1: {
      const Lookup r = lookup(col, L, false);
      if (r.col) record(*r.col);
      // Not a column: the whole row of the FROM item of that name.
      else if (!r.found && (r.unknown || !find_refname(col, L))) unresolved();
      if (r.col && !r.ambiguous) {
        qualify(cr, r.item, r.col);
        referenced(cr, r.col);
      }
      return r.col;
    }
    case 2:
    case 3:
    case 4: {
      const Item* it = qualifier(f, f.size() - 1, L);
      const Col* c = column_of(it, col);
      // schema.t.a is stored as t.a.
      if (c && f.size() > 2) qualify(cr, it, c);
      referenced(cr, c);
      return c;
    }
    default: unresolved(); return nullptr;
  }
}

// The FROM item the first n fields of a reference name: t, schema.t, or
// catalog.schema.t (parse_expr.c transformColumnRef).
const Item* Resolver::qualifier(const Nodes& f, int n, const Level& L) const {
  for (int i = 0; i < n; ++i)
    if (!f[i].has_string()) return nullptr;
  switch (n) {
    case 1: return find_refname(f[0].string().sval(), L);
    case 2: return find_relation(f[0].string().sval(), f[1].string().sval(), L);
    case 3: return find_relation(f[1].string().sval(), f[2].string().sval(), L);
    default: return nullptr;
  }
}

void Resolver::expand(const Item& it, Output* out) {
  for (const auto& c : it.cols) {
    record(c);
    if (out) out->names.push_back(c.name);
  }
  if (!it.known) {
    unresolved();
    if (out) out->known = false;
  }
}

void Resolver::expand_star(const pg_query::ColumnRef& cr, Level& L, Output* out) {
  const int n = cr.fields_size() - 1;
  if (n == 0) {
    for (const auto& e : L.ns)
      if (e.cols_visible) expand(*e.item, out);
    return;
  }
  if (const Item* it = qualifier(cr.fields(), n, L)) {
    expand(*it, out);
    return;
  }
  unresolved();
  if (out) out->known = false;
}

std::string_view Resolver::qualifier_name(const Item* it, const Col& c) const {
  if (!it) return {};
  if (it->refname.empty() && c.rel >= 0)
    for (const Item& x : items_)
      if (x.relation && !x.cols.empty() && x.cols.front().rel == c.rel) return x.refname;
  return it->refname;
}

void Resolver::star_expansion(const pg_query::SelectStmt& s, int index, const pg_query::ColumnRef& cr, const Level& L,
                              size_t n) {
  ViewQueryDeps::Star star{&s, index, {}};
  const auto add = [&](const Item& it) {
    for (const auto& c : it.cols) star.columns.emplace_back(std::string(qualifier_name(&it, c)), std::string(c.name));
  };
  if (cr.fields_size() == 1) {
    for (const auto& e : L.ns)
      if (e.cols_visible) add(*e.item);
  } else if (const Item* it = qualifier(cr.fields(), cr.fields_size() - 1, L)) {
    add(*it);
  }
  // Only what the resolver counted: anything else leaves the star as written.
  if (star.columns.size() == n) out_.stars.push_back(std::move(star));
}

void Resolver::target(const pg_query::ResTarget& rt, Level& L, Output& out, int depth) {
  out_.targets.push_back(&rt);
  const Node& v = rt.val();
  // `*` and `t.*` in a SELECT list are every column, each read by the rule.
  if (v.has_column_ref() && ends_with_star(v.column_ref())) {
    expand_star(v.column_ref(), L, &out);
    return;
  }
  if (v.has_a_indirection()) {
    const auto& ix = v.a_indirection().indirection();
    if (!ix.empty() && ix[ix.size() - 1].has_a_star()) {
      if (!indirection(v.a_indirection(), L, true, &out, depth)) {
        expr(v, L, depth);
        out.known = false;
      }
      return;
    }
  }
  expr(v, L, depth);
  // `t.a AS a` is stored as `t.a`; any other expression with its name
  // (`sum(x)` as `sum(x) AS sum`).
  if (!rt.name().empty() && v.has_column_ref() && rt.name() == colname(v)) out_.unnamed.push_back(&rt);
  if (rt.name().empty() && !v.has_column_ref()) out_.named.emplace_back(&rt, std::string(colname(v)));
  out.names.push_back(rt.name().empty() ? colname(v) : std::string_view(rt.name()));
}

// A name alone in GROUP BY is a column of this query's FROM first, else an
// output column, else a column of an enclosing query
// (parse_clause.c findTargetlistEntrySQL92).
void Resolver::group_item(const Node& n, Level& L, const Output& out, int depth) {
  if (n.has_grouping_set()) {
    for (const auto& c : n.grouping_set().content()) group_item(c, L, out, depth + 1);
    return;
  }
  if (n.has_row_expr()) {  // ROLLUP ((a, b)): a list of grouping items
    for (const auto& a : n.row_expr().args()) group_item(a, L, out, depth + 1);
    return;
  }
  if (n.has_column_ref() && n.column_ref().fields_size() == 1 && n.column_ref().fields(0).has_string()) {
    const std::string& name = n.column_ref().fields(0).string().sval();
    const Lookup r = lookup(name, L, true);
    if (r.found) {
      if (r.col) record(*r.col);
      if (r.col && !r.ambiguous) {
        qualify(n.column_ref(), r.item, r.col);
        referenced(n.column_ref(), r.col);
      }
      return;
    }
    if (r.unknown) return unresolved();
    if (std::find(out.names.begin(), out.names.end(), name) != out.names.end()) return;
  }
  if (n.has_a_const() && n.a_const().has_ival()) return;  // an output column's position
  expr(n, L, depth);
}

// ORDER BY and DISTINCT ON: a name alone is an output column first.
void Resolver::sort_item(const Node& n, Level& L, const Output& out, int depth) {
  if (n.node_case() == Node::NODE_NOT_SET) return;  // DISTINCT without ON
  if (n.has_column_ref() && n.column_ref().fields_size() == 1 && n.column_ref().fields(0).has_string() &&
      std::find(out.names.begin(), out.names.end(), n.column_ref().fields(0).string().sval()) != out.names.end())
    return;
  if (n.has_a_const() && n.a_const().has_ival()) return;
  expr(n, L, depth);
}

// ---- name lookup (parse_relation.c) ----

// colNameToVar: the innermost level where some visible FROM item has the column.
Resolver::Lookup Resolver::lookup(std::string_view name, const Level& L, bool local_only) const {
  for (const Level* lv = &L; lv; lv = local_only ? nullptr : lv->parent) {
    Lookup r;
    bool maybe = false;
    for (const auto& e : lv->ns) {
      if (!e.cols_visible || (e.lateral_only && !lv->lateral_active)) continue;
      if (const Col* c = e.item->find(name)) {
        if (!r.found) r = {c, true, false, e.item};
        // The same column seen through a join is not another one.
        else if (r.col && (c->rel < 0 || c->rel != r.col->rel || c->source != r.col->source)) r.ambiguous = true;
      } else if (e.item->system_columns && is_system_column(name)) {
        if (!r.found) r = {nullptr, true, false};
      } else if (!e.item->known) {
        maybe = true;
      }
    }
    if (r.found) return r;
    // It may be a column the model does not know: an outer level cannot be told.
    if (maybe) return {nullptr, false, true};
  }
  return {};
}

// refnameNamespaceItem: the innermost visible FROM item of that name.
const Item* Resolver::find_refname(std::string_view name, const Level& L) const {
  for (const Level* lv = &L; lv; lv = lv->parent)
    for (const auto& e : lv->ns)
      if (e.rel_visible && !(e.lateral_only && !lv->lateral_active) && e.item->refname == name) return e.item;
  return nullptr;
}

// schema.table: a FROM item reading that relation under its own name.
const Item* Resolver::find_relation(std::string_view schema, std::string_view name, const Level& L) const {
  const QName q{std::string(schema), std::string(name)};
  const bool in_model = cat_.relation_exists(q);
  for (const Level* lv = &L; lv; lv = lv->parent)
    for (const auto& e : lv->ns) {
      const Item& it = *e.item;
      if (!e.rel_visible || (e.lateral_only && !lv->lateral_active) || !it.relation || it.aliased) continue;
      if (in_model ? it.rel == q : it.rel.name == name && (it.rel.schema.empty() || it.rel.schema == schema))
        return &it;
    }
  return nullptr;
}

}  // namespace miglint::catalog::view_resolver
