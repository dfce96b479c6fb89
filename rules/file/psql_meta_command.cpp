// `psql-meta-command`: findings are made by the parser (analyzer/ast/parse.cpp); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_psql_meta_command() {
  return declared_rule({"psql-meta-command", Severity::Info, "a psql backslash command, skipped", "file"});
}

}  // namespace miglint
