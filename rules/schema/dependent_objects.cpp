// `dependent-objects`: findings are made by the schema replay (analyzer/catalog); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_dependent_objects() {
  return declared_rule({"dependent-objects", Severity::Error, "a drop that PostgreSQL refuses because other objects depend on it", "schema"});
}

}  // namespace miglint
