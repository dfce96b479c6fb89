// miglint.sum: its format, the migrations' checksums, and writing it. The
// folder rules themselves are rules/folder/<id>.cpp.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/migrations/migration.h"

namespace miglint {

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

}  // namespace miglint
