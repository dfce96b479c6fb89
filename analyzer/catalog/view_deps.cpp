// A view's query level by level: each SELECT, its WITH list and its FROM
// items (relations, subqueries, CTEs, functions, joins) with the names they
// bring into scope.
#include "analyzer/catalog/view_deps.h"

#include <google/protobuf/arena.h>

#include <algorithm>
#include <utility>

#include "analyzer/ast/parse.h"
#include "analyzer/catalog/view_resolver.h"

namespace miglint::catalog {

std::string column_use_key(std::string_view relation_key, std::string_view column) {
  std::string k;
  k.reserve(relation_key.size() + 1 + column.size());
  k.append(relation_key).push_back('\x1f');
  k.append(column);
  return k;
}

namespace view_resolver {
namespace {

std::string_view function_name(const pg_query::FuncCall& f) {
  const std::string* s = last_string(f.funcname());
  return s ? std::string_view(*s) : std::string_view();
}

bool is_set_operation(const pg_query::SelectStmt& s) {
  return s.op() == pg_query::SETOP_UNION || s.op() == pg_query::SETOP_INTERSECT || s.op() == pg_query::SETOP_EXCEPT;
}

// The set-returning functions of pg_catalog whose result columns are known
// without a column definition list. Scalar ones name their column after the
// alias (or themselves); the others have named OUT parameters.
enum class FnShape { Unknown, Scalar, Value, KeyValue };
FnShape builtin_function(const pg_query::FuncCall& f) {
  const auto& n = f.funcname();
  if (n.empty() || n.size() > 2 || !n[n.size() - 1].has_string()) return FnShape::Unknown;
  if (n.size() == 2 && (!n[0].has_string() || n[0].string().sval() != "pg_catalog")) return FnShape::Unknown;
  const std::string& name = n[n.size() - 1].string().sval();
  static constexpr std::string_view kScalar[] = {"generate_series",       "generate_subscripts", "unnest",
                                                 "regexp_split_to_table", "regexp_matches",      "string_to_table",
                                                 "json_object_keys",      "jsonb_object_keys",   "jsonb_path_query"};
  if (std::find(std::begin(kScalar), std::end(kScalar), name) != std::end(kScalar)) return FnShape::Scalar;
  if (name == "json_array_elements" || name == "json_array_elements_text" || name == "jsonb_array_elements" ||
      name == "jsonb_array_elements_text")
    return FnShape::Value;
  if (name == "json_each" || name == "json_each_text" || name == "jsonb_each" || name == "jsonb_each_text")
    return FnShape::KeyValue;
  return FnShape::Unknown;
}
}  // namespace

// ---- query levels ----

Output Resolver::select(const pg_query::SelectStmt& s, Level* parent, int depth) {
  Output out;
  if (deep(depth)) {
    out.known = false;
    return out;
  }
  Level L;
  L.parent = parent;
  if (s.has_with_clause()) with(s.with_clause(), L, depth + 1);
  if (is_set_operation(s)) {
    // Each branch is a query of its own and the result takes the first
    // one's column names; ORDER BY and LIMIT can name only those.
    out = select(s.larg(), &L, depth + 1);
    select(s.rarg(), &L, depth + 1);
    return out;
  }
  if (s.values_lists_size() > 0) {
    int width = 0;
    for (const auto& row : s.values_lists()) {
      if (!row.has_list()) continue;
      width = std::max(width, row.list().items_size());
      for (const auto& e : row.list().items()) list_item(e, L, depth + 1);
    }
    for (int i = 1; i <= width; ++i) out.names.push_back(keep("column" + std::to_string(i)));
    return out;
  }
  // Each FROM item sees the earlier ones only when LATERAL.
  for (const auto& f : s.from_clause()) {
    std::vector<Entry> added;
    from_item(f, L, added, depth + 1);
    for (auto& e : added) {
      e.lateral_only = true;
      L.ns.push_back(e);
    }
  }
  for (auto& e : L.ns) e.lateral_only = false;
  for (int i = 0; i < s.target_list_size(); ++i) {
    const auto& t = s.target_list(i);
    if (!t.has_res_target()) continue;
    const size_t before = out.names.size();
    const bool complete = out.known;
    target(t.res_target(), L, out, depth + 1);
    // `*` as PostgreSQL stores it: the columns it stood for, qualified.
    const auto& v = t.res_target().val();
    if (v.has_column_ref() && ends_with_star(v.column_ref()) && complete && out.known)
      star_expansion(s, i, v.column_ref(), L, out.names.size() - before);
  }
  if (s.has_where_clause()) expr(s.where_clause(), L, depth + 1);
  for (const auto& g : s.group_clause()) group_item(g, L, out, depth + 1);
  if (s.has_having_clause()) expr(s.having_clause(), L, depth + 1);
  for (const auto& w : s.window_clause()) expr(w, L, depth + 1);
  for (const auto& d : s.distinct_clause()) sort_item(d, L, out, depth + 1);
  for (const auto& o : s.sort_clause())
    if (o.has_sort_by()) sort_item(o.sort_by().node(), L, out, depth + 1);
  if (s.has_limit_offset()) expr(s.limit_offset(), L, depth + 1);
  if (s.has_limit_count()) expr(s.limit_count(), L, depth + 1);
  return out;
}

// ---- WITH ----

void Resolver::with(const pg_query::WithClause& w, Level& L, int depth) {
  for (const auto& n : w.ctes()) {
    if (!n.has_common_table_expr()) continue;
    Cte& c = ctes_.emplace_back();
    c.def = &n.common_table_expr();
    c.home = &L;
    c.recursive = w.recursive();
    L.ctes.push_back(&c);
  }
  // Every CTE is resolved, referenced or not: its query is part of the rule.
  // A CTE's query sees the earlier CTEs of the list, or all of them in WITH
  // RECURSIVE, whose references are resolved on demand.
  L.visible_ctes = w.recursive() ? L.ctes.size() : 0;
  for (size_t i = 0; i < L.ctes.size(); ++i) {
    if (!w.recursive()) L.visible_ctes = i;
    resolve_cte(*L.ctes[i], depth);
  }
  L.visible_ctes = L.ctes.size();
}

void Resolver::resolve_cte(Cte& c, int depth) {
  if (c.state != 0) return;  // done, or a recursive reference from within its own query
  c.state = 1;
  Output o;
  const Node& q = c.def->ctequery();
  if (!q.has_select_stmt()) {
    o.known = false;
    unresolved();
  } else if (const auto& s = q.select_stmt(); c.recursive && s.op() == pg_query::SETOP_UNION) {
    // The recursive term reads the CTE with the columns of the non-recursive one.
    Level L;
    L.parent = c.home;
    if (s.has_with_clause()) with(s.with_clause(), L, depth + 1);
    o = select(s.larg(), &L, depth + 1);
    set_cte_columns(c, o);
    select(s.rarg(), &L, depth + 1);
  } else {
    o = select(s, c.home, depth + 1);
  }
  set_cte_columns(c, o);
  c.state = 2;
}

void Resolver::set_cte_columns(Cte& c, const Output& o) {
  c.cols = o.names;
  c.known = o.known;
  const auto& aliases = c.def->aliascolnames();
  for (int i = 0; i < aliases.size() && i < static_cast<int>(c.cols.size()); ++i)
    if (aliases[i].has_string()) c.cols[i] = aliases[i].string().sval();
  if (c.def->has_search_clause()) c.cols.push_back(c.def->search_clause().search_seq_column());
  if (c.def->has_cycle_clause()) {
    c.cols.push_back(c.def->cycle_clause().cycle_mark_column());
    c.cols.push_back(c.def->cycle_clause().cycle_path_column());
  }
  c.ready = true;
}

Cte* Resolver::find_cte(std::string_view name, const Level& L) const {
  for (const Level* lv = &L; lv; lv = lv->parent)
    for (size_t i = 0; i < lv->visible_ctes; ++i)
      if (lv->ctes[i]->def->ctename() == name) return lv->ctes[i];
  return nullptr;
}

// ---- FROM ----

// Adds to `added` the namespace entries the item brings; returns the item
// whose columns it contributes.
const Item* Resolver::from_item(const Node& n, Level& L, std::vector<Entry>& added, int depth) {
  if (deep(depth)) {
    Item& it = items_.emplace_back();
    it.known = false;
    return &it;
  }
  switch (n.node_case()) {
    case Node::kRangeVar: {
      const auto& rv = n.range_var();
      Item& it = items_.emplace_back();
      it.aliased = rv.has_alias();
      it.refname = it.aliased ? std::string_view(rv.alias().aliasname()) : std::string_view(rv.relname());
      // A CTE's name hides a relation of the same name.
      Cte* c = rv.schemaname().empty() ? find_cte(rv.relname(), L) : nullptr;
      if (c) {
        resolve_cte(*c, depth + 1);
        for (const auto& name : c->cols) it.cols.push_back(Col::of(name));
        it.known = c->ready && c->known;
      } else {
        relation(rv, it);
      }
      if (it.aliased) rename(it, rv.alias());
      added.push_back({&it});
      return &it;
    }
    case Node::kRangeSubselect: {
      const auto& r = n.range_subselect();
      const bool lateral = L.lateral_active;
      L.lateral_active = r.lateral();
      Output o;
      if (r.subquery().has_select_stmt()) {
        o = select(r.subquery().select_stmt(), &L, depth + 1);
      } else {
        o.known = false;
        unresolved();
      }
      L.lateral_active = lateral;
      Item& it = items_.emplace_back();
      for (const auto& name : o.names) it.cols.push_back(Col::of(name));
      it.known = o.known;
      if (r.has_alias()) {
        it.refname = r.alias().aliasname();
        it.aliased = true;
        rename(it, r.alias());
      }
      added.push_back({&it});
      return &it;
    }
    case Node::kRangeFunction: {
      Item& it = items_.emplace_back();
      function(n.range_function(), L, it, depth + 1);
      added.push_back({&it});
      return &it;
    }
    case Node::kJoinExpr: return join(n.join_expr(), L, added, depth + 1);
    case Node::kRangeTableSample: {
      const auto& ts = n.range_table_sample();
      const Item* it = from_item(ts.relation(), L, added, depth + 1);
      for (const auto& a : ts.args()) expr(a, L, depth + 1);
      if (ts.has_repeatable()) expr(ts.repeatable(), L, depth + 1);
      return it;
    }
    case Node::kRangeTableFunc: {  // XMLTABLE: always lateral
      const auto& tf = n.range_table_func();
      const bool lateral = L.lateral_active;
      L.lateral_active = true;
      if (tf.has_docexpr()) expr(tf.docexpr(), L, depth + 1);
      if (tf.has_rowexpr()) expr(tf.rowexpr(), L, depth + 1);
      for (const auto& c : tf.columns()) {
        if (!c.has_range_table_func_col()) continue;
        if (c.range_table_func_col().has_colexpr()) expr(c.range_table_func_col().colexpr(), L, depth + 1);
        if (c.range_table_func_col().has_coldefexpr()) expr(c.range_table_func_col().coldefexpr(), L, depth + 1);
      }
      L.lateral_active = lateral;
      Item& it = items_.emplace_back();
      it.refname = tf.has_alias() ? std::string_view(tf.alias().aliasname()) : std::string_view("xmltable");
      for (const auto& c : tf.columns())
        if (c.has_range_table_func_col()) it.cols.push_back(Col::of(c.range_table_func_col().colname()));
      if (tf.has_alias()) {
        it.aliased = true;
        rename(it, tf.alias());
      }
      added.push_back({&it});
      return &it;
    }
    default: {
      // A FROM item the resolver does not read (JSON_TABLE): its columns and
      // what its expressions read are unknown.
      unresolved();
      Item& it = items_.emplace_back();
      it.known = false;
      added.push_back({&it});
      return &it;
    }
  }
}

void Resolver::relation(const pg_query::RangeVar& rv, Item& it) {
  it.relation = true;
  it.rel = {rv.schemaname(), rv.relname()};
  const auto q = cat_.resolve(rv.schemaname(), rv.relname(), [&](const QName& x) { return cat_.relation_exists(x); });
  it.known = false;
  if (!q) return;
  it.rel = *q;
  // pg_get_viewdef names a relation the search path finds without its schema.
  if (!rv.schemaname().empty()) {
    const auto plain = cat_.resolve("", rv.relname(), [&](const QName& x) { return cat_.relation_exists(x); });
    if (plain && *plain == *q) out_.unqualified.push_back(&rv);
  }
  std::string key;
  if (const auto t = cat_.table(*q)) {
    key = table_key(*q);
    out_.relations.insert(key);
    rel_keys_.push_back(key);
    const int r = static_cast<int>(rel_keys_.size()) - 1;
    for (const auto& c : t->columns) it.cols.push_back({c.name, r, c.name, c.type});
    it.system_columns = true;
  } else if (const auto v = cat_.view(*q)) {
    key = view_key(*q);
    out_.relations.insert(key);
    rel_keys_.push_back(key);
    const int r = static_cast<int>(rel_keys_.size()) - 1;
    for (const auto& c : v->output) it.cols.push_back({c, r, c, {}});
    it.system_columns = v->materialized;
    if (!v->output_known) return;
  } else if (cat_.sequence(*q)) {
    key = sequence_key(*q);
    rel_keys_.push_back(key);
    const int r = static_cast<int>(rel_keys_.size()) - 1;
    for (std::string_view c : {"last_value", "log_cnt", "is_called"}) it.cols.push_back({c, r, c, {}});
    it.system_columns = true;
  } else {
    return;  // an index or a composite type: PostgreSQL rejects it
  }
  // A relation an unmodeled statement may have changed may have other columns.
  it.known = !cat_.uncertain(key);
}

void Resolver::rename(Item& it, const pg_query::Alias& a) {
  const auto& names = a.colnames();
  for (int i = 0; i < names.size() && i < static_cast<int>(it.cols.size()); ++i)
    if (names[i].has_string()) it.cols[i].name = names[i].string().sval();
}

// JOIN: its columns are the merged USING/NATURAL ones, then the others of
// the left input, then those of the right (parse_clause.c transformFromClauseItem).
const Item* Resolver::join(const pg_query::JoinExpr& j, Level& L, std::vector<Entry>& added, int depth) {
  std::vector<Entry> lns, rns;
  const Item* l = from_item(j.larg(), L, lns, depth + 1);
  // The right input may read the left one laterally.
  const size_t mark = L.ns.size();
  for (Entry e : lns) {
    e.lateral_only = true;
    L.ns.push_back(e);
  }
  const Item* r = from_item(j.rarg(), L, rns, depth + 1);
  L.ns.resize(mark);

  Item& it = items_.emplace_back();
  it.known = l->known && r->known;
  std::vector<std::string_view> merged;
  if (j.is_natural()) {
    if (!it.known) unresolved();
    for (const auto& c : l->cols)
      if (r->find(c.name) && std::find(merged.begin(), merged.end(), c.name) == merged.end()) merged.push_back(c.name);
  } else {
    for (const auto& u : j.using_clause())
      if (u.has_string()) merged.push_back(u.string().sval());
  }
  // USING (x) joins on left.x = right.x: the rule reads both. A merged
  // column reads one of them (or their COALESCE): nothing more.
  for (const auto name : merged) {
    for (const Item* side : {l, r}) {
      if (const Col* c = side->find(name)) record(*c);
      else if (!side->known) unresolved();
    }
    const Col* left = l->find(name);
    it.cols.push_back(Col::of(name, left ? left->type : std::string_view()));
  }
  const auto unmerged = [&](const Item* side) {
    for (const auto& c : side->cols)
      if (std::find(merged.begin(), merged.end(), c.name) == merged.end()) it.cols.push_back(c);
  };
  unmerged(l);
  unmerged(r);

  if (j.has_quals()) {
    // ON sees the join's two inputs and the enclosing queries only.
    std::vector<Entry> saved = std::move(L.ns);
    const bool lateral = L.lateral_active;
    L.ns = lns;
    L.ns.insert(L.ns.end(), rns.begin(), rns.end());
    for (auto& e : L.ns) e.lateral_only = false;
    L.lateral_active = false;
    expr(j.quals(), L, depth + 1);
    L.ns = std::move(saved);
    L.lateral_active = lateral;
  }

  if (j.has_alias()) {
    // An alias hides the names of the tables inside the join.
    it.refname = j.alias().aliasname();
    it.aliased = true;
    rename(it, j.alias());
    added.push_back({&it});
  } else {
    // The inputs stay reachable by name; their columns are the join's.
    for (Entry e : lns) {
      e.cols_visible = false;
      added.push_back(e);
    }
    for (Entry e : rns) {
      e.cols_visible = false;
      added.push_back(e);
    }
    added.push_back({&it, false, true, false});
  }
  if (j.has_join_using_alias()) {
    // USING (…) AS x names the merged columns only.
    Item& u = items_.emplace_back();
    u.refname = j.join_using_alias().aliasname();
    u.aliased = true;
    u.cols.assign(it.cols.begin(), it.cols.begin() + static_cast<std::ptrdiff_t>(merged.size()));
    added.push_back({&u, true, false, false});
  }
  return &it;
}

// A function in FROM: its arguments may read earlier FROM items even
// without LATERAL (parse_clause.c transformRangeFunction).
void Resolver::function(const pg_query::RangeFunction& rf, Level& L, Item& it, int depth) {
  const bool lateral = L.lateral_active;
  L.lateral_active = true;
  std::vector<std::pair<const pg_query::FuncCall*, const Nodes*>> calls;  // call, column definitions
  bool understood = true;
  for (const auto& f : rf.functions()) {
    if (!f.has_list() || f.list().items_size() == 0) continue;
    const Node& call = f.list().items(0);
    expr(call, L, depth + 1);
    const Nodes* coldefs = f.list().items_size() > 1 && f.list().items(1).has_list() ? &f.list().items(1).list().items()
                                                                                     : nullptr;
    if (!call.has_func_call()) {
      understood = false;
      continue;
    }
    // unnest(a, b) outside ROWS FROM is ROWS FROM (unnest(a), unnest(b)).
    const auto& fc = call.func_call();
    if (!rf.is_rowsfrom() && fc.args_size() > 1 && builtin_function(fc) == FnShape::Scalar &&
        function_name(fc) == "unnest")
      for (int i = 0; i < fc.args_size(); ++i) calls.push_back({&fc, nullptr});
    else calls.push_back({&fc, coldefs});
  }
  L.lateral_active = lateral;

  const pg_query::FuncCall* first = calls.empty() ? nullptr : calls.front().first;
  if (rf.has_alias()) {
    it.refname = rf.alias().aliasname();
    it.aliased = true;
  } else if (first) {
    it.refname = function_name(*first);
  }
  const bool one = calls.size() == 1;
  for (const auto& [fc, defs] : calls) {
    const Nodes* coldefs = defs ? defs : one && rf.coldeflist_size() > 0 ? &rf.coldeflist() : nullptr;
    if (coldefs) {
      for (const auto& d : *coldefs)
        if (d.has_column_def()) it.cols.push_back(Col::of(d.column_def().colname()));
      continue;
    }
    switch (builtin_function(*fc)) {
      case FnShape::Scalar:
        // FROM f(…) AS x names the column x too.
        it.cols.push_back(
            Col::of(one && rf.has_alias() ? std::string_view(rf.alias().aliasname()) : function_name(*fc)));
        break;
      case FnShape::Value: it.cols.push_back(Col::of("value")); break;
      case FnShape::KeyValue:
        it.cols.push_back(Col::of("key"));
        it.cols.push_back(Col::of("value"));
        break;
      case FnShape::Unknown: understood = false; break;
    }
  }
  if (rf.ordinality()) it.cols.push_back(Col::of("ordinality"));
  it.known = understood;
  if (rf.has_alias()) rename(it, rf.alias());
}

}  // namespace view_resolver

ViewQueryDeps resolve_view_query(const Catalog& cat, const pg_query::Node& query) {
  ViewQueryDeps out;
  if (!query.has_select_stmt()) {
    out.resolved = false;
    out.output_known = false;
    return out;
  }
  view_resolver::Resolver r(cat, out);
  const view_resolver::Output o = r.select(query.select_stmt(), nullptr, 0);
  out.output.assign(o.names.begin(), o.names.end());
  out.output_known = o.known;
  return out;
}

std::optional<Expr> view_query_renaming_column(const Catalog& cat, const View& v, const std::string& column_key,
                                               const std::string& from, const std::string& to) {
  google::protobuf::Arena arena;
  const pg_query::Node* parsed = parse_single_statement(v.query.text(), arena);
  if (!parsed || !parsed->has_select_stmt() || parsed->select_stmt().op() != pg_query::SETOP_NONE) return std::nullopt;
  pg_query::Node q = *parsed;
  const ViewQueryDeps d = resolve_view_query(cat, q);
  if (!d.resolved) return std::nullopt;
  std::set<const pg_query::ColumnRef*> renamed;
  for (const auto& [ref, key] : d.refs) {
    if (key != column_key) continue;
    auto* cr = const_cast<pg_query::ColumnRef*>(ref);
    cr->mutable_fields(cr->fields_size() - 1)->mutable_string()->set_sval(to);
    renamed.insert(ref);
  }
  // The columns of the view, its subqueries and CTEs keep their names.
  for (const pg_query::ResTarget* target : d.targets) {
    if (!target->val().has_column_ref() || !renamed.contains(&target->val().column_ref())) continue;
    auto* rt = const_cast<pg_query::ResTarget*>(target);
    if (rt->name().empty()) rt->set_name(from);
    else if (rt->name() == to) rt->clear_name();
  }
  return make_query(std::move(q), ExprContext{"", &cat});
}

ViewQueryDeps resolve_and_qualify_view_query(const Catalog& cat, pg_query::Node& query,
                                             const std::vector<std::string>& aliases) {
  ViewQueryDeps out = resolve_view_query(cat, query);
  // The recorded pointers are into `query`, which is ours to change. The
  // rewrites in place come first: a star moves the targets after it.
  for (const auto& [ref, name] : out.qualified) {
    auto* cr = const_cast<pg_query::ColumnRef*>(ref);
    const std::string col = cr->fields(cr->fields_size() - 1).string().sval();
    cr->clear_fields();
    cr->add_fields()->mutable_string()->set_sval(name);
    cr->add_fields()->mutable_string()->set_sval(col);
  }
  for (const pg_query::ResTarget* rt : out.unnamed) const_cast<pg_query::ResTarget*>(rt)->clear_name();
  for (const auto& [rt, name] : out.named) const_cast<pg_query::ResTarget*>(rt)->set_name(name);
  out.named.clear();
  for (const pg_query::RangeVar* rv : out.unqualified) const_cast<pg_query::RangeVar*>(rv)->clear_schemaname();
  out.unqualified.clear();
  // Stars in reverse order of resolution: what a star moves (the targets
  // after it) was resolved after it, so its own stars are already replaced.
  for (size_t k = out.stars.size(); k-- > 0;) {
    const auto& star = out.stars[k];
    auto* list = const_cast<pg_query::SelectStmt*>(star.select)->mutable_target_list();
    std::vector<pg_query::Node> rest(list->begin() + star.index + 1, list->end());
    list->DeleteSubrange(star.index, list->size() - star.index);
    for (const auto& [qual, col] : star.columns) {
      auto* cr = list->Add()->mutable_res_target()->mutable_val()->mutable_column_ref();
      if (!qual.empty()) cr->add_fields()->mutable_string()->set_sval(qual);
      cr->add_fields()->mutable_string()->set_sval(col);
    }
    for (auto& n : rest) *list->Add() = std::move(n);
  }
  out.stars.clear();
  // Aliases last: the stars they may name are expanded by now.
  if (!aliases.empty() && query.has_select_stmt() && query.select_stmt().op() == pg_query::SETOP_NONE) {
    auto* list = query.mutable_select_stmt()->mutable_target_list();
    for (size_t i = 0; i < aliases.size() && static_cast<int>(i) < list->size(); ++i) {
      auto* rt = list->Mutable(static_cast<int>(i))->mutable_res_target();
      const std::string* col = rt->val().has_column_ref() ? view_resolver::last_string(rt->val().column_ref().fields())
                                                          : nullptr;
      if (col && *col == aliases[i]) rt->clear_name();
      else rt->set_name(aliases[i]);
    }
  }
  // Pointers into the query as it was: none is kept.
  out.qualified.clear();
  out.unnamed.clear();
  out.refs.clear();
  out.targets.clear();
  return out;
}

}  // namespace miglint::catalog
