// `migration-layout`: findings are made by the folder reader (analyzer/migrations); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_migration_layout() {
  return declared_rule({"migration-layout", Severity::Warning, "the folder mixes layouts or has files no layout explains", "folder"});
}

}  // namespace miglint
