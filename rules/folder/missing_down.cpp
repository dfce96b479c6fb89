// `missing-down`: an up migration without its down.
#include <algorithm>
#include <filesystem>

#include "analyzer/engine/registry.h"
#include "analyzer/migrations/layout.h"
#include "analyzer/migrations/section_span.h"
#include "rules/folder/folder_checks.h"
#include "rules/support/folder_support.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"missing-down", Severity::Warning, "an up migration without its down", "folder"};

}  // namespace

std::vector<Diagnostic> check_missing_down(const MigrationFolder& folder) {
  std::vector<Diagnostic> out;
  const LayoutKind& kind = *folder.layout;
  if (kind.downs() == LayoutKind::Downs::None) return out;
  // Undo scripts may be optional (Flyway): then only a folder that uses them expects them.
  if (kind.downs() == LayoutKind::Downs::WhenUsed &&
      std::none_of(folder.migrations.begin(), folder.migrations.end(),
                   [](const Migration& m) { return m.down.has_value(); }))
    return out;
  for (const Migration& m : folder.migrations) {
    if (!m.up || m.down || m.repeatable) continue;
    out.push_back(finding(kMeta, section_span(*m.up), migration_label(m) + " has an up but no down",
                          kind.missing_down_help(m) + ", or mark it irreversible with an empty down"));
  }
  return out;
}

std::unique_ptr<Rule> make_missing_down() {
  return std::make_unique<FolderCheckRule>(kMeta, [](const MigrationFolder& folder, const Config&) {
    return check_missing_down(folder);
  });
}

}  // namespace miglint
