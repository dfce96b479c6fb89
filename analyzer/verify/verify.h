// `miglint verify`: every migration of a folder run on a real PostgreSQL.
// Per migration, in order: the up applies (each statement's locks observed
// from pg_locks inside the migration's transaction); on a copy of the
// database, the down applies, the schema after it equals the schema before
// the up, and the up applies again. The ups run once on the main database,
// as a runner leaves it. The verdicts are compared with the static ones.
#pragma once
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/analysis.h"
#include "analyzer/engine/locks.h"
#include "analyzer/verify/server.h"

namespace miglint::verify {

enum class Verdict { Identical, Differs, UpFailed, DownFailed, NoDown, NotRun };
std::string_view verdict_name(Verdict v);  // truth.tsv's words; "not_run"
// The model's lock mode for a pg_locks mode name ("AccessExclusiveLock"),
// nullopt for any other name: one order of strength for both.
std::optional<LockMode> lock_mode_of(std::string_view pg_mode);
std::string pg_lock_name(LockMode m);

struct ObservedLock {
  std::string relation;  // schema-qualified
  std::string mode;      // pg_locks' name: AccessExclusiveLock, ...
  bool existed_before = false;
};

struct StatementRun {
  Span span;  // the statement in its file
  double ms = 0;
  std::vector<ObservedLock> locks;  // taken by this statement (new since the one before)
  // Every table lock held once it ran (taken by it or earlier in the
  // transaction), the strongest per relation.
  std::map<std::string, LockMode> held;
  bool locks_observed = false;  // run inside a transaction, so its locks were still held after it
  // What the model says it locks (table as written, mode; no name: the
  // table of an index the statement names), when it parsed.
  bool static_known = false;
  std::vector<std::pair<std::string, LockMode>> static_locks;
};

struct MigrationRun {
  std::string id;  // the migration's stem (truth.tsv's migration_id)
  std::string version;
  Symbol up, down;
  Verdict real = Verdict::NotRun;
  Verdict expected = Verdict::NotRun;  // what the static analysis says
  std::string error;                   // the failing file's first error, for up_failed / down_failed
  std::string diff;                    // unified diff before → after the down, for differs
  bool reup_ok = true;
  bool up_outside_transaction = false;  // PostgreSQL refused the file in a transaction: re-run without
  double up_ms = 0, down_ms = 0;
  std::vector<StatementRun> statements;  // of the up
};

struct Disagreement {
  std::string id;
  Span span;
  std::string what;  // e.g. "static: identical, real: differs"
};

struct VerifyOptions {
  ServerOptions server;
  std::string from, to;  // versions; empty: the whole folder
  std::chrono::milliseconds statement_timeout{60'000};
  unsigned jobs = 1;
  std::function<void(size_t done, size_t total, const std::string& id)> progress;
};

struct VerifyReport {
  std::string server;   // where it ran
  std::string version;  // the server's version
  std::vector<MigrationRun> migrations;
  std::vector<Diagnostic> findings;
  std::vector<Disagreement> disagreements;
  std::string fatal;  // why the run stopped early (server lost, interrupted), or empty
  double seconds = 0;
};

// Runs the folder the static analysis read (`static_result` holds its
// findings, for the comparison). Throws only when the server cannot be had
// at all; a server lost mid-run ends the report with `fatal`.
VerifyReport verify_folder(const FolderAnalysis& fa, const AnalysisResult& static_result, const Config& config,
                           const VerifyOptions& options);

}  // namespace miglint::verify
