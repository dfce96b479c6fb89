// `duplicate-object`: findings are made by the schema replay (analyzer/catalog); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_duplicate_object() {
  return declared_rule({"duplicate-object", Severity::Error, "a statement creates an object that already exists", "schema"});
}

}  // namespace miglint
