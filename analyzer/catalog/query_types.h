// The result types of a query's output columns, as PostgreSQL gives them to
// the columns of CREATE TABLE AS and SELECT … INTO (format_type names):
// column references take their column's type, casts their target type,
// literals, common functions and operators theirs (docs/PG_FACTS.md §15).
#pragma once
#include <string>
#include <vector>

#include <pg_query/pg_query.pb.h>

#include "analyzer/catalog/catalog.h"

namespace miglint::catalog {

struct QueryOutput {
  bool known = false;  // false: a `*` over a relation whose columns the model does not know
  std::vector<std::string> names;
  std::vector<std::string> types;  // "" where the model cannot tell the type
};

// The output columns of `query` (as written; an INTO clause is ignored), in order.
QueryOutput query_output(const Catalog& cat, const pg_query::SelectStmt& query);

}  // namespace miglint::catalog
