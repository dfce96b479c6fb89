// The resolver behind resolve_view_query (view_deps.h), shared by its parts:
// view_deps.cpp (query levels, WITH, FROM), view_deps_exprs.cpp (expressions,
// column references, name lookup) and view_deps_colnames.cpp (output column
// names). Internal to those files.
#pragma once
#include <pg_query/pg_ast_meta.h>

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/catalog/expr.h"
#include "analyzer/catalog/view_deps.h"

namespace miglint::catalog::view_resolver {

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

// `*` or `t.*`.
inline bool ends_with_star(const pg_query::ColumnRef& cr) {
  return cr.fields_size() > 0 && cr.fields(cr.fields_size() - 1).has_a_star();
}

inline const std::string* last_string(const Nodes& l) {
  if (l.empty() || !l[l.size() - 1].has_string()) return nullptr;
  return &l[l.size() - 1].string().sval();
}

// Resolves one view query, recording into `out` what it reads.
class Resolver {
 public:
  Resolver(const Catalog& cat, ViewQueryDeps& out) : cat_(cat), out_(out) {}

  Output select(const pg_query::SelectStmt& s, Level* parent, int depth);

 private:
  struct Lookup {
    const Col* col = nullptr;
    bool found = false;          // col, or a system column (col null)
    bool unknown = false;        // not found where a relation's columns are not known
    const Item* item = nullptr;  // the FROM item of col
    bool ambiguous = false;      // another FROM item of the level has a column of that name
  };

  bool deep(int depth) {
    if (depth < kMaxExprDepth) return false;
    out_.resolved = false;
    return true;
  }
  void unresolved() { out_.resolved = false; }
  // A reference to a relation's column, by its column_use_key.
  void referenced(const pg_query::ColumnRef& cr, const Col* c) {
    if (c && c->rel >= 0) out_.refs.emplace_back(&cr, column_use_key(rel_keys_[c->rel], c->source));
  }
  // A reference PostgreSQL stores qualified by the FROM item's name; a
  // column of a table seen through an unnamed join, by the table's.
  void qualify(const pg_query::ColumnRef& cr, const Item* it, const Col* c) {
    if (const std::string_view q = qualifier_name(it, *c); !q.empty()) out_.qualified.emplace_back(&cr, std::string(q));
  }
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
  // Records what the `*` at s.target_list(index) stands for (n columns).
  void star_expansion(const pg_query::SelectStmt& s, int index, const pg_query::ColumnRef& cr, const Level& L,
                      size_t n);
  // The name a column of `it` is qualified by ("" for a merged join column).
  std::string_view qualifier_name(const Item* it, const Col& c) const;
  void expand(const Item& it, Output* out);
  const Item* whole_row(const Node& arg, const Level& L) const;
  const Col* column_of(const Item* it, std::string_view col);
  struct Composite {
    std::string key;                                                   // the type's (or table's) relation key
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

}  // namespace miglint::catalog::view_resolver
