// What a view's query reads, with names resolved the way PostgreSQL's parser
// resolves them (parse_relation.c, parse_clause.c, parse_target.c): the
// innermost FROM first, then the enclosing queries; aliases hide the names
// they stand for; `*` expands to every column at creation. The result is the
// set of (relation, column) pairs the view's rule depends on, as pg_depend
// records them (refobjsubid > 0).
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pg_query/pg_query.pb.h>

#include "analyzer/catalog/catalog.h"

namespace miglint::catalog {

struct ViewQueryDeps {
  std::set<std::string> relations;  // table_key/view_key of every table and view the query reads
  std::set<std::string> columns;    // column_use_key() of every column the rule depends on
  std::vector<std::string> output;  // the query's column names, in order
  bool output_known = true;         // false: a `*` over a relation whose columns the model does not know
  // false: a name could not be resolved, because the model does not know the
  // columns of a relation in scope; `columns` is then a lower bound.
  bool resolved = true;
  // How PostgreSQL stores the query (pg_get_viewdef): these column
  // references qualified by their FROM item's name, these output names
  // dropped where they repeat the column's, these relations named without
  // their schema. Pointers into the query.
  std::vector<std::pair<const pg_query::ColumnRef*, std::string>> qualified;
  std::vector<const pg_query::ResTarget*> unnamed;
  std::vector<std::pair<const pg_query::ResTarget*, std::string>> named;  // an expression's implicit name
  std::vector<const pg_query::RangeVar*> unqualified;                     // schema.t where the search path finds t
  struct Star {  // `*` at select->target_list(index): these (qualifier, column) in its place
    const pg_query::SelectStmt* select = nullptr;
    int index = 0;
    std::vector<std::pair<std::string, std::string>> columns;
  };
  std::vector<Star> stars;
  // Each column reference to a relation's column, with that column's column_use_key.
  std::vector<std::pair<const pg_query::ColumnRef*, std::string>> refs;
  std::vector<const pg_query::ResTarget*> targets;  // of every SELECT list, subqueries' too
};

// Resolves a view's query (a SelectStmt node) against the catalog.
ViewQueryDeps resolve_view_query(const Catalog& cat, const pg_query::Node& query);

// Resolves `query` and rewrites it as PostgreSQL stores it, so that two
// spellings of one view compare equal: `SELECT a FROM t` and
// `SELECT t.a AS a FROM public.t` both become `SELECT t.a FROM t`'s tree
// (ColumnRef fields; the relation as written).
// A view's column aliases (CREATE VIEW v (a, b)) are stored as the names of
// its first output columns, which is where this puts them.
ViewQueryDeps resolve_and_qualify_view_query(const Catalog& cat, pg_query::Node& query,
                                             const std::vector<std::string>& aliases = {});

// The stored query of `v` once ALTER TABLE … RENAME COLUMN has renamed the
// column `column_key` (column_use_key) to `to`: the rule reads the column by
// number, so its references show the new name and an output column named
// after it keeps the old name (`t.b AS a`). nullopt when the query cannot be
// read again (a set operation, a name the model cannot resolve).
std::optional<Expr> view_query_renaming_column(const Catalog& cat, const View& v, const std::string& column_key,
                                               const std::string& from, const std::string& to);

// "<relation key>\x1f<column>": one column dependency (relation keys as
// table_key, view_key, sequence_key make them).
std::string column_use_key(std::string_view relation_key, std::string_view column);

}  // namespace miglint::catalog
