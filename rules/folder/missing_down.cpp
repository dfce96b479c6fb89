// `missing-down`: findings are made by the folder reader (analyzer/migrations); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_missing_down() {
  return declared_rule({"missing-down", Severity::Warning, "an up migration without its down", "folder"});
}

}  // namespace miglint
