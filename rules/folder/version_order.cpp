// `version-order`: findings are made by the folder reader (analyzer/migrations); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_version_order() {
  return declared_rule({"version-order", Severity::Error, "a new migration is not newer than the existing ones", "folder"});
}

}  // namespace miglint
