#include "analyzer/engine/runner.h"

#include <pthread.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "analyzer/catalog/expr_prefetch.h"
#include "analyzer/catalog/replay.h"
#include "analyzer/diag/suppress.h"
#include "analyzer/effects/summary.h"
#include "analyzer/migrations/dir_listing.h"
#include "analyzer/migrations/folder_rules.h"
#include "analyzer/migrations/git.h"
#include "analyzer/migrations/reader_findings.h"
#include "analyzer/migrations/sections.h"
#include "analyzer/engine/folder_checks.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/walk.h"

namespace miglint {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- selection

RuleSelection::RuleSelection(const Config& config, const std::vector<std::string>& cli_select,
                             const std::vector<std::string>& cli_ignore) {
  const auto check = [](const std::string& id, const std::string& origin) {
    if (id != "all" && !find_rule(id))
      throw ConfigError(fmt::format("{}unknown rule `{}` (`miglint rules` lists every rule id)",
                                    origin.empty() ? "" : origin + ": ", id));
  };
  for (const auto& o : config.rule_id_origins) check(o.id, o.origin);
  for (const auto& id : cli_select) check(id, "--select");
  for (const auto& id : cli_ignore) check(id, "--ignore");
  const auto& select = cli_select.empty() ? config.select : cli_select;
  for (const auto& id : select) {
    if (id == "all") {
      for (const auto& r : all_rules())
        if (!r->meta().opt_in) enabled_.insert(std::string(r->id()));
    } else {
      enabled_.insert(id);
    }
  }
  for (const auto& id : config.ignore) enabled_.erase(id);
  for (const auto& id : cli_ignore) enabled_.erase(id);
  for (const auto& [id, sev] : config.severity) severity_[id] = sev;
}

Severity RuleSelection::severity(std::string_view id, Severity fallback) const {
  const auto it = severity_.find(id);
  return it == severity_.end() ? fallback : it->second;
}

// ---------------------------------------------------------------- threads

namespace {
struct Job {
  const std::function<void(size_t)>* fn;
  std::atomic<size_t>* next;
  size_t n;
};

void* run_job(void* arg) {
  auto* job = static_cast<Job*>(arg);
  for (size_t i; (i = job->next->fetch_add(1)) < job->n;) (*job->fn)(i);
  return nullptr;
}
}  // namespace

void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t)>& fn) {
  if (n == 0) return;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, n));
  std::atomic<size_t> next{0};
  Job job{&fn, &next, n};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  // PostgreSQL's parser and protobuf decoding recurse per nesting level.
  pthread_attr_setstacksize(&attr, size_t{256} << 20);
  std::vector<pthread_t> threads;
  for (unsigned t = 0; t < jobs; ++t) {
    pthread_t th;
    if (pthread_create(&th, &attr, run_job, &job) == 0) threads.push_back(th);
  }
  pthread_attr_destroy(&attr);
  if (threads.empty()) run_job(&job);
  for (auto th : threads) pthread_join(th, nullptr);
}

namespace {

// ---------------------------------------------------------------- discovery

// Directories under root that hold migrations: a directory with .sql files,
// or the parent of `<version>_<name>/up.sql` directories. Symlinked
// directories are not followed.
std::vector<fs::path> find_migration_dirs(const fs::path& root, DirListings& listings,
                                          std::vector<Diagnostic>& problems) {
  std::set<fs::path> dirs;
  std::vector<fs::path> todo{root};
  while (!todo.empty()) {
    const fs::path dir = std::move(todo.back());
    todo.pop_back();
    const DirListing& listing = listings.get(dir);
    if (!listing.opened && dir == root) {
      problems.push_back(unreadable_file_finding(UnreadableWhat::Root, display_path(root), listing.error));
      return {};
    }
    for (const DirEntry& e : listing.entries) {
      if (e.kind == DirEntry::Kind::Dir && !e.symlink) todo.push_back(dir / e.name);
      if ((e.kind != DirEntry::Kind::File && !e.symlink) || e.name.size() <= 4 || !e.name.ends_with(".sql")) continue;
      if (e.name == "up.sql" || e.name == "down.sql") dirs.insert(dir.parent_path());
      else dirs.insert(dir);
    }
  }
  // A folder-layout parent already covers its version directories.
  const auto has_parts = [&](const fs::path& d) {
    const DirListing& l = listings.get(d);
    return l.has("up.sql") || l.has("down.sql");
  };
  std::vector<fs::path> out;
  for (const auto& d : dirs)
    if (!(d.has_parent_path() && d.parent_path() != d && dirs.contains(d.parent_path()) && has_parts(d)))
      out.push_back(d);
  return out;
}

struct ReadResult {
  std::string bytes;
  std::string error;
};

// `dirfd`/`rel`: the same file relative to its open folder, when there is one.
ReadResult read_file(const std::string& p, int dirfd = -1, const char* rel = nullptr) {
  ReadResult r;
  const bool ok = dirfd >= 0 ? read_file_bytes_at(dirfd, rel, r.bytes, &r.error) : read_file_bytes(p, r.bytes, &r.error);
  if (!ok && r.error == std::strerror(EISDIR)) r.error = "is a directory";
  return r;
}

std::map<fs::path, std::string>::const_iterator find_overlay(const std::map<fs::path, std::string>& overlays,
                                                            const fs::path& p) {
  if (const auto it = overlays.find(p); it != overlays.end()) return it;
  // Canonicalising costs a readlink per path component: only for a path
  // whose file name is one of the overlays'.
  bool named = false;
  for (const auto& [k, v] : overlays) named = named || k.filename() == p.filename();
  if (!named) return overlays.end();
  std::error_code ec;
  const auto key = fs::weakly_canonical(p, ec);
  return overlays.find(ec ? p : key);
}

bool stat_file(const fs::path& p, std::int64_t& mtime_ns, std::uintmax_t& size) {
  struct stat st;
  if (::stat(p.c_str(), &st) != 0) return false;
  mtime_ns = std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  size = static_cast<std::uintmax_t>(st.st_size);
  return true;
}

// The loader again, unless the folder is cached and its directory has not
// changed since. Only layouts read from file names alone (in one directory)
// are cached: goose and dbmate sections come from the files' text, folder
// and flyway layouts from subdirectories.
MigrationFolder load_folder(const fs::path& dir, const AnalysisOptions& options, DirListings& listings,
                            AnalysisCache::Folder** cached) {
  *cached = nullptr;
  if (!options.cache) return load_migration_folder(dir, options.config, &listings);
  std::int64_t mtime = 0;
  std::uintmax_t size = 0;
  if (!stat_file(dir, mtime, size)) return load_migration_folder(dir, options.config, &listings);
  auto& c = options.cache->folders[dir.native()];
  if (c.dir_mtime_ns == mtime && (c.folder.layout == Layout::Updown || c.folder.layout == Layout::Plain) &&
      !c.folder.dir.empty()) {
    *cached = &c;
    return c.folder;
  }
  c.folder = load_migration_folder(dir, options.config, &listings);
  c.dir_mtime_ns = mtime;
  c.replay_before.reset();
  c.walks_before.reset();
  c.checks_valid = false;
  return c.folder;
}

// What check_folder reads from disk besides the listing: miglint.sum and,
// when it exists (checksums) or a section starts inside a file (its line),
// the migrations' files. Size and modification time stand for the bytes.
std::vector<std::pair<std::int64_t, std::uintmax_t>> folder_check_inputs(const MigrationFolder& folder) {
  std::vector<std::pair<std::int64_t, std::uintmax_t>> out;
  std::int64_t mtime = -1;
  std::uintmax_t size = 0;
  const bool sum = stat_file(folder.dir / kSumFileName, mtime, size);
  out.emplace_back(mtime, size);
  for (const auto& m : folder.migrations)
    for (const auto* part : {&m.up, &m.down})
      if (*part && (sum || (*part)->begin != 0)) {
        mtime = -1;
        size = 0;
        stat_file((*part)->file.str(), mtime, size);
        out.emplace_back(mtime, size);
      }
  return out;
}

// check_folder, or its last result while the listing it read (a cached
// folder) and the files it read are unchanged.
std::vector<Diagnostic> folder_checks(const MigrationFolder& folder, const Config& config,
                                      AnalysisCache::Folder* cached) {
  if (!cached) return check_folder(folder, config);
  auto inputs = folder_check_inputs(folder);
  if (cached->checks_valid && cached->check_inputs == inputs) return cached->checks;
  cached->checks = check_folder(folder, config);
  cached->check_inputs = std::move(inputs);
  cached->checks_valid = true;
  return cached->checks;
}

// A file of the analysis, read and parsed once by whichever thread needs it
// first.
// (One per file of the analysis, hundreds of thousands in a large one:
// fields ordered to pack, the rare error out of line.)
struct FileSlot {
  const std::string* path = nullptr;  // the text of one of its folder's sql_files
  std::shared_ptr<const ParsedFile> parsed;
  std::unique_ptr<std::string> error;  // why it could not be read
  uint32_t rel_at = 0;  // where the path relative to its folder starts
  int dirfd = -1;       // its folder, open, when path lies under it
  std::once_flag once;
  // With release_syntax: the rule runs and replays still to read the trees.
  std::atomic<int> readers{0};
  bool dropped = false;  // parse freed once read (compact analyses); text archived
  bool spooled = false;  // its parse findings are in the spool
};

void fill_unit_facts(Unit& u) {
  for (const Statement* s : u.statements) {
    const auto& n = *s->node;
    std::string name;
    if (n.has_create_stmt()) name = n.create_stmt().relation().relname();
    else if (n.has_create_table_as_stmt()) name = n.create_table_as_stmt().into().rel().relname();
    if (!name.empty()) u.created_relations.emplace(name, s->ordinal);
  }
}

// The units of a folder before its files are parsed: each migration's up
// and down sections, then every other .sql file as a plain unit. A unit whose
// file cannot be read keeps a null file and is dropped at the end.
struct UnitPlan {
  // One allocation each: a large analysis frees a migration's units once the
  // replay has read them.
  std::vector<std::unique_ptr<Unit>> units;
  std::vector<size_t> slot;  // the file slot of each unit
  // Work items: the units of each migration (item i is folder.migrations[i]),
  // then one item per plain file.
  std::vector<std::vector<size_t>> items;
};

UnitPlan plan_units(const MigrationFolder& folder, const std::unordered_map<Symbol, size_t>& slot_of) {
  UnitPlan plan;
  std::unordered_set<Symbol> covered;
  const auto add = [&](const Section& sec, Role role, const Migration* m, std::vector<size_t>& item) {
    const auto it = slot_of.find(sec.file);
    if (it == slot_of.end()) return;
    covered.insert(sec.file);
    Unit u;
    u.begin = sec.begin;
    u.end = sec.end;
    u.role = role;
    u.migration = m;
    u.in_transaction = m ? m->in_transaction : false;
    item.push_back(plan.units.size());
    plan.units.push_back(std::make_unique<Unit>(std::move(u)));
    plan.slot.push_back(it->second);
  };
  for (const auto& m : folder.migrations) {
    std::vector<size_t> item;
    if (m.up) add(*m.up, Role::Up, &m, item);
    if (m.down) add(*m.down, Role::Down, &m, item);
    plan.items.push_back(std::move(item));
  }
  for (const auto& f : folder.sql_files)
    if (!covered.contains(f)) {
      std::vector<size_t> item;
      add(Section{f, 0, SIZE_MAX}, Role::Plain, nullptr, item);
      plan.items.push_back(std::move(item));
    }
  return plan;
}

// Gives the units of one item their parsed file and statements, and links a
// down to its up.
void complete_units(UnitPlan& plan, const std::vector<size_t>& item, const std::vector<FileSlot>& slots) {
  Unit* up = nullptr;
  for (size_t k : item) {
    Unit& u = *plan.units[k];
    u.file = slots[plan.slot[k]].parsed.get();
    if (!u.file) continue;
    for (const auto& st : u.file->statements)
      if (st.begin >= u.begin && st.begin < u.end) u.statements.push_back(&st);
    fill_unit_facts(u);
    if (u.role == Role::Up) up = &u;
  }
  for (size_t k : item)
    if (plan.units[k]->file && plan.units[k]->role == Role::Down) plan.units[k]->up = up;
}

// The units whose file was read, in plan order, with their up links kept.
std::vector<Unit> present_units(UnitPlan& plan) {
  std::unordered_map<const Unit*, size_t> new_index;
  std::vector<Unit> out;
  for (const auto& u : plan.units)
    if (u && u->file) {
      new_index.emplace(u.get(), out.size());
      out.push_back(std::move(*u));
    }
  for (auto& u : out)
    if (u.up) u.up = &out[new_index.at(u.up)];
  return out;
}

// A unit of a plan or of a finished analysis (null: freed).
const Unit* unit_at(const std::vector<Unit>& units, size_t k) { return &units[k]; }
const Unit* unit_at(const std::vector<std::unique_ptr<Unit>>& units, size_t k) { return units[k].get(); }

// One walk per statement; each node goes to the rules that asked for its kind.
class Dispatcher {
 public:
  explicit Dispatcher(const std::vector<const Rule*>& rules) : rules_(rules) {
    for (const Rule* r : rules)
      for (auto kind : r->node_kinds()) {
        const auto k = static_cast<size_t>(kind);
        if (by_kind_.size() <= k) by_kind_.resize(k + 1);
        by_kind_[k].push_back(r);
      }
  }

  void run(const Unit& unit, const Config& config, std::vector<Diagnostic>& sink) const {
    if (!by_kind_.empty()) {
      for (const Statement* s : unit.statements) {
        StatementContext ctx(unit, config, sink, *s);
        walk_nodes(*s->node, [&](const pg_query::Node& n) {
          const auto k = static_cast<size_t>(n.node_case());
          if (k >= by_kind_.size()) return;
          for (const Rule* r : by_kind_[k]) {
            ctx.set_rule(r);
            r->check_node(n, ctx);
          }
        });
      }
    }
    UnitContext uctx(unit, config, sink);
    for (const Rule* r : rules_) {
      uctx.set_rule(r);
      r->check_unit(uctx);
    }
  }

 private:
  std::vector<const Rule*> rules_;
  std::vector<std::vector<const Rule*>> by_kind_;
};

Diagnostic unreadable(const fs::path& p, const std::string& why) {
  return unreadable_file_finding(UnreadableWhat::File, display_path(p), why);
}

}  // namespace

std::vector<Diagnostic> replay_folder(FolderAnalysis& fa, const std::vector<std::unique_ptr<Unit>>& units,
                                      const AnalysisOptions& options, const std::set<std::string>* edited,
                                      const std::vector<const Rule*>& active, const catalog::ReplayResult* spare_of,
                                      catalog::ReplayResult* spare);

FolderWalks::FolderWalks(const FolderWalks& o) : findings(o.findings) {
  for (const auto& [rule, walk] : o.walks) walks.emplace_back(rule, walk->clone());
}

namespace {
// The folder rules' walks over one folder, before its first migration.
FolderWalks start_walks(const std::vector<const Rule*>& active, const MigrationFolder& folder, const Config& config) {
  FolderWalks w;
  FolderContext ctx(folder, config, w.findings);
  for (const Rule* r : active) {
    ctx.set_rule(r);
    if (auto walk = r->walk_folder(ctx)) w.walks.emplace_back(r, std::move(walk));
  }
  return w;
}

// What to do with a migration's effects once the walks have read them.
struct EffectsAfterWalk {
  bool keep = true;
  // When dropped: summarise them first, into here (per version).
  effects::SummaryStore* summaries = nullptr;
  // The next migration has the same version: its effects are summarised
  // with this one's (migrations of one version are next to each other).
  bool version_continues = false;
};

// What the analysis does with each migration's effects after the walks.
EffectsAfterWalk effects_after(const AnalysisOptions& options, FolderAnalysis& fa, bool version_continues) {
  return {options.keep_effects, options.effect_summaries ? &fa.summaries : nullptr, version_continues};
}

// Drops the effects the replayer kept, first summarising them per version
// into `summaries` (when given) as effects::migration_effects would.
void drop_effects(catalog::Replayer& replayer, effects::SummaryStore* summaries) {
  if (summaries) {
    std::map<std::string, std::vector<effects::EffectAt>> ups;
    for (const auto& se : replayer.effects()) {
      auto& list = ups[se.version];
      if (!se.down)
        for (const auto& e : se.effects) list.push_back({&e, se.file, se.statement, false});
    }
    for (const auto& [version, list] : ups) summaries->add(version, effects::summarize(list));
  }
  replayer.drop_effects();
}

// Feeds the migration the replay just applied (its effects from `from` on)
// to every walk; then drops the effects unless the caller keeps them.
void walk_migration(FolderWalks& w, const MigrationFolder& folder, const Config& config, const Migration& m,
                    const Unit* up, catalog::Replayer& replayer, size_t from, const EffectsAfterWalk& after) {
  const auto& all = replayer.effects();
  if (!w.walks.empty()) {
    FolderStep step;
    step.migration = &m;
    step.up = up;
    step.effects = all.data() + from;
    step.effect_count = all.size() - from;
    FolderContext ctx(folder, config, w.findings);
    for (auto& [rule, walk] : w.walks) {
      ctx.set_rule(rule);
      walk->step(ctx, step);
    }
  }
  if (after.keep || (after.summaries && after.version_continues)) return;
  drop_effects(replayer, after.summaries);
}

// After the last migration: the walks' findings, with what they decide last.
std::vector<Diagnostic> finish_walks(FolderWalks& w, const MigrationFolder& folder, const Config& config) {
  FolderContext ctx(folder, config, w.findings);
  for (auto& [rule, walk] : w.walks) {
    ctx.set_rule(rule);
    walk->finish(ctx);
  }
  return std::move(w.findings);
}
}  // namespace

namespace {
template <class Units>
std::optional<catalog::ReplayMigration> replay_migration(const Migration& m, const Units& units,
                                                         const std::vector<size_t>& item);
template <class Units>
const Unit* up_unit(const Units& units, const std::vector<size_t>& item);
}

// A unit as the schema replay takes it.
catalog::ReplayPart replay_part(const Unit& u) {
  catalog::ReplayPart p;
  p.file = u.file;
  p.begin = u.begin;
  p.end = std::min(u.end, u.file->source->size());
  for (const Statement* s : u.statements) p.statements.emplace_back(u.file, s);
  for (const auto& f : u.file->failed)
    if (f.begin >= p.begin && f.begin < std::max(p.end, p.begin + 1)) p.unparsed.push_back(f);
  std::sort(p.unparsed.begin(), p.unparsed.end(),
            [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  return p;
}

namespace {
// Keeps the findings in [from, to) of rules the selection enables, with their
// configured severity, moved down to start at `to_index` (<= from) in order;
// returns the index after the last kept.
size_t select_findings(std::vector<Diagnostic>& diags, size_t from, size_t to, size_t to_index,
                       const RuleSelection& selection) {
  for (size_t i = from; i < to; ++i) {
    if (!selection.enabled(diags[i].rule)) continue;
    diags[i].severity = selection.severity(diags[i].rule, diags[i].severity);
    if (to_index != i) diags[to_index] = std::move(diags[i]);
    ++to_index;
  }
  return to_index;
}

// finish_file with the file's suppressions already collected.
void finish_with(const ParsedFile* file, std::vector<Suppression>& sups, const RuleSelection& selection,
                 std::vector<Diagnostic>& diags) {
  diags.erase(diags.begin() + static_cast<std::ptrdiff_t>(select_findings(diags, 0, diags.size(), 0, selection)),
              diags.end());
  if (file && !sups.empty()) {
    apply_suppressions(sups, file->source->path(), diags);
    const size_t own = diags.size();
    for (auto& d : suppression_findings(
             sups, *file->source, [](std::string_view id) { return find_rule(id) != nullptr; },
             [&](std::string_view id) { return selection.enabled(id); }))
      diags.push_back(std::move(d));
    diags.erase(diags.begin() + static_cast<std::ptrdiff_t>(select_findings(diags, own, diags.size(), own, selection)),
                diags.end());
  }
}
}  // namespace

void finish_file(const ParsedFile* file, const RuleSelection& selection, std::vector<Diagnostic>& diags) {
  auto sups = file ? collect_suppressions(*file) : std::vector<Suppression>{};
  finish_with(file, sups, selection, diags);
}

std::vector<Diagnostic> analyze_unit_alone(const ParsedFile& file, Role role, bool in_transaction, const Config& config,
                                           const RuleSelection& selection, const ParsedFile* up_file) {
  Unit up;
  if (up_file) {
    up.file = up_file;
    up.role = Role::Up;
    up.in_transaction = in_transaction;
    for (const auto& s : up_file->statements) up.statements.push_back(&s);
    fill_unit_facts(up);
  }
  Unit u;
  u.up = up_file ? &up : nullptr;
  u.file = &file;
  u.role = role;
  u.in_transaction = in_transaction;
  for (const auto& s : file.statements) u.statements.push_back(&s);
  fill_unit_facts(u);
  std::vector<const Rule*> active;
  for (const auto& r : all_rules())
    if (selection.enabled(r->id())) active.push_back(r.get());
  std::vector<Diagnostic> diags = file.diagnostics;
  Dispatcher(active).run(u, config, diags);
  // Schema rules: the file replays as one migration (its up first, for a down).
  if (role != Role::Plain || up_file) {
    catalog::ReplayMigration m;
    m.version = "1";
    if (role == Role::Down) {
      if (up_file) m.up = replay_part(up);
      m.down = replay_part(u);
    } else {
      m.up = replay_part(u);
    }
    if (m.up) {
      auto r = catalog::replay({m});
      for (auto& d : r.diagnostics)
        if (d.span.path == file.source->path()) diags.push_back(std::move(d));
    }
  }
  finish_file(&file, selection, diags);
  std::sort(diags.begin(), diags.end(), diagnostic_less);
  return diags;
}

namespace {
// Puts findings in diagnostic_less order in place: sorts their indices,
// then moves each finding once. (A large folder's findings are most of its
// report's memory; a sorted copy held them twice.)
void sort_in_place(std::vector<Diagnostic>& diags) {
  const size_t n = diags.size();
  // Paths compare by rank: each distinct path's text is compared once.
  std::unordered_map<Symbol, uint32_t> rank;
  std::vector<Symbol> paths;
  for (const auto& d : diags)
    if (rank.try_emplace(d.span.path, 0).second) paths.push_back(d.span.path);
  std::sort(paths.begin(), paths.end());
  for (size_t i = 0; i < paths.size(); ++i) rank[paths[i]] = static_cast<uint32_t>(i);
  std::vector<uint32_t> file_rank(n);
  for (size_t i = 0; i < n; ++i) file_rank[i] = rank[diags[i].span.path];
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Diagnostic& x = diags[a];
    const Diagnostic& y = diags[b];
    return std::tie(file_rank[a], x.span.begin, x.span.end, x.rule, x.message) <
           std::tie(file_rank[b], y.span.begin, y.span.end, y.rule, y.message);
  });
  // Position k takes the finding at order[k]: follow each cycle once.
  for (size_t i = 0; i < n; ++i) {
    if (order[i] == i) continue;
    Diagnostic held = std::move(diags[i]);
    size_t j = i;
    while (order[j] != i) {
      const size_t from = order[j];
      diags[j] = std::move(diags[from]);
      order[j] = j;
      j = from;
    }
    diags[j] = std::move(held);
    order[j] = j;
  }
}

// Selection, suppressions and severities for every file's findings, in
// place; the result is in diagnostic_less order. Files without findings
// may still have suppressions to report; `reported` says which paths count.
void finish_findings(std::vector<Diagnostic>& diags, const std::map<Symbol, const ParsedFile*>& parsed,
                     const RuleSelection& selection, const std::function<bool(const Symbol&)>& reported) {
  sort_in_place(diags);
  std::vector<Diagnostic> added;  // what does not fit where its file's findings were
  const size_t n = diags.size();
  size_t w = 0;
  size_t i = 0;
  auto p = parsed.begin();
  while (i < n || p != parsed.end()) {
    const bool from_diag = i < n && (p == parsed.end() || diags[i].span.path <= p->first);
    const Symbol path = from_diag ? diags[i].span.path : p->first;
    const ParsedFile* file = nullptr;
    if (p != parsed.end() && p->first == path) file = (p++)->second;
    size_t end = i;
    while (end < n && diags[end].span.path == path) ++end;
    if (!reported(path)) {
      i = end;
      continue;
    }
    auto sups = file ? collect_suppressions(*file) : std::vector<Suppression>{};
    if (sups.empty()) {
      w = select_findings(diags, i, end, w, selection);
      i = end;
      continue;
    }
    std::vector<Diagnostic> own(std::make_move_iterator(diags.begin() + static_cast<std::ptrdiff_t>(i)),
                                std::make_move_iterator(diags.begin() + static_cast<std::ptrdiff_t>(end)));
    i = end;
    finish_with(file, sups, selection, own);
    std::sort(own.begin(), own.end(), diagnostic_less);
    for (auto& d : own) {
      if (w < end) diags[w++] = std::move(d);
      else added.push_back(std::move(d));
    }
  }
  diags.erase(diags.begin() + static_cast<std::ptrdiff_t>(w), diags.end());
  if (!added.empty()) {
    for (auto& d : added) diags.push_back(std::move(d));
    std::sort(diags.begin(), diags.end(), diagnostic_less);
  }
}

// Records which files the schema model could not follow, from the replay's findings.
void note_unmodeled(FolderAnalysis& fa, const std::vector<Diagnostic>& found) {
  for (const auto& d : found)
    if (d.rule == "unmodeled-statement") fa.unmodeled.insert(d.span.path);
}

// finish_findings (and --since) for spooled findings: file by file in path
// order, each file's findings taken out of the spool, finished, and added
// to the compressed result.
Findings finish_spooled(FindingSpool& spool, const std::vector<FolderAnalysis>& folders, const RuleSelection& selection,
                        const AnalysisOptions& options, bool whole_folders, const std::set<std::string>& only_paths) {
  std::map<Symbol, const ParsedFile*> parsed;
  for (const auto& fa : folders)
    for (const auto& f : fa.files) parsed[f->source->path()] = f.get();
  // --since: only what changed since the ref is reported (everything was
  // replayed), plus the version-order findings about what changed.
  std::vector<GitChanges> changes;
  std::map<Symbol, std::vector<Diagnostic>> order_findings;
  if (options.since)
    for (const auto& fa : folders) {
      changes.push_back(git_changes_since(fa.folder.dir, *options.since));
      for (auto& d : check_changes_since(fa.folder, changes.back()))
        if (selection.enabled(d.rule)) order_findings[d.span.path].push_back(std::move(d));
    }
  const auto changed = [&](const Symbol& path) {
    for (const auto& c : changes)
      if (c.touches(std::filesystem::path(path.str()))) return true;
    return false;
  };
  std::vector<Symbol> paths = spool.paths();
  for (const auto& [path, file] : parsed) paths.push_back(path);
  for (const auto& [path, found] : order_findings) paths.push_back(path);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  Findings out = Findings::compressed();
  for (const Symbol& path : paths) {
    std::vector<Diagnostic> list = spool.take(path);
    if (whole_folders || only_paths.contains(path.str())) {
      const auto it = parsed.find(path);
      const ParsedFile* file = it == parsed.end() ? nullptr : it->second;
      auto sups = file ? collect_suppressions(*file) : std::vector<Suppression>{};
      finish_with(file, sups, selection, list);
      if (options.since && !changed(path)) list.clear();
    } else {
      list.clear();
    }
    if (const auto it = order_findings.find(path); it != order_findings.end())
      for (auto& d : it->second) list.push_back(std::move(d));
    std::stable_sort(list.begin(), list.end(), diagnostic_less);
    out.append(std::move(list));
  }
  return out;
}

// MIGLINT_TIMINGS=1 prints each phase's wall time to stderr (docs/PERFORMANCE.md).
class PhaseClock {
 public:
  PhaseClock() : on_(std::getenv("MIGLINT_TIMINGS") != nullptr), last_(std::chrono::steady_clock::now()) {}
  void lap(const char* phase) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    fmt::print(stderr, "miglint: {:<14} {:8.2f} ms\n", phase,
               std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point last_;
};
}  // namespace

AnalysisResult analyze(const AnalysisOptions& options) {
  const WorkingDirectoryPin cwd_pin;
  PhaseClock clock;
  AnalysisResult result;
  const RuleSelection selection(options.config, options.select, options.ignore);
  std::vector<Diagnostic> diags;

  DirListings listings;  // each directory is listed once in this analysis
  // Folders to load, and (for single-file paths) the only files to report.
  std::vector<fs::path> folder_dirs;
  std::set<std::string> only_paths;
  bool whole_folders = false;
  for (const auto& p : options.paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      whole_folders = true;
      for (auto& d : find_migration_dirs(p, listings, diags)) folder_dirs.push_back(d);
    } else if (fs::exists(p, ec) || options.overlays.contains(fs::weakly_canonical(p, ec))) {
      // A single file is analysed with its folder as context.
      fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
      const auto name = p.filename().string();
      if ((name == "up.sql" || name == "down.sql") && dir.has_parent_path()) dir = dir.parent_path();
      folder_dirs.push_back(dir);
      only_paths.insert(display_path(p));
    } else {
      diags.push_back(unreadable(p, "no such file or directory"));
      only_paths.insert(display_path(p));
    }
  }
  clock.lap("find folders");
  // Load each folder once.
  std::sort(folder_dirs.begin(), folder_dirs.end());
  folder_dirs.erase(std::unique(folder_dirs.begin(), folder_dirs.end()), folder_dirs.end());
  std::vector<FolderAnalysis> folders;
  for (const auto& d : folder_dirs) {
    FolderAnalysis fa;
    AnalysisCache::Folder* cached = nullptr;
    fa.folder = load_folder(d, options, listings, &cached);
    // An unsaved goose or dbmate file: its halves are those of its new text.
    if (!options.overlays.empty() && (fa.folder.layout == Layout::Goose || fa.folder.layout == Layout::Dbmate))
      for (const auto& f : fa.folder.sql_files)
        if (const auto it = find_overlay(options.overlays, f.str()); it != options.overlays.end())
          resection_from_text(fa.folder, options.config, f, it->second);
    clock.lap("load layout");
    // Loader findings plus missing-down/up, version-collision, migration-name,
    // modified-migration.
    for (auto& diag : folder_checks(fa.folder, options.config, cached)) diags.push_back(std::move(diag));
    folders.push_back(std::move(fa));
  }
  // Make sure an explicitly named file is analysed even when its folder reader
  // did not list it (e.g. a file that is not named like a migration).
  for (const auto& p : options.paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) continue;
    if (!fs::exists(p, ec) && !options.overlays.contains(fs::weakly_canonical(p, ec))) continue;
    const auto dp = display_path(p);
    bool listed = false;
    // Display paths end in the file name: compare names before computing one.
    const auto name = p.filename();
    for (auto& fa : folders)
      for (const auto& f : fa.folder.sql_files)
        if (!listed && f.ends_with(name.native()) && fs::path(f.str()).filename() == name && display_path(f) == dp) listed = true;
    if (!listed) {
      const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
      for (auto& fa : folders)
        if (fs::weakly_canonical(fa.folder.dir, ec) == fs::weakly_canonical(dir, ec)) {
          fa.folder.sql_files.emplace_back(p.native());
          listed = true;
          break;
        }
      if (!listed && !folders.empty()) folders.front().folder.sql_files.emplace_back(p.native());
    }
  }

  listings.clear();  // only loading reads them
  clock.lap("load folders");
  if (options.on_loaded) {
    size_t files = 0;
    for (const auto& fa : folders) files += fa.folder.sql_files.size();
    options.on_loaded(files);
  }
  // Read and parse every file once, run the statement rules on each unit,
  // and replay each folder in migration order, all at once: work items (one
  // migration's files, or one other file) are taken in order by every
  // thread, and a thread replaying a folder takes items itself while the
  // migration it needs next is not parsed yet, so the replay overlaps the
  // parsing of later files and no thread waits on work nobody has taken.
  std::vector<const Rule*> active;
  for (const auto& r : all_rules())
    if (selection.enabled(r->id())) active.push_back(r.get());
  const Dispatcher dispatcher(active);

  size_t slot_count = 0;
  for (auto& fa : folders) slot_count += fa.folder.sql_files.size();
  std::vector<FileSlot> slots(slot_count);
  // The language server's cache entry of each slot's file (none without a cache).
  std::vector<AnalysisCache::File*> slot_cache(options.cache ? slot_count : 0, nullptr);
  const auto cached_of = [&](const FileSlot& slot) {
    return slot_cache.empty() ? nullptr : slot_cache[static_cast<size_t>(&slot - slots.data())];
  };
  std::vector<std::unique_ptr<OpenDirectory>> open_dirs;  // each folder, while its files are read
  std::vector<UnitPlan> plans;
  std::vector<size_t> first_slot;
  {
    size_t k = 0;
    for (auto& fa : folders) {
      first_slot.push_back(k);
      std::unordered_map<Symbol, size_t> slot_of;
      const auto& dir = open_dirs.emplace_back(std::make_unique<OpenDirectory>(fa.folder.dir));
      std::string prefix = fa.folder.dir.native();
      if (!prefix.empty() && prefix.back() != '/') prefix += '/';
      for (const auto& f : fa.folder.sql_files) {
        slots[k].path = &f.str();
        if (dir->fd() >= 0 && prefix != "/" && f.size() > prefix.size() && f.starts_with(prefix)) {
          slots[k].dirfd = dir->fd();
          slots[k].rel_at = static_cast<uint32_t>(prefix.size());
        }
        if (options.cache) slot_cache[k] = &options.cache->files[f.str()];
        slot_of.emplace(f, k++);
      }
      plans.push_back(plan_units(fa.folder, slot_of));
    }
  }
  const auto parse_slot = [&](FileSlot& slot) {
    AnalysisCache::File* c = cached_of(slot);
    // Unchanged on disk (same size and modification time) and not open in an
    // editor: the last parse still holds.
    const auto overlay = options.overlays.empty() ? options.overlays.end() : find_overlay(options.overlays, *slot.path);
    const bool from_overlay = overlay != options.overlays.end();
    std::int64_t mtime = 0;
    std::uintmax_t size = 0;
    if (c && !from_overlay && stat_file(*slot.path, mtime, size) && c->parsed && c->mtime_ns == mtime && c->size == size) {
      slot.parsed = c->parsed;
      return;
    }
    auto rr = from_overlay ? ReadResult{overlay->second, {}}
                           : read_file(*slot.path, slot.dirfd, slot.path->c_str() + slot.rel_at);
    if (!rr.error.empty()) {
      slot.error = std::make_unique<std::string>(rr.error);
      return;
    }
    if (c && c->parsed && c->bytes == rr.bytes) {
      slot.parsed = c->parsed;
    } else {
      auto src = std::make_shared<SourceFile>(display_path(*slot.path), rr.bytes);
      slot.parsed = std::make_shared<ParsedFile>(parse_file(std::move(src)));
    }
    if (c) {
      c->bytes = std::move(rr.bytes);
      c->parsed = slot.parsed;
      c->mtime_ns = from_overlay ? -1 : mtime;  // an editor buffer: compare bytes next time
      c->size = size;
    }
  };

  // One per migration: 32 bytes, its files' slots in one shared vector.
  struct Item {
    const std::vector<size_t>* units = nullptr;
    size_t folder = 0;
    uint32_t slot_begin = 0, slot_end = 0;  // the files it reads, once each, in item_slots
    std::atomic<int> reads{0};              // with release_syntax: readers still to come
    bool migration = false;                 // the replay reads it too
    std::atomic<bool> done{false};
    std::atomic<bool> released{false};  // every reader is done
  };
  std::vector<uint32_t> item_slots;
  const auto slots_of = [&](const Item& item) {
    return std::span<const uint32_t>(item_slots.data() + item.slot_begin, item.slot_end - item.slot_begin);
  };
  size_t item_count = 0;
  for (const auto& plan : plans) item_count += plan.items.size();
  std::vector<Item> items(item_count);
  std::vector<size_t> first_item(folders.size() + 1, 0);
  std::vector<size_t> first_unit(folders.size() + 1, 0);
  {
    size_t k = 0;
    for (size_t f = 0; f < plans.size(); ++f) {
      first_item[f] = k;
      for (size_t j = 0; j < plans[f].items.size(); ++j) {
        Item& item = items[k++];
        item.folder = f;
        item.units = &plans[f].items[j];
        item.migration = j < folders[f].folder.migrations.size();
        const auto begin = static_cast<std::ptrdiff_t>(item_slots.size());
        for (size_t u : *item.units) item_slots.push_back(static_cast<uint32_t>(plans[f].slot[u]));
        std::sort(item_slots.begin() + begin, item_slots.end());
        item_slots.erase(std::unique(item_slots.begin() + begin, item_slots.end()), item_slots.end());
        item.slot_begin = static_cast<uint32_t>(begin);
        item.slot_end = static_cast<uint32_t>(item_slots.size());
      }
      first_unit[f + 1] = first_unit[f] + plans[f].units.size();
    }
    first_item[folders.size()] = k;
    item_slots.shrink_to_fit();
  }
  // Files named alone are reported alone: the rest of their folder is context
  // for the replay, and its statement findings would be discarded.
  const auto reported = [&](const Unit& u) { return whole_folders || only_paths.contains(u.file->source->path()); };
  // Compact findings go to the spool as they are made (the folders'
  // findings first, as they would be reported in a list), else to these.
  const bool compact = options.compact_findings && !options.cache;
  FindingSpool spool;
  if (compact) spool.add(std::move(diags));
  std::vector<std::vector<Diagnostic>> per_unit(compact ? 0 : first_unit[folders.size()]);
  std::vector<std::vector<Diagnostic>> per_folder(folders.size());
  // Items are taken in migration order (the replay needs them so). With the
  // language server's cache, what probably needs parsing (editor buffers,
  // files not parsed before) goes first instead, so that other threads check
  // the cached files meanwhile; its replay starts once all are parsed anyway.
  std::vector<size_t> item_order(items.size());
  for (size_t i = 0; i < items.size(); ++i) item_order[i] = i;
  if (options.cache) {
    std::set<std::string> overlay_names;
    for (const auto& [k, v] : options.overlays) overlay_names.insert(k.filename().native());
    const auto needs_parse = [&](size_t i) {
      for (size_t sl : slots_of(items[i])) {
        const FileSlot& slot = slots[sl];
        if (!cached_of(slot) || !cached_of(slot)->parsed || overlay_names.contains(fs::path(*slot.path).filename().native())) return true;
      }
      return false;
    };
    std::stable_partition(item_order.begin(), item_order.end(), needs_parse);
  }
  std::atomic<size_t> next_item{0}, next_replay{0};
  // Items done, in all and per folder (written under done_mutex, so that a
  // waiter cannot miss the notification).
  std::atomic<size_t> items_done{0};
  std::vector<std::atomic<size_t>> folder_items_done(folders.size());
  std::mutex done_mutex;
  std::condition_variable done_cv;

  const bool release = options.release_syntax && !options.cache;
  // Compact analyses whose report reads no syntax (no effects kept) and only
  // files' texts as on disk (no unsaved text) free each file's parse and its
  // units once the replay has read them, not at the end.
  const bool early = compact && release && !options.keep_effects && options.overlays.empty();
  // What a report still reads of a file once its readers are done: its
  // findings (spooled), its text, and the parse itself only when the end
  // needs it (suppressions to apply, failures the audit lists).
  const auto retire = [&](FileSlot& slot) {
    const ParsedFile& pf = *slot.parsed;
    spool.add(std::vector<Diagnostic>(pf.diagnostics));
    slot.spooled = true;
    if (pf.binary || !pf.failed.empty() || !collect_suppressions(pf).empty()) return;
    result.texts.add(pf.source->path(), pf.source->text());
    slot.parsed.reset();
    slot.dropped = true;
  };
  if (release)
    for (Item& item : items) {
      item.reads = item.migration ? 2 : 1;
      for (size_t sl : slots_of(item)) slots[sl].readers += item.migration ? 2 : 1;
    }
  // Items before `released_below` are all done with. The threads that only
  // parse and check stay at most kAhead items ahead of it: when the replay is
  // slower than they are, the trees of the files parsed ahead of it would
  // otherwise pile up until it catches up (~150 MB at 100,000 migrations).
  const size_t kAhead = 256;
  std::atomic<size_t> released_below{0};
  std::mutex released_mutex;
  // The last reader of a file frees its trees.
  const auto done_reading = [&](Item& item) {
    if (!release) return;
    for (size_t sl : slots_of(item))
      if (slots[sl].readers.fetch_sub(1) == 1 && slots[sl].parsed) {
        const_cast<ParsedFile&>(*slots[sl].parsed).release_syntax();  // created by this analysis alone
        if (early) retire(slots[sl]);
      }
    if (item.reads.fetch_sub(1) != 1) return;
    if (early)
      for (size_t k : *item.units) plans[item.folder].units[k].reset();
    item.released = true;
    std::lock_guard lock(released_mutex);
    size_t low = released_below.load();
    while (low < items.size() && items[low].released) ++low;
    released_below = low;
  };
  // Waits while the next item to take is too far ahead (see kAhead). The
  // items in between are taken or being read, so the wait always ends.
  const auto wait_for_room = [&] {
    if (!release) return;
    while (next_item.load() < items.size() && next_item.load() >= released_below.load() + kAhead)
      std::this_thread::sleep_for(std::chrono::microseconds(100));
  };
  if (options.progress) {
    size_t total = items.size();
    for (const auto& fa : folders) total += fa.folder.migrations.size();
    options.progress->total = total;
  }
  const auto counted = [&] {
    if (options.progress) ++options.progress->done;
  };
  const auto process = [&](size_t i) {
    Item& item = items[i];
    UnitPlan& plan = plans[item.folder];
    for (size_t sl : slots_of(item)) std::call_once(slots[sl].once, [&] { parse_slot(slots[sl]); });
    complete_units(plan, *item.units, slots);
    {
      std::lock_guard lock(done_mutex);
      item.done = true;
      ++folder_items_done[item.folder];
      ++items_done;
    }
    done_cv.notify_all();
    for (size_t k : *item.units) {
      const Unit& u = *plan.units[k];
      if (!u.file || !reported(u)) continue;
      if (compact) {
        std::vector<Diagnostic> found;
        dispatcher.run(u, options.config, found);
        spool.add(std::move(found));
        continue;
      }
      auto& found = per_unit[first_unit[item.folder] + k];
      dispatcher.run(u, options.config, found);
      found.shrink_to_fit();  // held to the end of the analysis: no room to grow
    }
    done_reading(item);
    counted();
  };
  // Takes and processes items until `ready` holds; waits only when every
  // item is taken.
  const auto help_until = [&](const auto& ready) {
    while (!ready()) {
      const size_t i = next_item.fetch_add(1);
      if (i < items.size()) {
        process(item_order[i]);
        continue;
      }
      std::unique_lock lock(done_mutex);
      done_cv.wait(lock, ready);
    }
  };
  const auto folder_files = [&](size_t f) {
    std::vector<std::shared_ptr<const ParsedFile>> out;
    for (size_t k = 0; k < folders[f].folder.sql_files.size(); ++k)
      if (auto& p = slots[first_slot[f] + k].parsed) out.push_back(p);
    return out;
  };
  // Resuming a cached model starts with a copy of it: made by the replay's
  // thread while the others parse, and taken over by the replay when that
  // snapshot is still the one to resume from.
  std::vector<const catalog::ReplayResult*> spare_of(folders.size(), nullptr);
  std::vector<std::optional<catalog::ReplayResult>> spares(folders.size());
  if (options.cache && !whole_folders)
    for (size_t f = 0; f < folders.size(); ++f)
      if (const auto it = options.cache->folders.find(folders[f].folder.dir.native());
          it != options.cache->folders.end())
        spare_of[f] = it->second.replay_before.get();
  // A file checked alone replays after a cached model of its folder: most of
  // that is deparsing its expressions, which another thread starts on once
  // every file is parsed.
  const bool use_prefetch = options.cache && !whole_folders;
  std::optional<catalog::ExprPrefetch> prefetch;
  std::once_flag prefetch_once;
  const auto all_done = [&] { return items_done == items.size(); };
  const auto make_prefetch = [&] {
    std::vector<const Statement*> statements;
    for (const auto& plan : plans)
      for (const auto& u : plan.units)
        if (u->file && u->migration && reported(*u))
          statements.insert(statements.end(), u->statements.begin(), u->statements.end());
    prefetch.emplace(statements);
    if (prefetch->empty()) prefetch.reset();
  };
  const auto replay_task = [&](size_t f) {
    FolderAnalysis& fa = folders[f];
    UnitPlan& plan = plans[f];
    if (options.cache) {
      if (spare_of[f]) spares[f].emplace(*spare_of[f]);
      // The language server resumes from a state cached before the edited
      // migration, which needs every migration before it first.
      help_until([&] { return use_prefetch ? all_done() : folder_items_done[f] == first_item[f + 1] - first_item[f]; });
      if (use_prefetch) std::call_once(prefetch_once, make_prefetch);
      catalog::UseExprPrefetch use(prefetch ? &*prefetch : nullptr);
      fa.files = folder_files(f);
      per_folder[f] = replay_folder(fa, plan.units, options, whole_folders ? nullptr : &only_paths, active,
                                    spare_of[f], spares[f] ? &*spares[f] : nullptr);
      note_unmodeled(fa, fa.replay->diagnostics);
      if (options.progress) options.progress->done += fa.folder.migrations.size();
      return;
    }
    catalog::ReplayOptions plain;
    plain.pg_version = options.config.pg_version;
    catalog::Replayer replayer(plain);
    FolderWalks walks = start_walks(active, fa.folder, options.config);
    // Items whose files the effects still point into (a version continued
    // by the next migration is summarised with it): released once dropped.
    std::vector<Item*> held;
    for (size_t mi = 0; mi < fa.folder.migrations.size(); ++mi) {
      Item& item = items[first_item[f] + mi];
      help_until([&] { return item.done.load(); });
      const Migration& mig = fa.folder.migrations[mi];
      if (auto m = replay_migration(mig, plan.units, *item.units)) {
        const size_t from = replayer.effects().size();
        replayer.step(*m);
        const auto after = effects_after(options, fa, mi + 1 < fa.folder.migrations.size() &&
                                                          fa.folder.migrations[mi + 1].version == mig.version);
        walk_migration(walks, fa.folder, options.config, mig, up_unit(plan.units, *item.units), replayer, from, after);
        if (compact) {
          auto found = replayer.take_diagnostics();
          note_unmodeled(fa, found);
          spool.add(std::move(found));
          spool.add(std::exchange(walks.findings, {}));
        }
      }
      held.push_back(&item);
      if (!early || replayer.effects().empty()) {
        for (Item* h : held) done_reading(*h);
        held.clear();
      }
      counted();
    }
    if (const auto after = effects_after(options, fa, false); !after.keep) drop_effects(replayer, after.summaries);
    for (Item* h : held) done_reading(*h);
    catalog::ReplayResult replayed = replayer.finish();
    if (compact) {
      // Nothing reads the final schema after an early-freed analysis (its
      // callers report findings and verdicts; the walks read effects): a
      // large folder's model is the biggest thing it holds, and the walks'
      // last findings and the report are still to be made.
      if (early) replayed.catalog = catalog::Catalog();
      spool.add(finish_walks(walks, fa.folder, options.config));
      fa.replay = std::make_shared<catalog::ReplayResult>(std::move(replayed));
      return;
    }
    fa.replay = std::make_shared<catalog::ReplayResult>(std::move(replayed));
    note_unmodeled(fa, fa.replay->diagnostics);
    per_folder[f] = fa.replay->diagnostics;
    for (auto& d : finish_walks(walks, fa.folder, options.config)) per_folder[f].push_back(std::move(d));
  };
  const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  parallel_for(jobs, jobs, [&](size_t) {
    for (size_t f; (f = next_replay.fetch_add(1)) < folders.size();) replay_task(f);
    for (size_t i; (wait_for_room(), i = next_item.fetch_add(1)) < items.size();) process(item_order[i]);
    // Files checked alone: prepare their expressions ahead of the replay.
    if (use_prefetch) {
      help_until(all_done);
      std::call_once(prefetch_once, make_prefetch);
      if (prefetch) prefetch->run();
    }
  });

  // The schedule is done with: freed before the last step allocates (a large
  // folder's slots, items and moved-from units are tens of megabytes; the
  // files and units live on in `folders`).
  const auto free_schedule = [&] {
    std::vector<std::vector<Diagnostic>>().swap(per_unit);
    std::vector<Item>().swap(items);
    std::vector<uint32_t>().swap(item_slots);
    std::vector<size_t>().swap(item_order);
    std::vector<UnitPlan>().swap(plans);
    std::vector<FileSlot>().swap(slots);
  };
  for (auto& s : slots)
    if (s.error) diags.push_back(unreadable(*s.path, *s.error));
  for (size_t f = 0; f < folders.size(); ++f) {
    folders[f].files = folder_files(f);
    // Freed early: the units point into freed parses.
    if (!early) folders[f].units = present_units(plans[f]);
  }
  if (compact) {
    for (size_t f = 0; f < folders.size(); ++f) {
      auto& fa = folders[f];
      result.migrations += fa.folder.migrations.size();
      for (size_t k = 0; k < fa.folder.sql_files.size(); ++k) {
        FileSlot& slot = slots[first_slot[f] + k];
        if (!slot.parsed && !slot.dropped) continue;
        ++result.files;
        if (slot.parsed && !slot.spooled) spool.add(std::vector<Diagnostic>(slot.parsed->diagnostics));
      }
    }
    free_schedule();
    clock.lap("rules+replay");
    spool.add(std::move(diags));
    result.diagnostics = finish_spooled(spool, folders, selection, options, whole_folders, only_paths);
    clock.lap("finish");
    result.folders = std::move(folders);
    return result;
  }
  {
    size_t total = diags.size();
    for (const auto& v : per_unit) total += v.size();
    for (size_t f = 0; f < folders.size(); ++f) {
      total += per_folder[f].size();
      for (const auto& file : folders[f].files) total += file->diagnostics.size();
    }
    diags.reserve(total);  // every finding but the suppressions' own
  }
  for (auto& v : per_unit) {
    for (auto& d : v) diags.push_back(std::move(d));
    std::vector<Diagnostic>().swap(v);
  }
  free_schedule();

  clock.lap("rules+replay");
  // Replay and folder rule findings, and parse findings.
  for (size_t fi = 0; fi < folders.size(); ++fi) {
    auto& fa = folders[fi];
    for (auto& d : per_folder[fi]) diags.push_back(std::move(d));
    std::vector<Diagnostic>().swap(per_folder[fi]);
    for (const auto& f : fa.files)
      for (const auto& d : f->diagnostics) diags.push_back(d);
    result.migrations += fa.folder.migrations.size();
    result.files += fa.files.size();
  }

  // Selection, suppressions, severities, file by file in path order.
  std::map<Symbol, const ParsedFile*> parsed_by_name;
  for (auto& fa : folders)
    for (const auto& f : fa.files) parsed_by_name[f->source->path()] = f.get();
  // Single files named alone: report on them only (their folder was context).
  finish_findings(diags, parsed_by_name, selection,
                  [&](const Symbol& path) { return whole_folders || only_paths.contains(path.str()); });
  if (options.since) {
    // Only what changed since the ref is reported; everything was replayed.
    std::vector<GitChanges> changes;
    for (const auto& fa : folders) {
      changes.push_back(git_changes_since(fa.folder.dir, *options.since));
      for (auto& d : check_changes_since(fa.folder, changes.back()))
        if (selection.enabled(d.rule)) diags.push_back(std::move(d));
    }
    std::erase_if(diags, [&](const Diagnostic& d) {
      if (d.rule == "version-order") return false;
      for (const auto& c : changes)
        if (c.touches(std::filesystem::path(d.span.path.str()))) return false;
      return true;
    });
  }
  // Findings a file's suppressions make about another path (none today) or
  // added above for --since are put in order here.
  if (!std::is_sorted(diags.begin(), diags.end(), diagnostic_less))
    std::sort(diags.begin(), diags.end(), diagnostic_less);
  clock.lap("finish");
  result.diagnostics = std::move(diags);
  result.folders = std::move(folders);
  return result;
}

namespace {
// What makes a migration replay the same: its version and the exact parsed
// sections (a cached parse is shared only while the bytes are unchanged).
std::string replay_identity(const catalog::ReplayMigration& m) {
  std::string id = m.version;
  for (const auto* part : {&m.up, &m.down})
    id += *part ? fmt::format("|{}:{}:{}", static_cast<const void*>((*part)->file), (*part)->begin, (*part)->end) : "|-";
  return id;
}
}  // namespace

namespace {
// The up among a migration's units, if it was read.
template <class Units>
const Unit* up_unit(const Units& units, const std::vector<size_t>& item) {
  for (size_t k : item)
    if (const Unit* u = unit_at(units, k); u && u->file && u->role == Role::Up) return u;
  return nullptr;
}

// One migration of the replay from its units (null file: unreadable); none
// when it has no up, since a down alone cannot be checked against anything.
template <class Units>
std::optional<catalog::ReplayMigration> replay_migration(const Migration& m, const Units& units,
                                                         const std::vector<size_t>& item) {
  catalog::ReplayMigration rm;
  rm.version = m.version;
  for (size_t k : item) {
    const Unit* unit = unit_at(units, k);
    if (!unit || !unit->file || unit->file->binary) continue;
    const Unit& u = *unit;
    if (u.role == Role::Up) rm.up = replay_part(u);
    else if (u.role == Role::Down) rm.down = replay_part(u);
  }
  if (!rm.up) return std::nullopt;
  return rm;
}

// The folder's migrations as the replay takes them; with `steps`, each one's
// migration and up unit too (for the folder rules' walks).
template <class Units>
std::vector<catalog::ReplayMigration> replay_input(const MigrationFolder& folder, const Units& units,
                                                   std::vector<std::pair<const Migration*, const Unit*>>* steps = nullptr) {
  std::map<const Migration*, std::vector<size_t>> by_migration;
  for (size_t k = 0; k < units.size(); ++k)
    if (const Unit* u = unit_at(units, k); u && u->migration) by_migration[u->migration].push_back(k);
  std::vector<catalog::ReplayMigration> out;
  for (const auto& m : folder.migrations) {
    const auto it = by_migration.find(&m);
    if (it == by_migration.end()) continue;
    if (auto rm = replay_migration(m, units, it->second)) {
      out.push_back(std::move(*rm));
      if (steps) steps->emplace_back(&m, up_unit(units, it->second));
    }
  }
  return out;
}
}  // namespace

std::vector<catalog::ReplayMigration> replay_input(const FolderAnalysis& fa) { return replay_input(fa.folder, fa.units); }

std::vector<Diagnostic> replay_folder(FolderAnalysis& fa, const std::vector<std::unique_ptr<Unit>>& units,
                                      const AnalysisOptions& options, const std::set<std::string>* edited,
                                      const std::vector<const Rule*>& active, const catalog::ReplayResult* spare_of,
                                      catalog::ReplayResult* spare) {
  std::vector<std::pair<const Migration*, const Unit*>> steps;
  const auto input = replay_input(fa.folder, units, &steps);
  catalog::ReplayOptions ro;
  ro.pg_version = options.config.pg_version;
  AnalysisCache::Folder* cache = nullptr;
  std::optional<FolderWalks> walks;
  bool snapshot_walks = false;
  if (options.cache && edited) {
    // Resume from the state before the first migration being edited when
    // every migration before it is the same as last time.
    size_t first = input.size();
    for (size_t i = 0; i < input.size() && first == input.size(); ++i)
      for (const auto* part : {&input[i].up, &input[i].down})
        if (*part && (*part)->file && edited->contains((*part)->file->source->path())) first = i;
    std::vector<std::string> prefix;
    for (size_t i = 0; i < first; ++i) prefix.push_back(replay_identity(input[i]));
    {
      // Replays of several folders run at once; map nodes stay where they are.
      static std::mutex cache_mutex;
      std::lock_guard lock(cache_mutex);
      cache = &options.cache->folders[fa.folder.dir.native()];
    }
    const bool cached = cache->replay_before && cache->walks_before && cache->replay_at == first &&
                        cache->replay_prefix == prefix;
    if (std::getenv("MIGLINT_TIMINGS"))
      fmt::print(stderr, "miglint: replay from migration {} of {}: {}\n", first, input.size(),
                 cached ? "cached state" : "recomputed");
    if (cached) {
      ro.resume = cache->replay_before.get();
      ro.resume_at = first;
      if (spare && spare_of == ro.resume) ro.resume_copy = spare;
      walks.emplace(*cache->walks_before);
    } else {
      cache->replay_at = first;
      cache->replay_prefix = std::move(prefix);
      cache->replay_before.reset();
      cache->walks_before.reset();
      // The state points into these files: keep them alive with it (and
      // their addresses from being reused by other parses).
      cache->replay_files = fa.files;
      auto snap = std::make_shared<catalog::ReplayResult>();
      ro.snapshot_at = first;
      ro.snapshot = snap.get();
      cache->replay_before = std::move(snap);
      snapshot_walks = true;
    }
  }
  if (!walks) walks.emplace(start_walks(active, fa.folder, options.config));
  catalog::Replayer replayer(ro);
  for (size_t mi = ro.resume ? ro.resume_at : 0; mi < input.size(); ++mi) {
    // The walks' state goes with the replay's snapshot (taken by step()).
    if (snapshot_walks && mi == *ro.snapshot_at) cache->walks_before.emplace(*walks);
    const size_t from = replayer.effects().size();
    replayer.step(input[mi]);
    const auto after = effects_after(options, fa, mi + 1 < input.size() && input[mi + 1].version == input[mi].version);
    walk_migration(*walks, fa.folder, options.config, *steps[mi].first, steps[mi].second, replayer, from, after);
  }
  if (const auto after = effects_after(options, fa, false); !after.keep) drop_effects(replayer, after.summaries);
  if (snapshot_walks && *ro.snapshot_at == input.size()) cache->walks_before.emplace(*walks);
  fa.replay = std::make_shared<catalog::ReplayResult>(replayer.finish());
  auto out = fa.replay->diagnostics;
  for (auto& d : finish_walks(*walks, fa.folder, options.config)) out.push_back(std::move(d));
  return out;
}

}  // namespace miglint
