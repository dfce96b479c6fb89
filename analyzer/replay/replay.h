// Replays a migrations folder into the schema model and checks that every
// down migration restores the schema its up migration started from.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/catalog/catalog.h"
#include "analyzer/catalog/diff.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/effects/apply.h"

namespace miglint::catalog {

// One half of a migration: its statements in order, and where to anchor a
// finding about the half as a whole (the down file, or the down section).
struct ReplayPart {
  std::vector<std::pair<const ParsedFile*, const Statement*>> statements;
  const ParsedFile* file = nullptr;
  size_t begin = 0;  // byte range of the section in `file`
  size_t end = 0;
  // The statements of `file` that did not parse, in order: the model cannot
  // apply them, so what they name becomes unsure where they stand.
  std::vector<ByteRange> unparsed;
};

// A part with every statement of `file`, parsed or not.
ReplayPart whole_file_part(const ParsedFile& file);

struct ReplayMigration {
  std::string version;
  std::optional<ReplayPart> up;
  std::optional<ReplayPart> down;  // absent: no round-trip check
};

// A point of the replay where the schema can be compared with a real server's.
struct ReplayStep {
  size_t migration = 0;  // index into the replayed migrations
  bool down = false;     // after the down (before it is rolled back), else after the up
  bool failed = false;   // the model says PostgreSQL would reject the down
};

struct ReplayResult;

struct ReplayOptions {
  bool check_down = true;
  int pg_version = 15;                                                       // the target server (Catalog::pg_version)
  std::optional<std::string> stop_after;                                     // stop after applying this version's up
  std::function<void(const ReplayStep&, const Catalog&)> on_step = nullptr;  // called after every up and every down
  // Called after each statement of an up is applied (a caller can free what
  // only the replay still reads).
  std::function<void(const ParsedFile&, const Statement&)> on_applied = nullptr;
  // Incremental replays (the language server re-checks one migration of a
  // large folder): start from `resume`, the state after the first
  // `resume_at` migrations of this same input, instead of an empty schema;
  // and/or store in `snapshot` the state before migration `snapshot_at`.
  const ReplayResult* resume = nullptr;
  size_t resume_at = 0;
  // A copy of *resume made ahead (on an otherwise idle thread): taken over
  // instead of copying *resume.
  ReplayResult* resume_copy = nullptr;
  std::optional<size_t> snapshot_at;
  ReplayResult* snapshot = nullptr;
};

struct StatementEffects {
  std::string version;
  bool down = false;
  const ParsedFile* file = nullptr;
  const Statement* statement = nullptr;
  std::vector<effects::Effect> effects;
};

struct ReplayResult {
  std::vector<Diagnostic> diagnostics;    // down-not-inverse, unknown-object, duplicate-object, ...
  std::vector<std::string> not_inverse;   // versions whose down does not restore the schema
  std::vector<std::string> down_failed;   // versions whose down PostgreSQL would reject
  std::vector<StatementEffects> effects;  // every statement's effects, up and down
  Catalog catalog;                        // the schema after the last applied up
};

ReplayResult replay(const std::vector<ReplayMigration>& migrations, const ReplayOptions& options = {});

// The same replay, one migration at a time, for callers that have the
// migrations in order but not all at once (the analysis replays a folder
// while its later files are still being parsed).
class Replayer {
 public:
  // With options.resume, the first step() is migration options.resume_at.
  explicit Replayer(const ReplayOptions& options = {});
  // Applies the next migration; false once options.stop_after was reached
  // (this and later migrations are not applied).
  bool step(const ReplayMigration& m);
  // Every statement's effects so far, in order: each step appends its
  // migration's (up, then down).
  const std::vector<StatementEffects>& effects() const { return r_.effects; }
  // Forgets the effects recorded so far, for a caller that has read them.
  void drop_effects() { r_.effects.clear(); }
  // The findings made so far, for a caller that gathers them as it goes.
  std::vector<Diagnostic> take_diagnostics() { return std::exchange(r_.diagnostics, {}); }
  const std::vector<Diagnostic>& diagnostics() const { return r_.diagnostics; }
  ReplayResult finish();

 private:
  ReplayOptions options_;
  ReplayResult r_;
  size_t index_ = 0;
  bool stopped_ = false;
};

// The schema as readable SQL (CREATE statements) and as stable, sorted JSON.
std::string render_sql(const Catalog& c);
std::string render_json(const Catalog& c);

}  // namespace miglint::catalog
