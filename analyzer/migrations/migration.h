// A migrations folder as the runner sees it: ordered migrations, each with
// its up and down part (whole files, or sections of one file).
#pragma once
#include <compare>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"

namespace miglint {

enum class Layout { Updown, Folder, Goose, Dbmate, Flyway, Plain };
std::string_view layout_name(Layout l);
std::optional<Layout> parse_layout(std::string_view s);

// Numeric ordering key of a version: "20240101120000" → {20240101120000},
// "2024-01-01-120000" → {20240101120000}, "1.2.10" → {1, 2, 10}.
struct VersionKey {
  std::vector<uint64_t> parts;
  auto operator<=>(const VersionKey&) const = default;
};

// One half of a migration: a whole file, or a byte range of one (goose, dbmate).
struct Section {
  std::filesystem::path file;  // as found on disk
  size_t begin = 0;
  size_t end = SIZE_MAX;       // SIZE_MAX: to the end of the file
};

struct Migration {
  std::string version;  // as written in the name
  VersionKey key;
  std::string name;     // the descriptive part
  std::optional<Section> up;
  std::optional<Section> down;
  bool in_transaction = true;  // does the runner wrap it in a transaction?
};

struct MigrationFolder {
  std::filesystem::path dir;
  Layout layout = Layout::Plain;
  std::vector<Migration> migrations;            // in apply order
  std::vector<std::filesystem::path> sql_files;  // every .sql file found, sorted
  std::vector<Diagnostic> diagnostics;          // folder-level findings made while reading it
};

}  // namespace miglint
