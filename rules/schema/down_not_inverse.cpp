// `down-not-inverse`: findings are made by the schema replay (analyzer/catalog); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_down_not_inverse() {
  return declared_rule({"down-not-inverse", Severity::Error, "the down migration does not restore the schema the up changed", "schema"});
}

}  // namespace miglint
