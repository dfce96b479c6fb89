// `missing-up`: a down migration without its up.
#include "analyzer/engine/registry.h"
#include "analyzer/migrations/section_span.h"
#include "rules/folder/folder_checks.h"
#include "rules/support/folder_support.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"missing-up", Severity::Error, "a down migration without its up", "folder"};

}  // namespace

std::vector<Diagnostic> check_missing_up(const MigrationFolder& folder) {
  std::vector<Diagnostic> out;
  for (const Migration& m : folder.migrations) {
    if (m.up || !m.down) continue;
    out.push_back(finding(kMeta, section_span(*m.down), migration_label(m) + " has a down but no up",
                          "the runner never applies a down without its up; add the up or remove the down"));
  }
  return out;
}

std::unique_ptr<Rule> make_missing_up() {
  return std::make_unique<FolderCheckRule>(kMeta, [](const MigrationFolder& folder, const Config&) {
    return check_missing_up(folder);
  });
}

}  // namespace miglint
