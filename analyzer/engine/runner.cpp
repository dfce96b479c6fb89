#include "analyzer/engine/runner.h"

#include <pthread.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "analyzer/catalog/expr_prefetch.h"
#include "analyzer/catalog/replay.h"
#include "analyzer/diag/suppress.h"
#include "analyzer/migrations/folder_rules.h"
#include "analyzer/migrations/git.h"
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

bool is_sql(const fs::path& p) { return p.extension() == ".sql"; }

// Directories under root that hold migrations: a directory with .sql files,
// or the parent of `<version>_<name>/up.sql` directories.
std::vector<fs::path> find_migration_dirs(const fs::path& root, std::vector<Diagnostic>& problems) {
  std::set<fs::path> dirs;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    Diagnostic d;
    d.rule = "unreadable-file";
    d.severity = Severity::Error;
    d.span.path = display_path(root);
    d.message = fmt::format("cannot read directory: {}", ec.message());
    problems.push_back(std::move(d));
    return {};
  }
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    std::error_code ec2;
    if (!it->is_regular_file(ec2) && !it->is_symlink(ec2)) continue;
    const fs::path& p = it->path();
    if (!is_sql(p)) continue;
    const auto name = p.filename().string();
    if (name == "up.sql" || name == "down.sql") dirs.insert(p.parent_path().parent_path());
    else dirs.insert(p.parent_path());
  }
  // A folder-layout parent already covers its version directories.
  std::vector<fs::path> out;
  for (const auto& d : dirs) {
    bool covered = false;
    for (const auto& o : dirs)
      if (o != d && d.parent_path() == o && (fs::exists(d / "up.sql") || fs::exists(d / "down.sql"))) covered = true;
    if (!covered) out.push_back(d);
  }
  return out;
}

struct ReadResult {
  std::string bytes;
  std::string error;
};

ReadResult read_file(const fs::path& p) {
  ReadResult r;
  if (!read_file_bytes(p, r.bytes, &r.error) && r.error == std::strerror(EISDIR)) r.error = "is a directory";
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
MigrationFolder load_folder(const fs::path& dir, const AnalysisOptions& options, AnalysisCache::Folder** cached) {
  *cached = nullptr;
  if (!options.cache) return load_migration_folder(dir, options.config);
  std::int64_t mtime = 0;
  std::uintmax_t size = 0;
  if (!stat_file(dir, mtime, size)) return load_migration_folder(dir, options.config);
  auto& c = options.cache->folders[dir.native()];
  if (c.dir_mtime_ns == mtime && (c.folder.layout == Layout::Updown || c.folder.layout == Layout::Plain) &&
      !c.folder.dir.empty()) {
    *cached = &c;
    return c.folder;
  }
  c.folder = load_migration_folder(dir, options.config);
  c.dir_mtime_ns = mtime;
  c.replay_before.reset();
  c.rule_states.clear();
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
        stat_file((*part)->file, mtime, size);
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

struct FileSlot {
  fs::path path;
  std::shared_ptr<const ParsedFile> parsed;
  std::string error;
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

// Keyed by the path's string: std::filesystem::path compares component by
// component, which dominated lookups in large folders.
using FilesByPath = std::unordered_map<std::string, const ParsedFile*>;

std::vector<Unit> build_units(const MigrationFolder& folder, const FilesByPath& files) {
  std::vector<Unit> units;
  std::unordered_set<std::string> covered;
  const auto add = [&](const Section& sec, Role role, const Migration* m) {
    const auto it = files.find(sec.file.native());
    if (it == files.end() || !it->second) return;
    covered.insert(sec.file.native());
    Unit u;
    u.file = it->second;
    u.begin = sec.begin;
    u.end = sec.end;
    u.role = role;
    u.migration = m;
    u.in_transaction = m ? m->in_transaction : false;
    for (const auto& s : u.file->statements)
      if (s.begin >= u.begin && s.begin < u.end) u.statements.push_back(&s);
    fill_unit_facts(u);
    units.push_back(std::move(u));
  };
  for (const auto& m : folder.migrations) {
    if (m.up) add(*m.up, Role::Up, &m);
    if (m.down) add(*m.down, Role::Down, &m);
  }
  for (const auto& f : folder.sql_files)
    if (!covered.contains(f.native())) add(Section{f, 0, SIZE_MAX}, Role::Plain, nullptr);
  // Link each down to its up once the vector no longer moves.
  std::map<const Migration*, const Unit*> ups;
  for (const auto& u : units)
    if (u.role == Role::Up) ups[u.migration] = &u;
  for (auto& u : units)
    if (u.role == Role::Down && ups.contains(u.migration)) u.up = ups[u.migration];
  return units;
}

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
  Diagnostic d;
  d.rule = "unreadable-file";
  d.severity = Severity::Error;
  d.span.path = display_path(p);
  d.message = fmt::format("cannot read file: {}", why);
  d.help = "the file was skipped; every other file was analysed";
  return d;
}

}  // namespace

std::vector<Diagnostic> replay_folder(FolderAnalysis& fa, const AnalysisOptions& options,
                                      const std::set<std::string>* edited,
                                      FolderRuleStates** rule_states, size_t* effects_at,
                                      const catalog::ReplayResult* spare_of, catalog::ReplayResult* spare);

// A unit as the schema replay takes it.
catalog::ReplayPart replay_part(const Unit& u) {
  catalog::ReplayPart p;
  p.file = u.file;
  p.begin = u.begin;
  p.end = std::min(u.end, u.file->source->size());
  for (const Statement* s : u.statements) p.statements.emplace_back(u.file, s);
  return p;
}

void finish_file(const ParsedFile* file, const RuleSelection& selection, std::vector<Diagnostic>& diags) {
  std::erase_if(diags, [&](const Diagnostic& d) { return !selection.enabled(d.rule); });
  if (file) {
    auto sups = collect_suppressions(*file);
    if (!sups.empty()) {
      apply_suppressions(sups, file->source->path(), diags);
      for (auto& d : suppression_findings(
               sups, *file->source, [](std::string_view id) { return find_rule(id) != nullptr; },
               [&](std::string_view id) { return selection.enabled(id); }))
        if (selection.enabled(d.rule)) diags.push_back(std::move(d));
    }
  }
  for (auto& d : diags) d.severity = selection.severity(d.rule, d.severity);
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
  PhaseClock clock;
  AnalysisResult result;
  const RuleSelection selection(options.config, options.select, options.ignore);
  std::vector<Diagnostic> diags;

  // Folders to load, and (for single-file paths) the only files to report.
  std::vector<fs::path> folder_dirs;
  std::set<std::string> only_paths;
  bool whole_folders = false;
  for (const auto& p : options.paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      whole_folders = true;
      for (auto& d : find_migration_dirs(p, diags)) folder_dirs.push_back(d);
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
    fa.folder = load_folder(d, options, &cached);
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
        if (!listed && f.filename() == name && display_path(f) == dp) listed = true;
    if (!listed) {
      const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
      for (auto& fa : folders)
        if (fs::weakly_canonical(fa.folder.dir, ec) == fs::weakly_canonical(dir, ec)) {
          fa.folder.sql_files.push_back(p);
          listed = true;
          break;
        }
      if (!listed && !folders.empty()) folders.front().folder.sql_files.push_back(p);
    }
  }

  clock.lap("load folders");
  // Read and parse every file once, in parallel.
  std::vector<FileSlot> slots;
  for (auto& fa : folders)
    for (const auto& f : fa.folder.sql_files) slots.push_back({f, nullptr, {}});
  std::vector<AnalysisCache::File*> cached(slots.size(), nullptr);
  if (options.cache)
    for (size_t i = 0; i < slots.size(); ++i) cached[i] = &options.cache->files[slots[i].path.native()];
  // Resuming a cached model starts with a copy of it: made here beside the
  // parse (task slots.size() + folder) and taken over by the replay when
  // that snapshot is still the one to resume from.
  std::vector<const catalog::ReplayResult*> spare_of(folders.size(), nullptr);
  std::vector<std::optional<catalog::ReplayResult>> spares(folders.size());
  if (options.cache && !whole_folders)
    for (size_t fi = 0; fi < folders.size(); ++fi)
      if (const auto it = options.cache->folders.find(folders[fi].folder.dir.native());
          it != options.cache->folders.end())
        spare_of[fi] = it->second.replay_before.get();
  // What probably needs parsing (editor buffers, files not parsed before)
  // goes first, so that other threads check the cached files meanwhile.
  std::vector<size_t> order;
  {
    std::set<std::string> overlay_names;
    for (const auto& [k, v] : options.overlays) overlay_names.insert(k.filename().native());
    std::vector<size_t> rest;
    for (size_t i = 0; i < slots.size(); ++i) {
      const bool parse = !cached[i] || !cached[i]->parsed ||
                         (!overlay_names.empty() && overlay_names.contains(slots[i].path.filename().native()));
      (parse ? order : rest).push_back(i);
    }
    for (size_t fi = 0; fi < folders.size(); ++fi) order.push_back(slots.size() + fi);
    order.insert(order.end(), rest.begin(), rest.end());
  }
  parallel_for(order.size(), options.jobs, [&](size_t k) {
    const size_t i = order[k];
    if (i >= slots.size()) {
      if (const auto* from = spare_of[i - slots.size()]) spares[i - slots.size()].emplace(*from);
      return;
    }
    AnalysisCache::File* c = cached[i];
    // Unchanged on disk (same size and modification time) and not open in an
    // editor: the last parse still holds.
    const auto overlay = options.overlays.empty() ? options.overlays.end() : find_overlay(options.overlays, slots[i].path);
    const bool from_overlay = overlay != options.overlays.end();
    std::int64_t mtime = 0;
    std::uintmax_t size = 0;
    if (c && !from_overlay && stat_file(slots[i].path, mtime, size) && c->parsed && c->mtime_ns == mtime &&
        c->size == size) {
      slots[i].parsed = c->parsed;
      return;
    }
    auto rr = from_overlay ? ReadResult{overlay->second, {}} : read_file(slots[i].path);
    if (!rr.error.empty()) {
      slots[i].error = rr.error;
      return;
    }
    if (c && c->parsed && c->bytes == rr.bytes) {
      slots[i].parsed = c->parsed;
    } else {
      auto src = std::make_shared<SourceFile>(display_path(slots[i].path), rr.bytes);
      slots[i].parsed = std::make_shared<ParsedFile>(parse_file(std::move(src)));
    }
    if (c) {
      c->bytes = std::move(rr.bytes);
      c->parsed = slots[i].parsed;
      c->mtime_ns = from_overlay ? -1 : mtime;  // an editor buffer: compare bytes next time
      c->size = size;
    }
  });
  FilesByPath by_path;
  for (auto& s : slots) {
    if (!s.error.empty()) diags.push_back(unreadable(s.path, s.error));
    by_path[s.path.native()] = s.parsed.get();
  }
  {
    size_t k = 0;
    for (auto& fa : folders) {
      for (size_t j = 0; j < fa.folder.sql_files.size(); ++j, ++k)
        if (slots[k].parsed) fa.files.push_back(slots[k].parsed);
      fa.units = build_units(fa.folder, by_path);
    }
  }

  clock.lap("read+parse");
  // Statement and unit rules, in parallel over units.
  std::vector<const Rule*> active;
  for (const auto& r : all_rules())
    if (selection.enabled(r->id())) active.push_back(r.get());
  const Dispatcher dispatcher(active);
  std::vector<const Unit*> all_units;
  // Files named alone are reported alone: the rest of their folder is context
  // for the replay, and its statement findings would be discarded.
  for (auto& fa : folders)
    for (auto& u : fa.units)
      if (whole_folders || only_paths.contains(u.file->source->path())) all_units.push_back(&u);
  // The schema replay of each folder (in migration order, one task per
  // folder) runs beside the statement rules: neither reads the other. The
  // replays go first so that the longest tasks start first.
  std::vector<std::vector<Diagnostic>> per_unit(all_units.size());
  std::vector<std::vector<Diagnostic>> per_folder(folders.size());
  std::vector<FolderRuleStates*> rule_states(folders.size(), nullptr);
  std::vector<size_t> rule_states_at(folders.size(), 0);
  // A file checked alone replays after a cached model of its folder: most of
  // that is deparsing its expressions, which another thread starts on.
  std::optional<catalog::ExprPrefetch> prefetch;
  if (!whole_folders) {
    std::vector<const Statement*> statements;
    for (const Unit* u : all_units)
      if (u->migration) statements.insert(statements.end(), u->statements.begin(), u->statements.end());
    prefetch.emplace(statements);
    if (prefetch->empty()) prefetch.reset();
  }
  const size_t tasks_before_units = folders.size() + (prefetch ? 1 : 0);
  parallel_for(tasks_before_units + all_units.size(), options.jobs, [&](size_t i) {
    if (i < folders.size()) {
      catalog::UseExprPrefetch use(prefetch ? &*prefetch : nullptr);
      per_folder[i] = replay_folder(folders[i], options, whole_folders ? nullptr : &only_paths, &rule_states[i],
                                    &rule_states_at[i], spare_of[i], spares[i] ? &*spares[i] : nullptr);
    } else if (i < tasks_before_units) {
      prefetch->run();
    } else {
      dispatcher.run(*all_units[i - tasks_before_units], options.config, per_unit[i - tasks_before_units]);
    }
  });
  for (auto& v : per_unit)
    for (auto& d : v) diags.push_back(std::move(d));

  clock.lap("rules+replay");
  // Replay findings, folder rules and parse findings.
  for (size_t fi = 0; fi < folders.size(); ++fi) {
    auto& fa = folders[fi];
    for (auto& d : per_folder[fi]) diags.push_back(std::move(d));
    FolderContext fctx(fa, options.config, diags);
    if (rule_states[fi]) fctx.set_resume(rule_states[fi], rule_states_at[fi]);
    for (const Rule* r : active) {
      fctx.set_rule(r);
      r->check_folder(fctx);
    }
    for (const auto& f : fa.files)
      for (const auto& d : f->diagnostics) diags.push_back(d);
    clock.lap("folder rules");
    result.migrations += fa.folder.migrations.size();
    result.files += fa.files.size();
  }

  // Selection, suppressions, severities.
  std::map<std::string, std::vector<Diagnostic>> by_file;
  for (auto& d : diags) by_file[d.span.path].push_back(std::move(d));
  diags.clear();
  std::map<std::string, const ParsedFile*> parsed_by_name;
  for (auto& fa : folders)
    for (const auto& f : fa.files) parsed_by_name[f->source->path()] = f.get();
  for (auto& [path, v] : by_file) {
    // Single files named alone: report on them only (their folder was context).
    if (!whole_folders && !only_paths.contains(path)) continue;
    const auto it = parsed_by_name.find(path);
    finish_file(it == parsed_by_name.end() ? nullptr : it->second, selection, v);
    for (auto& d : v) diags.push_back(std::move(d));
  }
  // Files without findings may still have suppressions to report.
  for (const auto& [path, f] : parsed_by_name) {
    if (by_file.contains(path) || (!whole_folders && !only_paths.contains(path))) continue;
    std::vector<Diagnostic> v;
    finish_file(f, selection, v);
    for (auto& d : v) diags.push_back(std::move(d));
  }
  if (options.since) {
    // Only what changed since the ref is reported; everything was replayed.
    std::vector<GitChanges> changes;
    for (const auto& fa : folders) {
      changes.push_back(git_changes_since(fa.folder.dir, *options.since));
      for (auto& d : check_version_order(fa.folder, changes.back()))
        if (selection.enabled(d.rule)) diags.push_back(std::move(d));
    }
    std::erase_if(diags, [&](const Diagnostic& d) {
      if (d.rule == "version-order") return false;
      for (const auto& c : changes)
        if (c.touches(std::filesystem::path(d.span.path))) return false;
      return true;
    });
  }
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

std::vector<catalog::ReplayMigration> replay_input(const FolderAnalysis& fa) {
  std::vector<catalog::ReplayMigration> out;
  std::map<const Migration*, size_t> index;
  for (const auto& m : fa.folder.migrations) {
    index[&m] = out.size();
    catalog::ReplayMigration rm;
    rm.version = m.version;
    out.push_back(std::move(rm));
  }
  for (const auto& u : fa.units) {
    if (!u.migration || u.file->binary) continue;
    auto& rm = out[index[u.migration]];
    if (u.role == Role::Up) rm.up = replay_part(u);
    else if (u.role == Role::Down) rm.down = replay_part(u);
  }
  // A down without its up cannot be checked against anything.
  std::erase_if(out, [](const catalog::ReplayMigration& m) { return !m.up; });
  return out;
}

std::vector<Diagnostic> replay_folder(FolderAnalysis& fa, const AnalysisOptions& options,
                                      const std::set<std::string>* edited, FolderRuleStates** rule_states,
                                      size_t* effects_at, const catalog::ReplayResult* spare_of,
                                      catalog::ReplayResult* spare) {
  *rule_states = nullptr;
  const auto input = replay_input(fa);
  catalog::ReplayOptions ro;
  AnalysisCache::Folder* cache = nullptr;
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
    if (std::getenv("MIGLINT_TIMINGS"))
      fmt::print(stderr, "miglint: replay from migration {} of {}: {}\n", first, input.size(),
                 cache->replay_before && cache->replay_at == first && cache->replay_prefix == prefix ? "cached state"
                                                                                                    : "recomputed");
    if (cache->replay_before && cache->replay_at == first && cache->replay_prefix == prefix) {
      ro.resume = cache->replay_before.get();
      ro.resume_at = first;
      if (spare && spare_of == ro.resume) ro.resume_copy = spare;
    } else {
      cache->replay_at = first;
      cache->replay_prefix = std::move(prefix);
      cache->replay_before.reset();
      // Folder rules' states hold to the same prefix.
      cache->rule_states.clear();
      // The state points into these files: keep them alive with it (and
      // their addresses from being reused by other parses).
      cache->replay_files = fa.files;
      auto snap = std::make_shared<catalog::ReplayResult>();
      ro.snapshot_at = first;
      ro.snapshot = snap.get();
      cache->replay_before = std::move(snap);
    }
  }
  fa.replay = std::make_shared<catalog::ReplayResult>(catalog::replay(input, ro));
  if (cache) {
    *rule_states = &cache->rule_states;
    *effects_at = cache->replay_before->effects.size();
  }
  return fa.replay->diagnostics;
}

}  // namespace miglint
