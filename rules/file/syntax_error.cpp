// `syntax-error`: findings are made by the parser (analyzer/ast/parse.cpp); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include <pg_query.h>

#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_syntax_error() {
  return declared_rule({"syntax-error", Severity::Error, "a statement PostgreSQL rejects (miglint parses with the grammar of PostgreSQL " PG_MAJORVERSION ")", "file"});
}

}  // namespace miglint
