// Folder-level rules: each reads a loaded MigrationFolder and returns its
// findings (unsorted; the engine sorts with diagnostic_less). Spans point at
// whole files (line 1) or, for goose/dbmate sections, at the section start.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
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

// empty-migration (warning): an up or down part with no statements. The engine
// owns parsing, so it answers has_statements(migration, up?) for present parts.
using HasStatements = std::function<bool(const Migration&, bool up)>;
std::vector<Diagnostic> check_empty_migration(const MigrationFolder& folder, const HasStatements& has_statements);

// version-order (error): a migration added since the ref whose version is not
// newer than every migration that existed at the ref (it would be skipped or
// applied out of order where the older ones already ran).
std::vector<Diagnostic> check_version_order(const MigrationFolder& folder, const GitChanges& changes);

// The folder rules that need nothing but the folder and the config:
// loader diagnostics + missing-down + missing-up + version-collision +
// migration-name + modified-migration (when miglint.sum exists).
std::vector<Diagnostic> check_folder(const MigrationFolder& folder, const Config& cfg);

// ---- miglint.sum -------------------------------------------------------------
//
// Format (LF line ends; CRLF is read as LF):
//   # comment lines
//   <64 hex sha256 of the migration>  <id>
//   ...
//   total <64 hex sha256 of every byte above this line>
// <id> is the migration's file (or diesel folder) relative to the folder, '/'
// separated, and runs to the end of the line (it may contain spaces). A
// migration's hash covers its up and down bytes, each marked present or absent,
// with CRLF normalised to LF.

inline constexpr const char* kSumFileName = "miglint.sum";

// The identifier of a migration in miglint.sum.
std::string sum_id(const MigrationFolder& folder, const Migration& m);
// Content hash of one migration; nullopt when a part cannot be read.
std::optional<std::string> migration_hash(const Migration& m);
// The full text of miglint.sum for the folder; throws std::runtime_error when
// a migration cannot be read.
std::string render_sum_file(const MigrationFolder& folder);
// Writes <dir>/miglint.sum (atomically); returns its path; throws std::runtime_error.
std::filesystem::path write_sum_file(const MigrationFolder& folder);
// modified-migration (error): a recorded migration whose content changed, one
// recorded but now missing, or a miglint.sum that was edited by hand. Silent
// when there is no miglint.sum; new migrations are not findings.
std::vector<Diagnostic> check_sum_file(const MigrationFolder& folder);

}  // namespace miglint
