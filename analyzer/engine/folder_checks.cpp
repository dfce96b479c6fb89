#include "analyzer/engine/folder_checks.h"

#include "analyzer/engine/registry.h"

namespace miglint {

std::vector<Diagnostic> check_folder(const MigrationFolder& folder, const Config& config) {
  std::vector<Diagnostic> out = folder.diagnostics;
  for (const auto& rule : all_rules()) rule->check_migrations(folder, config, out);
  return out;
}

std::vector<Diagnostic> check_changes_since(const MigrationFolder& folder, const GitChanges& changes) {
  std::vector<Diagnostic> out;
  for (const auto& rule : all_rules()) rule->check_changes(folder, changes, out);
  return out;
}

}  // namespace miglint
