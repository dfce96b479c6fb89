// `unknown-rule`: findings are made by suppressions (analyzer/diag/suppress.cpp); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_unknown_rule() {
  return declared_rule({"unknown-rule", Severity::Warning, "a suppression or setting names a rule that does not exist", "file"});
}

}  // namespace miglint
