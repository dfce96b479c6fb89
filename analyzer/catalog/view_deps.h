// What a view's query reads, with names resolved the way PostgreSQL's parser
// resolves them (parse_relation.c, parse_clause.c, parse_target.c): the
// innermost FROM first, then the enclosing queries; aliases hide the names
// they stand for; `*` expands to every column at creation. The result is the
// set of (relation, column) pairs the view's rule depends on, as pg_depend
// records them (refobjsubid > 0).
#pragma once
#include <set>
#include <string>
#include <string_view>
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
};

// Resolves a view's query (a SelectStmt node) against the catalog.
ViewQueryDeps resolve_view_query(const Catalog& cat, const pg_query::Node& query);

// "<relation key>\x1f<column>": one column dependency (relation keys as
// table_key, view_key, sequence_key make them).
std::string column_use_key(std::string_view relation_key, std::string_view column);

}  // namespace miglint::catalog
