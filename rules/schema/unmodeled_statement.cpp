// `unmodeled-statement`: findings are made by the schema replay (analyzer/catalog); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_unmodeled_statement() {
  return declared_rule({"unmodeled-statement", Severity::Info, "a statement the schema model cannot apply", "schema"});
}

}  // namespace miglint
