// The analysis pipeline behind `check`, `audit` and the language server:
// discover folders, read and parse files in parallel, run statement rules in
// parallel, replay each folder in order, apply selection and suppressions.
#pragma once
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/diag/findings.h"
#include "analyzer/effects/summary_store.h"
#include "analyzer/engine/context.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/source/text_archive.h"

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

struct AnalysisCache;

// The folder rules' walks over one folder's replay (one per rule that has
// one), and what they have reported so far.
struct FolderWalks {
  std::vector<std::pair<const Rule*, std::unique_ptr<FolderWalk>>> walks;
  std::vector<Diagnostic> findings;
  FolderWalks() = default;
  FolderWalks(FolderWalks&&) = default;
  FolderWalks& operator=(FolderWalks&&) = default;
  FolderWalks(const FolderWalks& o);
};

namespace catalog {
struct ReplayResult;
}

// Work done so far, for a progress display: each file parsed and checked
// and each migration replayed counts one.
struct AnalysisProgress {
  std::atomic<size_t> done{0};
  std::atomic<size_t> total{0};  // 0 until the folders are read
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
  // Kept by a long-lived caller (the language server) between analyses.
  AnalysisCache* cache = nullptr;
  // Free each file's syntax trees as soon as its rules and its migration's
  // replay have run (large folders then fit in far less memory). Only for
  // callers that do not read the trees afterwards; ignored with a cache.
  bool release_syntax = false;
  AnalysisProgress* progress = nullptr;  // counted when given
  // Keep every statement's effects in FolderAnalysis::replay (the JSON
  // report and the audit list them). Without, each migration's effects are
  // dropped once the folder rules have walked them.
  bool keep_effects = true;
  // Without keep_effects: summarise each migration's effects before they
  // are dropped (FolderAnalysis::summaries, for the audit's table).
  bool effect_summaries = false;
  // Gather findings compressed as they are made and finish them file by
  // file at the end (AnalysisResult::diagnostics is then compressed too):
  // a large folder's findings are most of what its analysis holds. For
  // callers that read them once, in order; ignored with a cache.
  bool compact_findings = false;
  // Called once the folders are read, with the number of files to analyse
  // (the command line tunes its allocator for a large analysis).
  std::function<void(size_t files)> on_loaded = nullptr;
};

namespace catalog {
struct ReplayResult;
}

struct FolderAnalysis {
  MigrationFolder folder;
  std::shared_ptr<const catalog::ReplayResult> replay;  // the schema model after replay, effects per statement
  std::vector<std::shared_ptr<const ParsedFile>> files;  // parsed, by path
  std::vector<Unit> units;
  // With effect_summaries: what each version's up does to the schema (as
  // effects::migration_effects would summarise it from kept effects).
  effects::SummaryStore summaries;
  // Files holding a statement the schema model does not follow (whether or
  // not unmodeled-statement is reported).
  std::set<std::string> unmodeled;
};

struct AnalysisResult {
  Findings diagnostics;  // in report order
  // Texts of the files whose parse was freed during the analysis (compact
  // findings without kept effects; the folders' `files` no longer hold them).
  TextArchive texts;
  size_t files = 0;
  size_t migrations = 0;
  std::vector<FolderAnalysis> folders;
};

// What the language server keeps between analyses so that re-checking the
// file being edited costs that file, not its whole folder: folder listings
// (while the directory is unchanged), parsed files (while their bytes are),
// and the schema model just before the migration being edited (while every
// migration before it is unchanged). Reset it when the configuration changes.
struct AnalysisCache {
  struct File {
    std::string bytes;
    std::int64_t mtime_ns = 0;
    std::uintmax_t size = 0;
    std::shared_ptr<const ParsedFile> parsed;
  };
  struct Folder {
    std::int64_t dir_mtime_ns = 0;
    MigrationFolder folder;
    // Replay state before migration `replay_at`, valid for this input prefix.
    size_t replay_at = 0;
    std::vector<std::string> replay_prefix;
    std::shared_ptr<const catalog::ReplayResult> replay_before;
    std::vector<std::shared_ptr<const ParsedFile>> replay_files;  // what replay_before points into
    // The folder rules' walks before migration `replay_at` and what they had
    // reported by then, valid with replay_before.
    std::optional<FolderWalks> walks_before;
    // check_folder's findings for `folder`, valid while the files it read
    // (miglint.sum, and the migrations when it exists) have these sizes and times.
    bool checks_valid = false;
    std::vector<std::pair<std::int64_t, std::uintmax_t>> check_inputs;
    std::vector<Diagnostic> checks;
  };
  std::unordered_map<std::string, File> files;      // by path
  std::unordered_map<std::string, Folder> folders;  // by directory
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
