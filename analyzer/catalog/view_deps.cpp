#include "analyzer/catalog/view_deps.h"

#include <pg_query/pg_ast_meta.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <utility>

#include "analyzer/catalog/expr.h"

namespace miglint::catalog {

std::string column_use_key(std::string_view relation_key, std::string_view column) {
  std::string k;
  k.reserve(relation_key.size() + 1 + column.size());
  k.append(relation_key).push_back('\x1f');
  k.append(column);
  return k;
}

namespace {

namespace pb = google::protobuf;
using pg_query::Node;
using pgmeta::MsgType;
using Nodes = pb::RepeatedPtrField<Node>;

// A column of a FROM item (ParseNamespaceColumn).
struct Col {
  std::string_view name;
  int rel = -1;             // the relation it is a column of (Resolver::rel_keys_); -1: none
  std::string_view source;  // its name there (an alias list renames `name` only)
  std::string_view type;    // a table column's type as the catalog shows it; empty: not known

  // A column of no relation: of a subquery, a CTE or a function, or a merged join column.
  static Col of(std::string_view name, std::string_view type = {}) { return {name, -1, {}, type}; }
};

// A FROM item: a relation, subquery, CTE reference, function or join.
struct Item {
  std::string_view refname;  // alias, or the relation's, CTE's or function's own name; empty: none
  bool aliased = false;
  bool relation = false;  // a relation named `rel` (schema.table.column matches it when not aliased)
  QName rel;              // as resolved; as written when the model lacks the relation
  std::vector<Col> cols;
  bool known = true;            // cols holds every column
  bool system_columns = false;  // ctid, xmin, … name columns of it (no dependency pg_depend lists)

  const Col* find(std::string_view n) const {
    for (const auto& c : cols)
      if (c.name == n) return &c;
    return nullptr;
  }
};

// One entry of a query level's namespace, with ParseNamespaceItem's visibility.
struct Entry {
  const Item* item = nullptr;
  bool rel_visible = true;   // qualified references find it by refname
  bool cols_visible = true;  // unqualified references see its columns
  bool lateral_only = false;
};

struct Level;

struct Cte {
  const pg_query::CommonTableExpr* def = nullptr;
  Level* home = nullptr;  // the query level whose WITH defines it
  bool recursive = false;
  int state = 0;       // 0: not resolved, 1: being resolved, 2: done
  bool ready = false;  // cols are set (a recursive one's from its non-recursive term)
  std::vector<std::string_view> cols;
  bool known = false;
};

// One query level (PostgreSQL's ParseState): its FROM namespace and WITH list.
struct Level {
  Level* parent = nullptr;
  std::vector<Entry> ns;
  bool lateral_active = false;  // lateral-only entries are visible
  std::vector<Cte*> ctes;
  size_t visible_ctes = 0;  // a CTE sees the earlier ones of a non-recursive WITH only
};

struct Output {
  std::vector<std::string_view> names;
  bool known = true;
};

bool is_system_column(std::string_view n) {
  return n == "ctid" || n == "xmin" || n == "xmax" || n == "cmin" || n == "cmax" || n == "tableoid";
}

bool ends_with_star(const pg_query::ColumnRef& cr) {
  return cr.fields_size() > 0 && cr.fields(cr.fields_size() - 1).has_a_star();
}

const std::string* last_string(const Nodes& l) {
  if (l.empty() || !l[l.size() - 1].has_string()) return nullptr;
  return &l[l.size() - 1].string().sval();
}

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
  static constexpr std::string_view kScalar[] = {
      "generate_series", "generate_subscripts", "unnest", "regexp_split_to_table", "regexp_matches",
      "string_to_table", "json_object_keys", "jsonb_object_keys", "jsonb_path_query"};
  if (std::find(std::begin(kScalar), std::end(kScalar), name) != std::end(kScalar)) return FnShape::Scalar;
  if (name == "json_array_elements" || name == "json_array_elements_text" || name == "jsonb_array_elements" ||
      name == "jsonb_array_elements_text")
    return FnShape::Value;
  if (name == "json_each" || name == "json_each_text" || name == "jsonb_each" || name == "jsonb_each_text")
    return FnShape::KeyValue;
  return FnShape::Unknown;
}

class Resolver {
 public:
  Resolver(const Catalog& cat, ViewQueryDeps& out) : cat_(cat), out_(out) {}

  Output select(const pg_query::SelectStmt& s, Level* parent, int depth);

 private:
  struct Lookup {
    const Col* col = nullptr;
    bool found = false;    // col, or a system column (col null)
    bool unknown = false;  // not found where a relation's columns are not known
  };

  bool deep(int depth) {
    if (depth < kMaxExprDepth) return false;
    out_.resolved = false;
    return true;
  }
  void unresolved() { out_.resolved = false; }
  void record(const Col& c) {
    if (c.rel >= 0) out_.columns.insert(column_use_key(rel_keys_[c.rel], c.source));
  }
  std::string_view keep(std::string s) { return texts_.emplace_back(std::move(s)); }

  void with(const pg_query::WithClause& w, Level& L, int depth);
  void resolve_cte(Cte& c, int depth);
  void set_cte_columns(Cte& c, const Output& o);
  Cte* find_cte(std::string_view name, const Level& L) const;

  const Item* from_item(const Node& n, Level& L, std::vector<Entry>& added, int depth);
  void relation(const pg_query::RangeVar& rv, Item& it);
  const Item* join(const pg_query::JoinExpr& j, Level& L, std::vector<Entry>& added, int depth);
  void function(const pg_query::RangeFunction& rf, Level& L, Item& it, int depth);
  static void rename(Item& it, const pg_query::Alias& a);

  void expr(const Node& n, Level& L, int depth);
  void walk(const pb::MessageLite& m, MsgType t, Level& L, int depth);
  void list_item(const Node& n, Level& L, int depth);
  const Col* column_ref(const pg_query::ColumnRef& cr, Level& L);
  bool indirection(const pg_query::A_Indirection& ind, Level& L, bool expanded, Output* out, int depth);
  void target(const pg_query::ResTarget& rt, Level& L, Output& out, int depth);
  void group_item(const Node& n, Level& L, const Output& out, int depth);
  void sort_item(const Node& n, Level& L, const Output& out, int depth);
  void expand_star(const pg_query::ColumnRef& cr, Level& L, Output* out);
  void expand(const Item& it, Output* out);
  const Item* whole_row(const Node& arg, const Level& L) const;
  const Col* column_of(const Item* it, std::string_view col);
  struct Composite {
    std::string key;  // the type's (or table's) relation key
    std::vector<std::pair<std::string_view, std::string_view>> attrs;  // name, type
  };
  std::optional<Composite> composite(std::string_view type) const;

  Lookup lookup(std::string_view name, const Level& L, bool local_only) const;
  const Item* find_refname(std::string_view name, const Level& L) const;
  const Item* find_relation(std::string_view schema, std::string_view name, const Level& L) const;
  const Item* qualifier(const Nodes& f, int n, const Level& L) const;

  int figure(const Node& n, std::string_view& name) const;
  std::string_view colname(const Node& n) const;

  const Catalog& cat_;
  ViewQueryDeps& out_;
  std::deque<Item> items_;  // deques: entries keep pointers to them
  std::deque<Cte> ctes_;
  std::deque<std::string> texts_;
  std::vector<std::string> rel_keys_;
  // The first column name of each scalar subquery, which names its column.
  std::vector<std::pair<const Node*, std::string_view>> sublink_names_;
};

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
  for (const auto& t : s.target_list())
    if (t.has_res_target()) target(t.res_target(), L, out, depth + 1);
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
      if (r->find(c.name) && std::find(merged.begin(), merged.end(), c.name) == merged.end())
        merged.push_back(c.name);
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
    const Nodes* coldefs = f.list().items_size() > 1 && f.list().items(1).has_list()
                               ? &f.list().items(1).list().items()
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
    else
      calls.push_back({&fc, coldefs});
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
      return r.col;
    }
    case 2:
    case 3:
    case 4: return column_of(qualifier(f, f.size() - 1, L), col);
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

void Resolver::target(const pg_query::ResTarget& rt, Level& L, Output& out, int depth) {
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
        if (!r.found) r = {c, true, false};
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

// ---- output column names (parse_target.c FigureColnameInternal) ----

// 2: a name from the expression, 1: a fallback (a type name, "case"), 0: none.
int Resolver::figure(const Node& n, std::string_view& name) const {
  switch (n.node_case()) {
    case Node::kColumnRef:
      for (auto it = n.column_ref().fields().rbegin(); it != n.column_ref().fields().rend(); ++it)
        if (it->has_string()) {
          name = it->string().sval();
          return 2;
        }
      return 0;
    case Node::kAIndirection:
      for (auto it = n.a_indirection().indirection().rbegin(); it != n.a_indirection().indirection().rend(); ++it)
        if (it->has_string()) {
          name = it->string().sval();
          return 2;
        }
      return figure(n.a_indirection().arg(), name);
    case Node::kFuncCall:
      if (const std::string* s = last_string(n.func_call().funcname())) {
        name = *s;
        return 2;
      }
      return 0;
    case Node::kAExpr:
      if (n.a_expr().kind() != pg_query::AEXPR_NULLIF) return 0;
      name = "nullif";
      return 2;
    case Node::kTypeCast: {
      const int strength = figure(n.type_cast().arg(), name);
      if (strength > 1) return strength;
      const std::string* t = last_string(n.type_cast().type_name().names());
      if (!t) return strength;
      name = *t;
      return 1;
    }
    case Node::kCollateClause: return figure(n.collate_clause().arg(), name);
    case Node::kGroupingFunc: name = "grouping"; return 2;
    case Node::kSubLink:
      switch (n.sub_link().sub_link_type()) {
        case pg_query::EXISTS_SUBLINK: name = "exists"; return 2;
        case pg_query::ARRAY_SUBLINK: name = "array"; return 2;
        case pg_query::EXPR_SUBLINK:
        case pg_query::MULTIEXPR_SUBLINK:
          for (const auto& [node, first] : sublink_names_)
            if (node == &n) {
              name = first;
              return 2;
            }
          return 0;
        default: return 0;
      }
    case Node::kCaseExpr: {
      int strength = n.case_expr().has_defresult() ? figure(n.case_expr().defresult(), name) : 0;
      if (strength <= 1) {
        name = "case";
        strength = 1;
      }
      return strength;
    }
    case Node::kAArrayExpr: name = "array"; return 2;
    case Node::kRowExpr: name = "row"; return 2;
    case Node::kCoalesceExpr: name = "coalesce"; return 2;
    case Node::kMinMaxExpr: name = n.min_max_expr().op() == pg_query::IS_GREATEST ? "greatest" : "least"; return 2;
    case Node::kSqlvalueFunction:
      switch (n.sqlvalue_function().op()) {
        case pg_query::SVFOP_CURRENT_DATE: name = "current_date"; return 2;
        case pg_query::SVFOP_CURRENT_TIME:
        case pg_query::SVFOP_CURRENT_TIME_N: name = "current_time"; return 2;
        case pg_query::SVFOP_CURRENT_TIMESTAMP:
        case pg_query::SVFOP_CURRENT_TIMESTAMP_N: name = "current_timestamp"; return 2;
        case pg_query::SVFOP_LOCALTIME:
        case pg_query::SVFOP_LOCALTIME_N: name = "localtime"; return 2;
        case pg_query::SVFOP_LOCALTIMESTAMP:
        case pg_query::SVFOP_LOCALTIMESTAMP_N: name = "localtimestamp"; return 2;
        case pg_query::SVFOP_CURRENT_ROLE: name = "current_role"; return 2;
        case pg_query::SVFOP_CURRENT_USER: name = "current_user"; return 2;
        case pg_query::SVFOP_USER: name = "user"; return 2;
        case pg_query::SVFOP_SESSION_USER: name = "session_user"; return 2;
        case pg_query::SVFOP_CURRENT_CATALOG: name = "current_catalog"; return 2;
        case pg_query::SVFOP_CURRENT_SCHEMA: name = "current_schema"; return 2;
        default: return 0;
      }
    case Node::kXmlExpr:
      switch (n.xml_expr().op()) {
        case pg_query::IS_XMLCONCAT: name = "xmlconcat"; return 2;
        case pg_query::IS_XMLELEMENT: name = "xmlelement"; return 2;
        case pg_query::IS_XMLFOREST: name = "xmlforest"; return 2;
        case pg_query::IS_XMLPARSE: name = "xmlparse"; return 2;
        case pg_query::IS_XMLPI: name = "xmlpi"; return 2;
        case pg_query::IS_XMLROOT: name = "xmlroot"; return 2;
        case pg_query::IS_XMLSERIALIZE: name = "xmlserialize"; return 2;
        default: return 0;
      }
    case Node::kXmlSerialize: name = "xmlserialize"; return 2;
    default: return 0;
  }
}

std::string_view Resolver::colname(const Node& n) const {
  std::string_view name;
  if (figure(n, name) == 0 || name.empty()) return "?column?";
  return name;
}

}  // namespace

ViewQueryDeps resolve_view_query(const Catalog& cat, const pg_query::Node& query) {
  ViewQueryDeps out;
  if (!query.has_select_stmt()) {
    out.resolved = false;
    out.output_known = false;
    return out;
  }
  Resolver r(cat, out);
  const Output o = r.select(query.select_stmt(), nullptr, 0);
  out.output.assign(o.names.begin(), o.names.end());
  out.output_known = o.known;
  return out;
}

}  // namespace miglint::catalog
