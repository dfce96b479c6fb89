// A migrations folder as the runner sees it: ordered migrations, each with
// its up and down part (whole files, or sections of one file).
//
// Entry point: load_migration_folder(dir, cfg). It throws only ConfigError,
// for a migrations.layout that no layout has; problems found on disk become
// Diagnostics in MigrationFolder::diagnostics:
//   migration-layout (warning)  mixed, unrecognisable or empty folder, files
//                               that do not fit the layout
//   unreadable-file  (error)    a file or entry that cannot be read or stat'ed
//                               (permissions, dangling symlink, symlink loop)
//   migration-name   (warning)  an up and down paired by version whose names differ
// Folder rules (missing-down, version-collision, ...) are rules/folder/<id>.cpp.
//
// Transaction mode (Migration::in_transaction), in order of precedence:
//   1. what the migration itself says: goose `-- +goose NO TRANSACTION`,
//      dbmate `transaction:false` on the `-- migrate:up` line, diesel
//      `metadata.toml` with `run_in_transaction = false`, popx `.autocommit.`
//      infix, Flyway `<script>.sql.conf` with `executeInTransaction=false`;
//   2. the config's `assume_in_transaction`, when set;
//   3. the runner's default for the layout (LayoutKind in layout.h; each
//      layout's file under layouts/ says what its runner does).
#pragma once
#include <compare>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/source/symbol.h"

namespace miglint {

class DirListings;

// A layout plug-in (layout.h); every one is listed in layouts/all_layouts.cpp.
class LayoutKind;
// The layout configured as `name` (migrations.layout); nullptr for "auto" or
// a name no layout has.
const LayoutKind* find_layout(std::string_view name);
// The layout of a folder that holds no migration (plain .sql files).
const LayoutKind& default_layout();
// Throws ConfigError, where the config wrote it, when migrations.layout names
// no layout.
void check_layout_setting(const Config& cfg);

// Numeric ordering key of a version. Compare keys with <=>; `parts` is an
// encoding, not the numbers themselves: every numeric component becomes its
// digit count (leading zeros dropped) followed by its digits in chunks of 18,
// so versions of any length (popx's 20 digits overflow uint64) compare
// numerically. Components: "20240101120000" and "2024-01-01-120000" → one
// (the same one); "2025-11-19-091444-0000" → two; "1.2.10" and "1_2_10" → three.
struct VersionKey {
  std::vector<uint64_t> parts;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 flags the 0 of a defaulted <=>
  auto operator<=>(const VersionKey&) const = default;
  bool empty() const { return parts.empty(); }
};

// Parses a version as written ("0001", "V0001", "20240101120000",
// "2024-01-01-120000-0000", "1.2.10", "1_2"); nullopt when it is not one.
std::optional<VersionKey> parse_version(std::string_view text);

// One half of a migration: a whole file, or a byte range of one (goose, dbmate).
// Paths are Symbols: the findings' spans name the same files, so each path's
// text is held once (a std::filesystem::path would also hold a list of its
// components, and a string a copy per holder; large folders hold many).
struct Section {
  Symbol file;  // as found on disk (the folder path the caller gave / relative path)
  size_t begin = 0;
  size_t end = SIZE_MAX;  // SIZE_MAX: to the end of the file
  bool whole_file() const { return begin == 0 && end == SIZE_MAX; }
};

struct Migration {
  std::string version;  // as written in the name ("V0001" → "0001"); empty for repeatables
  VersionKey key;
  std::string name;  // the descriptive part
  std::optional<Section> up;
  std::optional<Section> down;
  bool in_transaction = true;  // does the runner wrap it in a transaction?
  bool repeatable = false;     // Flyway R__ script: no version, applied after all versioned ones

  // The file that represents the migration in messages: up, else down.
  const Symbol& primary_file() const { return up ? up->file : down->file; }
};

// The primary file's name (its folder's, for diesel folders) without the
// layout's suffixes: what name_pattern matches. A view into the file's
// pooled path, derived when asked: few checks ask, and a large folder's
// migrations would each hold a copy.
std::string_view migration_stem(const Migration& m, const LayoutKind& layout);

struct MigrationFolder {
  std::filesystem::path dir;
  const LayoutKind* layout = &default_layout();  // never null
  std::vector<Migration> migrations;             // in apply order
  // Every readable .sql file of its PostgreSQL migrations, sorted; each
  // Section::file is spelled exactly as here.
  std::vector<Symbol> sql_files;
  // Already reported as unreadable-file (and left out of sql_files).
  std::vector<Symbol> unreadable;
  std::vector<Diagnostic> diagnostics;  // folder-level findings made while reading it
};

// Reads dir (non-recursively, except into diesel migration folders and
// Flyway's nested locations), detects or applies cfg.layout, pairs up and
// down halves, orders by VersionKey and decides transaction mode. Deterministic
// for the same folder contents.
// `listings`, when given, supplies directory listings already made (and
// keeps the ones made here) within one analysis.
MigrationFolder load_migration_folder(const std::filesystem::path& dir, const Config& cfg,
                                      DirListings* listings = nullptr);

// The version of the migration a path (relative to the folder) belongs to,
// as written and as key; nullopt when the path is no migration of the layout.
// Used for files that may no longer exist (e.g. at a git ref).
std::optional<std::pair<std::string, VersionKey>> version_from_relative_path(const std::filesystem::path& rel,
                                                                             const LayoutKind& layout);

// The bytes of one section (a whole file or its byte range); nullopt when unreadable.
std::optional<std::string> read_section(const Section& s);

}  // namespace miglint
