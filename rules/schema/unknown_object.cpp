// `unknown-object`: findings are made by the schema replay (analyzer/catalog); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_unknown_object() {
  return declared_rule({"unknown-object", Severity::Error, "a statement needs an object that does not exist at that point", "schema"});
}

}  // namespace miglint
