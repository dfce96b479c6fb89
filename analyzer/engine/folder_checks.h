// The folder rules' checks, run through the registry: each rule owns its
// check (rules/folder/<id>.cpp); the engine only gathers their findings.
#pragma once
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/migrations/git.h"
#include "analyzer/migrations/migration.h"

namespace miglint {

// The folder reader's findings and every rule's check_migrations (unsorted;
// the engine sorts with diagnostic_less).
std::vector<Diagnostic> check_folder(const MigrationFolder& folder, const Config& config);

// Every rule's check_changes: the findings about what changed since the ref.
std::vector<Diagnostic> check_changes_since(const MigrationFolder& folder, const GitChanges& changes);

}  // namespace miglint
