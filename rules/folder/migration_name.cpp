// `migration-name`: findings are made by the folder reader (analyzer/migrations); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_migration_name() {
  return declared_rule({"migration-name", Severity::Warning, "a migration name deviates from the folder's naming scheme", "folder"});
}

}  // namespace miglint
