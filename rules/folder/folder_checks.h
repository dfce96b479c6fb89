// Each folder rule's check as a function of the folder (rules/folder/<id>.cpp),
// for the tests that run one rule on a folder read from disk. The engine runs
// them through the rules' check_migrations / check_changes hooks.
#pragma once
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/migrations/git.h"
#include "analyzer/migrations/migration.h"

namespace miglint {

// missing-down (warning): an up without its down. Silent for plain folders and
// for Flyway folders that use no undo (U) scripts at all; never for repeatables.
std::vector<Diagnostic> check_missing_down(const MigrationFolder& folder);

// missing-up (error): a down without its up.
std::vector<Diagnostic> check_missing_up(const MigrationFolder& folder);

// version-collision (error): two or more migrations share a version. Every
// one of them is reported, each with notes pointing at the others.
std::vector<Diagnostic> check_version_collision(const MigrationFolder& folder);

// migration-name (warning): with cfg.name_pattern, every stem it does not
// match (ECMAScript regex, searched); otherwise names that deviate from the
// folder's dominant scheme — version shape (a 12-digit timestamp among
// 14-digit ones, a zero-padded number among plain ones) or word style
// (CamelCase, kebab-case, spaces among snake_case). A scheme is dominant when
// it covers at least two thirds of at least three migrations, and only rare
// deviations (at most one in ten) are reported, so folders that changed
// convention once stay quiet.
std::vector<Diagnostic> check_migration_name(const MigrationFolder& folder, const Config& cfg);

// modified-migration (error): a recorded migration whose content changed, one
// recorded but now missing, or a miglint.sum that was edited by hand. Silent
// when there is no miglint.sum; new migrations are not findings.
std::vector<Diagnostic> check_sum_file(const MigrationFolder& folder);

// version-order (error): a migration added since the ref whose version is not
// newer than every migration that existed at the ref (it would be skipped or
// applied out of order where the older ones already ran).
std::vector<Diagnostic> check_version_order(const MigrationFolder& folder, const GitChanges& changes);

}  // namespace miglint
