// The analysis pipeline behind `check`, `audit` and the language server:
// discover folders, read and parse files in parallel, run statement rules in
// parallel, replay each folder in order, apply selection and suppressions.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/context.h"
#include "analyzer/migrations/migration.h"

namespace miglint {

// Which rules run: config select/ignore, then command-line overrides.
class RuleSelection {
 public:
  // Throws ConfigError naming the unknown id and where it was written.
  RuleSelection(const Config& config, const std::vector<std::string>& cli_select,
                const std::vector<std::string>& cli_ignore);
  bool enabled(std::string_view id) const { return enabled_.contains(std::string(id)); }
  Severity severity(std::string_view id, Severity fallback) const;

 private:
  std::set<std::string> enabled_;
  std::map<std::string, Severity, std::less<>> severity_;
};

struct AnalysisOptions {
  std::vector<std::filesystem::path> paths;
  Config config;
  std::vector<std::string> select;  // command line: replaces the config's select when not empty
  std::vector<std::string> ignore;  // command line: added to the config's ignore
  unsigned jobs = 0;                // 0: one per core
  std::optional<std::string> since;  // git ref: report only migrations added or changed since
  // Unsaved text that replaces a file's content on disk (stdin, editor buffers).
  std::map<std::filesystem::path, std::string> overlays;
};

namespace catalog {
struct ReplayResult;
}

struct FolderAnalysis {
  MigrationFolder folder;
  std::shared_ptr<const catalog::ReplayResult> replay;  // the schema model after replay, effects per statement
  std::vector<std::shared_ptr<const ParsedFile>> files;  // parsed, by path
  std::vector<Unit> units;
};

struct AnalysisResult {
  std::vector<Diagnostic> diagnostics;  // sorted
  size_t files = 0;
  size_t migrations = 0;
  std::vector<FolderAnalysis> folders;
};

AnalysisResult analyze(const AnalysisOptions& options);

// One file on its own, as one unit with the given role: parser findings,
// statement and unit rules, suppressions, selection. (Rule fixtures use it.)
// For a down, up_file is its migration's up (context only: not reported on).
std::vector<Diagnostic> analyze_unit_alone(const ParsedFile& file, Role role, bool in_transaction,
                                           const Config& config, const RuleSelection& selection,
                                           const ParsedFile* up_file = nullptr);

namespace catalog {
struct ReplayMigration;
}
// The folder's migrations as the schema replay takes them.
std::vector<catalog::ReplayMigration> replay_input(const FolderAnalysis& fa);

// Selection, suppressions and severities for one file's findings.
void finish_file(const ParsedFile* file, const RuleSelection& selection, std::vector<Diagnostic>& diags);

// Runs fn(i) for i in [0, n) on `jobs` threads with large stacks (deeply
// nested input recurses inside the parser); deterministic results are the
// caller's job (write to slot i).
void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t)>& fn);

}  // namespace miglint
