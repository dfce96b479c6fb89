// `missing-up`: findings are made by the folder reader (analyzer/migrations); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_missing_up() {
  return declared_rule({"missing-up", Severity::Error, "a down migration without its up", "folder"});
}

}  // namespace miglint
