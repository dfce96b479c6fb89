// `unused-suppression`: findings are made by suppressions (analyzer/diag/suppress.cpp); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_unused_suppression() {
  return declared_rule({"unused-suppression", Severity::Info, "a suppression that suppressed nothing", "file"});
}

}  // namespace miglint
