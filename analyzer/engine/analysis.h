// What an analysis takes and gives: its options, the language server's
// cache kept between analyses, and the result (findings, folders, models).
#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/diag/findings.h"
#include "analyzer/engine/context.h"
#include "analyzer/engine/folder_replay.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/replay/summary_store.h"
#include "analyzer/source/text_archive.h"

namespace miglint {

struct AnalysisCache;

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
  std::vector<std::string> select;   // command line: replaces the config's select when not empty
  std::vector<std::string> ignore;   // command line: added to the config's ignore
  unsigned jobs = 0;                 // 0: one per core
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
  // Keep each folder's final schema in FolderAnalysis::replay (`miglint
  // schema` prints it). Without, it is dropped once the replay is done: the
  // model of a large folder is much of what its analysis holds.
  bool keep_schema = true;
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
  // Called as one file's analysis enters a stage ("parse", "rules",
  // "replay"), with the file's path. Whatever it throws is that file's
  // failure, as anything the stage itself throws (std::bad_alloc above all):
  // tests use it to show that the failure becomes a finding on that file and
  // the rest of the analysis goes on.
  std::function<void(std::string_view stage, const std::string& path)> on_stage = nullptr;
};

struct FolderAnalysis {
  MigrationFolder folder;
  std::shared_ptr<const catalog::ReplayResult> replay;   // the schema model after replay, effects per statement
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

}  // namespace miglint
