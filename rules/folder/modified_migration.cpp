// `modified-migration`: findings are made by the folder reader (analyzer/migrations); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_modified_migration() {
  return declared_rule({"modified-migration", Severity::Error, "an applied migration recorded in miglint.sum has changed", "folder"});
}

}  // namespace miglint
