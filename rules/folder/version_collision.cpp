// `version-collision`: findings are made by the folder reader (analyzer/migrations); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_version_collision() {
  return declared_rule({"version-collision", Severity::Error, "two migrations share a version", "folder"});
}

}  // namespace miglint
