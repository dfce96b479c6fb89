// miglint.toml: discovery, validation and the typed settings every part reads.
#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/config/pattern.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/source/file_io.h"

namespace miglint {

struct ProtectEntry {
  std::string kind;  // table, column, index, constraint, type, function, schema
  std::string name;  // as written: [schema.]name, table.column, table.constraint
  std::string reason;
  std::string origin;  // "miglint.toml:12" for messages
};

struct Config {
  std::filesystem::path file;  // empty when no miglint.toml was found
  int pg_version = 15;
  // Set when the config says so; otherwise each layout's runner default applies.
  std::optional<bool> assume_in_transaction;
  std::optional<std::string> migrations_dir;
  // "auto" or a layout's name: the migrations layer checks the name
  // (check_layout_setting), where the layouts are listed.
  std::string layout = "auto";
  std::string layout_origin;                          // "miglint.toml:3" when the file set it
  std::size_t max_file_bytes = kDefaultMaxFileBytes;  // max_file_size_mb: the largest file read
  std::optional<Pattern> name_pattern;                // compiled: RE2, linear time
  PathFilter exclude;                                 // exclude: files and folders left out
  // Rule ids and groups: "default" (every rule not opt-in), "all" (every rule).
  std::vector<std::string> select{"default"};
  std::vector<std::string> ignore;
  std::map<std::string, Severity> severity;
  std::string doc_url;  // rules.doc_url: where rule pages are, `{id}` for the id (empty: the default)
  std::vector<ProtectEntry> protect;
  // Every rule id the file mentions, with "file:line", so unknown ids can be
  // reported where they are written.
  struct IdOrigin {
    std::string id;
    std::string origin;
  };
  std::vector<IdOrigin> rule_id_origins;
};

// A config problem: message already carries "file:line: ".
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A miglint.toml larger than this is refused unread.
inline constexpr std::size_t kMaxConfigBytes = std::size_t{1} << 20;

// Nearest miglint.toml in start or its parents, if any.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);
// Parses and validates; throws ConfigError. known_rule decides rule ids.
Config load_config(const std::filesystem::path& file);
Config parse_config(std::string_view text, const std::string& origin);
// Every key parse_config takes, dotted by table ("migrations.dir",
// "protect.column"): what docs/CONFIG.md documents.
std::vector<std::string> config_keys();

}  // namespace miglint
