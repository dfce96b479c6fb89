#include "analyzer/verify/verify.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "analyzer/migrations/layout.h"
#include "analyzer/source/display_path.h"
#include "analyzer/verify/diff.h"
#include "rules/verify/findings.h"

namespace miglint::verify {

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Identical: return "identical";
    case Verdict::Differs: return "differs";
    case Verdict::UpFailed: return "up_failed";
    case Verdict::DownFailed: return "down_failed";
    case Verdict::NoDown: return "no_down";
    case Verdict::NotRun: return "not_run";
  }
  return "not_run";
}

std::string pg_lock_name(LockMode m) {
  std::string out;
  bool upper = true;
  for (char c : lock_name(m)) {
    if (c == ' ') {
      upper = true;
      continue;
    }
    out += upper ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    upper = false;
  }
  return out + "Lock";
}

std::optional<LockMode> lock_mode_of(std::string_view pg_mode) {
  for (auto m = LockMode::AccessShare; m <= LockMode::AccessExclusive;
       m = static_cast<LockMode>(static_cast<int>(m) + 1))
    if (pg_lock_name(m) == pg_mode) return m;
  return std::nullopt;
}

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// One statement of a file's up or down, as it is sent to the server.
struct Sent {
  size_t begin = 0, end = 0;
  const pg_query::Node* node = nullptr;  // null when it did not parse
};

// A section's file as findings and parsed files name it (the folder reader
// keeps it as the folder was given: `./x.up.sql`).
std::string shown(const Section& s) { return display_path(s.file.str()); }

// The statements of a section, parsed or not, in file order.
std::vector<Sent> statements_of(const ParsedFile& f, const Section& s) {
  std::vector<Sent> out;
  for (const auto& st : f.statements)
    if (st.begin >= s.begin && st.begin < s.end) out.push_back({st.begin, st.end, st.node});
  for (const auto& r : f.failed)
    if (r.begin >= s.begin && r.begin < s.end) out.push_back({r.begin, r.end, nullptr});
  std::sort(out.begin(), out.end(), [](const Sent& a, const Sent& b) { return a.begin < b.begin; });
  return out;
}

// The data lines of a COPY … FROM STDIN: what follows the statement's line
// up to the `\.` line, as psql sends them.
std::string_view copy_data_after(const std::string& text, const Sent& st) {
  if (!st.node || st.node->node_case() != pg_query::Node::kCopyStmt) return {};
  const auto& copy = st.node->copy_stmt();
  if (!copy.is_from() || !copy.filename().empty()) return {};
  const size_t line_end = text.find('\n', st.end);
  if (line_end == std::string::npos) return {};
  const size_t from = line_end + 1;
  size_t at = from;
  while (at < text.size()) {
    const size_t eol = text.find('\n', at);
    const std::string_view line(text.data() + at, (eol == std::string::npos ? text.size() : eol) - at);
    if (line == "\\." || line == "\\.\r") break;
    at = eol == std::string::npos ? text.size() : eol + 1;
  }
  return std::string_view(text).substr(from, at - from);
}

// PostgreSQL's error position (1-based, in characters of the statement
// sent) as a byte range of the file: the word it points at.
Span error_span(const SourceFile& src, const Sent& st, int position) {
  if (position <= 0) return make_span(src, st.begin, st.end);
  const std::string& text = src.text();
  size_t at = st.begin;
  for (int chars = 1; chars < position && at < st.end; ++chars) {
    ++at;
    while (at < st.end && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  }
  size_t end = at;
  while (end < st.end && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' || text[end] == '.' ||
                          (static_cast<unsigned char>(text[end]) & 0x80)))
    ++end;
  if (end == at && at < st.end) ++end;
  return make_span(src, at, end);
}

// The static rule whose meaning a PostgreSQL error matches, when one does.
std::string_view rule_for_sqlstate(std::string_view s) {
  if (s == "42P01" || s == "42704" || s == "42883" || s == "42703" || s == "3F000") return "unknown-object";
  if (s == "42P07" || s == "42710" || s == "42701" || s == "42723" || s == "42P06") return "duplicate-object";
  if (s == "2BP01") return "dependent-objects";
  if (s == "54011") return "too-many-columns";
  if (s == "42601") return "syntax-error";
  return {};
}

bool is_failure_rule(std::string_view id) {
  return id == "unknown-object" || id == "duplicate-object" || id == "dependent-objects" || id == "too-many-columns" ||
         id == "syntax-error";
}

struct ApplyResult {
  bool ok = true;
  std::optional<PgError> error;
  Span error_span;
  bool outside_transaction = false;
  double ms = 0;
  std::vector<StatementRun> statements;
};

// "PostgreSQL 15.18", without the packager's suffix.
std::string server_name(const Server& s) {
  const std::string& v = s.version_text();
  return "PostgreSQL " + v.substr(0, v.find(' '));
}

// Locks the migration's backend holds on relations, read on a second
// connection (the migration's own transaction is not touched). A relation
// the observer cannot see in pg_class was created by the uncommitted
// transaction, so it did not exist before.
std::vector<ObservedLock> held_locks(Connection& observer, int pid) {
  const Rows r = observer.query(
      fmt::format("SELECT l.relation::text, CASE WHEN c.oid IS NULL THEN l.relation::text ELSE quote_ident(n.nspname) "
                  "|| '.' || quote_ident(c.relname) END, l.mode, "
                  "coalesce(c.relkind::text, '') FROM pg_catalog.pg_locks l "
                  "LEFT JOIN pg_catalog.pg_class c ON c.oid = l.relation "
                  "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                  "WHERE l.pid = {} AND l.locktype = 'relation' AND l.granted "
                  "AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) "
                  "AND (n.nspname IS NULL OR (n.nspname NOT IN ('pg_catalog', 'information_schema') "
                  "AND n.nspname NOT LIKE 'pg\\_toast%')) ORDER BY 1, 3",
                  pid));
  std::vector<ObservedLock> out;
  for (const auto& row : r.rows) {
    ObservedLock l;
    l.relation = row[1].value_or("");
    l.mode = row[2].value_or("");
    const std::string kind = row[3].value_or("");
    l.existed_before = kind == "r" || kind == "p" || kind == "m";
    out.push_back(std::move(l));
  }
  return out;
}

class Runner {
 public:
  Runner(Server& server, const FolderAnalysis& fa, const VerifyOptions& o, int pg_version)
      : server_(server), o_(o), pg_version_(pg_version) {
    for (const auto& f : fa.files) files_[f->source->path().str()] = f.get();
  }

  const ParsedFile* file(const Section& s) const {
    auto it = files_.find(shown(s));
    return it == files_.end() ? nullptr : it->second;
  }

  // Applies one half on `db`. With `observe`, each statement's new locks are
  // read on a second connection while the transaction is still open.
  ApplyResult apply(const std::string& db, const Section& section, bool in_transaction, bool observe) {
    ApplyResult res;
    const ParsedFile* f = file(section);
    if (!f) {
      res.ok = false;
      res.error = PgError{"", "the file could not be read", "", 0, false};
      return res;
    }
    const auto stmts = statements_of(*f, section);
    const std::string& text = f->source->text();
    // A file its runner sends as one query runs in PostgreSQL's implicit
    // transaction block: the same as an explicit one.
    in_transaction = in_transaction || sent_as_one_query(*f, false, stmts.size());
    const auto t0 = Clock::now();
    for (int attempt = 0; attempt < 2; ++attempt) {
      res = ApplyResult{};
      res.outside_transaction = !in_transaction;
      Connection conn(server_.params(db));
      std::unique_ptr<Connection> observer;
      if (observe) observer = std::make_unique<Connection>(server_.params(db));
      const int pid = conn.backend_pid();
      std::set<std::pair<std::string, std::string>> seen;  // (relation, mode) held before this statement
      if (in_transaction) conn.run("BEGIN");
      bool retry = false;
      for (const auto& st : stmts) {
        const std::string sql = text.substr(st.begin, st.end - st.begin);
        // Outside a transaction a statement's locks go as it ends: each one
        // runs in a transaction of its own (the same locks, the same
        // effects), paused after it while its locks are read.
        bool wrapped = observer && !conn.in_transaction() && st.node &&
                       st.node->node_case() != pg_query::Node::kTransactionStmt;
        if (wrapped) conn.run("BEGIN");
        const auto s0 = Clock::now();
        const std::string_view data = copy_data_after(text, st);
        auto err = conn.run(sql, o_.statement_timeout, data);
        if (err && wrapped && err->sqlstate == "25001") {  // refuses a transaction block: run it bare
          conn.run("ROLLBACK");
          wrapped = false;
          err = conn.run(sql, o_.statement_timeout, data);
        }
        StatementRun sr;
        sr.ms = ms_since(s0);
        sr.span = make_span(*f->source, st.begin, st.end);
        if (st.node) {
          sr.static_known = true;
          for (const auto& l : statement_locks(*st.node, pg_version_))
            sr.static_locks.emplace_back(l.is_index ? std::string() : l.relname, l.mode);
        }
        if (err) {
          if (in_transaction && attempt == 0 && err->sqlstate == "25001") {
            retry = true;  // CREATE INDEX CONCURRENTLY and the like: run the file as its runner must
            break;
          }
          res.ok = false;
          res.error = err;
          res.error_span = error_span(*f->source, st, err->position);
          if (conn.in_transaction()) conn.run("ROLLBACK");
          res.statements.push_back(std::move(sr));
          break;
        }
        if (observer && conn.in_transaction()) {
          sr.locks_observed = true;
          for (auto& l : held_locks(*observer, pid)) {
            const auto mode = lock_mode_of(l.mode);
            if (l.existed_before && mode) {
              auto [it, fresh] = sr.held.try_emplace(l.relation, *mode);
              if (!fresh && it->second < *mode) it->second = *mode;
            }
            if (seen.emplace(l.relation, l.mode).second) sr.locks.push_back(std::move(l));
          }
        }
        res.statements.push_back(std::move(sr));
        if (wrapped) {
          seen.clear();  // released
          if (auto commit_err = conn.run("COMMIT", o_.statement_timeout)) {
            res.ok = false;
            res.error = commit_err;
            res.error_span = make_span(*f->source, st.begin, st.end);
            break;
          }
        }
      }
      if (retry) {
        if (conn.in_transaction()) conn.run("ROLLBACK");
        in_transaction = false;
        continue;
      }
      if (res.ok && conn.in_transaction()) {
        if (auto err = conn.run("COMMIT", o_.statement_timeout)) {
          res.ok = false;
          res.error = err;
          res.error_span = stmts.empty() ? make_span(*f->source, section.begin, section.begin)
                                         : make_span(*f->source, stmts.back().begin, stmts.back().end);
        }
      }
      break;
    }
    res.ms = ms_since(t0);
    return res;
  }

  // The finding for a failed half: under the static rule that names the
  // same error, or migration-fails.
  Diagnostic failure_finding(const ApplyResult& r, std::string_view half) const {
    const std::string server = server_name(server_);
    const PgError& e = *r.error;
    const std::string_view rule = e.timed_out ? std::string_view() : rule_for_sqlstate(e.sqlstate);
    const std::string error = e.sqlstate.empty() ? e.message : fmt::format("{} (SQLSTATE {})", e.message, e.sqlstate);
    Diagnostic d;
    if (const Rule* known = rule.empty() ? nullptr : find_rule(rule)) {
      d.rule = known->meta().id;
      d.severity = known->meta().severity;
      d.span = r.error_span;
      d.message = fmt::format("observed: {} refused the {}: {}", server, half, error);
    } else {
      d = migration_fails_finding(r.error_span, half, server, error, e.timed_out);
    }
    if (!e.detail.empty()) d.notes.push_back({r.error_span, e.detail});
    return d;
  }

 private:
  Server& server_;
  const VerifyOptions& o_;
  int pg_version_;
  std::unordered_map<std::string, const ParsedFile*> files_;
};

// What the static analysis says each migration does, and which statements
// its lock rules flag.
struct StaticView {
  std::map<std::string, std::vector<const Diagnostic*>> by_path;

  explicit StaticView(const AnalysisResult& r) {
    for (const auto& d : r.diagnostics) by_path[d.span.path.str()].push_back(&d);
  }

  std::vector<const Diagnostic*> in(const Section& s) const {
    std::vector<const Diagnostic*> out;
    auto it = by_path.find(shown(s));
    if (it == by_path.end()) return out;
    for (const Diagnostic* d : it->second)
      if (d->span.begin >= s.begin && (d->span.begin < s.end || s.end == SIZE_MAX)) out.push_back(d);
    return out;
  }

  Verdict expected(const Migration& m) const {
    if (m.up)
      for (const Diagnostic* d : in(*m.up))
        if (d->severity == Severity::Error && is_failure_rule(d->rule.str())) return Verdict::UpFailed;
    if (!m.down) return Verdict::NoDown;
    bool differs = false;
    for (const Diagnostic* d : in(*m.down)) {
      if (d->severity == Severity::Error && is_failure_rule(d->rule.str())) return Verdict::DownFailed;
      differs = differs || d->rule == "down-not-inverse";
    }
    return differs ? Verdict::Differs : Verdict::Identical;
  }

  // A static lock rule's finding on this statement, if any: one about the
  // statement's own change before one about the missing timeout around it.
  std::string lock_rule_on(const Span& statement) const {
    auto it = by_path.find(statement.path.str());
    if (it == by_path.end()) return {};
    std::string timeout_rule;
    for (const Diagnostic* d : it->second) {
      if (d->span.begin < statement.begin || d->span.begin > statement.end) continue;
      const Rule* r = find_rule(d->rule.str());
      if (!r || r->meta().group != "locking") continue;
      if (!d->rule.starts_with("require-") || !d->rule.ends_with("-timeout")) return d->rule.str();
      if (timeout_rule.empty()) timeout_rule = d->rule.str();
    }
    // A rule of another group that names the lock (ban-drop-table, renaming-table, ...).
    for (const Diagnostic* d : it->second)
      if (d->span.begin >= statement.begin && d->span.begin <= statement.end &&
          d->message.find("ACCESS EXCLUSIVE lock on") != std::string::npos)
        return d->rule.str();
    return timeout_rule;
  }
};

std::string unqualified(const std::string& relation) {
  const auto dot = relation.rfind('.');
  std::string name = dot == std::string::npos ? relation : relation.substr(dot + 1);
  if (name.size() >= 2 && name.front() == '"') name = name.substr(1, name.size() - 2);
  return name;
}

// Where the model's locks for a statement and the observed ones differ on
// ACCESS EXCLUSIVE for a table that existed before the migration: the
// statement took it and the model does not say so, or the model says so and
// the table was not held so once the statement ran.
std::optional<std::string> lock_disagreement(const StatementRun& st) {
  if (!st.static_known || !st.locks_observed) return std::nullopt;
  constexpr std::string_view kAel = "AccessExclusiveLock";
  std::vector<std::string> parts;
  std::map<std::string, std::pair<std::string, LockMode>> predicted;  // unqualified table → as written, mode
  bool index_table_ael = false;  // DROP INDEX and the like: ACCESS EXCLUSIVE on the index's table, unnamed
  for (const auto& [name, mode] : st.static_locks) {
    if (name.empty()) {
      index_table_ael = index_table_ael || mode == LockMode::AccessExclusive;
      continue;
    }
    auto [it, fresh] = predicted.try_emplace(unqualified(name), name, mode);
    if (!fresh && it->second.second < mode) it->second.second = mode;
  }
  for (const auto& l : st.locks) {
    if (!l.existed_before || l.mode != kAel) continue;
    auto it = predicted.find(unqualified(l.relation));
    if (it == predicted.end() && index_table_ael) continue;
    if (it == predicted.end() || it->second.second != LockMode::AccessExclusive)
      parts.push_back(fmt::format("took ACCESS EXCLUSIVE on {}; the model says {}", l.relation,
                                  it == predicted.end() ? std::string("no lock") : pg_lock_name(it->second.second)));
  }
  for (const auto& [table, what] : predicted) {
    if (what.second != LockMode::AccessExclusive) continue;
    std::optional<LockMode> real;
    for (const auto& [relation, mode] : st.held)
      if (unqualified(relation) == table) real = mode;
    if (real && *real != LockMode::AccessExclusive)  // held less strongly (absent: created by the migration)
      parts.push_back(fmt::format("the model says ACCESS EXCLUSIVE on {}; the strongest lock held was {}", what.first,
                                  pg_lock_name(*real)));
  }
  if (parts.empty()) return std::nullopt;
  return fmt::format("locks: {}", fmt::join(parts, "; "));
}

}  // namespace

VerifyReport verify_folder(const FolderAnalysis& fa, const AnalysisResult& static_result, const Config& config,
                           const VerifyOptions& o) {
  const auto t0 = Clock::now();
  VerifyReport report;
  auto server = Server::open(o.server);
  report.server = server->where();
  report.version = server->version_text();
  const std::string server_text = server_name(*server);
  Runner runner(*server, fa, o, config.pg_version);
  const StaticView statics(static_result);

  // Which migrations are verified; those before --from are applied only,
  // those after --to not at all.
  const auto from = parse_version(o.from), to = parse_version(o.to);
  std::vector<size_t> to_verify;
  size_t last = 0;  // one past the last migration run
  for (; last < fa.folder.migrations.size(); ++last) {
    const Migration& m = fa.folder.migrations[last];
    if (to && !m.key.empty() && *to < m.key) break;
    if (!from || m.key.empty() || !(m.key < *from)) to_verify.push_back(last);
  }
  report.migrations.resize(to_verify.size());
  for (size_t k = 0; k < to_verify.size(); ++k) {
    const Migration& m = fa.folder.migrations[to_verify[k]];
    MigrationRun& run = report.migrations[k];
    run.id = std::string(migration_stem(m, *fa.folder.layout));
    run.version = m.version;
    if (m.up) run.up = shown(*m.up);
    if (m.down) run.down = shown(*m.down);
    run.expected = statics.expected(m);
  }
  std::vector<std::vector<Diagnostic>> found(to_verify.size());

  // Round trips run on copies, on worker threads when --jobs allows.
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::function<void()>> tasks;
  bool closing = false;
  std::string worker_fatal;
  std::vector<std::thread> workers;
  const unsigned nworkers = o.jobs > 1 ? o.jobs - 1 : 0;
  for (unsigned w = 0; w < nworkers; ++w)
    workers.emplace_back([&] {
      for (;;) {
        std::function<void()> task;
        {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return closing || !tasks.empty(); });
          if (tasks.empty()) return;
          task = std::move(tasks.front());
          tasks.pop_front();
        }
        task();
      }
    });
  auto submit = [&](std::function<void()> f) {
    if (nworkers == 0) return f();
    {
      const std::lock_guard lock(mu);
      tasks.push_back(std::move(f));
    }
    cv.notify_one();
  };
  std::atomic<size_t> done{0};
  auto progressed = [&](const std::string& id) {
    const size_t n = ++done;
    if (o.progress) {
      const std::lock_guard lock(mu);
      o.progress(n, to_verify.size(), id);
    }
  };

  size_t next = 0;  // index into to_verify
  try {
    const std::string chain = server->create_database();
    for (size_t i = 0; i < last; ++i) {
      throw_if_interrupted();
      const Migration& m = fa.folder.migrations[i];
      const bool verified = next < to_verify.size() && to_verify[next] == i;
      if (!verified) {  // before --from
        if (!m.up) continue;
        const ApplyResult r = runner.apply(chain, *m.up, m.in_transaction, false);
        if (!r.ok) {
          report.fatal = fmt::format("migration {} (before --from) does not apply: {}",
                                     migration_stem(m, *fa.folder.layout), r.error->message);
          break;
        }
        continue;
      }
      const size_t slot = next++;
      MigrationRun& run = report.migrations[slot];
      if (!m.up) {
        run.real = Verdict::NotRun;
        progressed(run.id);
        continue;
      }
      const std::string before = server->dump(chain);
      const ApplyResult up = runner.apply(chain, *m.up, m.in_transaction, true);
      run.up_ms = up.ms;
      run.statements = up.statements;
      run.up_outside_transaction = up.outside_transaction && m.in_transaction;
      for (const auto& st : up.statements) {
        std::vector<std::string> tables;
        for (const auto& l : st.locks)
          if (l.existed_before && l.mode == "AccessExclusiveLock") tables.push_back(l.relation);
        if (!tables.empty())
          found[slot].push_back(access_exclusive_lock_finding(
              st.span, statics.lock_rule_on(st.span), fmt::format("{}", fmt::join(tables, ", ")), server_text, st.ms));
      }
      if (!up.ok) {
        run.real = Verdict::UpFailed;
        run.error = up.error->message;
        found[slot].push_back(runner.failure_finding(up, "up"));
        progressed(run.id);
        break;  // a runner stops at a failed migration
      }
      if (!m.down) {
        run.real = Verdict::NoDown;
        progressed(run.id);
        continue;
      }
      const std::string copy = server->create_database(chain);
      submit([&, slot, copy, before, &m = m] {
        MigrationRun& r = report.migrations[slot];
        try {
          const ApplyResult down = runner.apply(copy, *m.down, m.in_transaction, false);
          r.down_ms = down.ms;
          if (!down.ok) {
            r.real = Verdict::DownFailed;
            r.error = down.error->message;
            found[slot].push_back(runner.failure_finding(down, "down"));
          } else {
            const std::string after = server->dump(copy);
            if (after == before) {
              r.real = Verdict::Identical;
            } else {
              r.real = Verdict::Differs;
              r.diff = unified_diff(before, after, "before the up", "after the down");
              const Rule* rule = find_rule("down-not-inverse");
              Diagnostic d;
              d.rule = rule->meta().id;
              d.severity = rule->meta().severity;
              const ParsedFile* f = runner.file(*m.down);
              const size_t b = std::min(m.down->begin, f->source->size());
              d.span = make_span(*f->source, b, b);
              d.message = fmt::format("observed: after this down, the schema differs from before the up on {} ({})",
                                      server_text, diff_summary(r.diff));
              d.help = "make the down recreate exactly what the up changed; the diff is in the report";
              found[slot].push_back(std::move(d));
            }
            const ApplyResult again = runner.apply(copy, *m.up, m.in_transaction, false);
            r.reup_ok = again.ok;
            if (!again.ok) {
              Diagnostic d = runner.failure_finding(again, "up");
              d.message += " (run again after the down)";
              found[slot].push_back(std::move(d));
            }
          }
          server->drop_database(copy);
        } catch (const std::exception& e) {
          const std::lock_guard lock(mu);
          if (worker_fatal.empty()) worker_fatal = e.what();
        }
        progressed(r.id);
      });
    }
  } catch (const Interrupted&) {
    report.fatal = "interrupted";
  } catch (const std::exception& e) {
    report.fatal = e.what();  // the server went away, or a scratch database could not be made
  }
  {
    const std::lock_guard lock(mu);
    closing = true;
  }
  cv.notify_all();
  for (auto& w : workers) w.join();
  if (report.fatal.empty() && interrupted()) report.fatal = "interrupted";
  if (report.fatal.empty()) report.fatal = worker_fatal;

  for (size_t i = 0; i < report.migrations.size(); ++i) {
    MigrationRun& r = report.migrations[i];
    for (auto& d : found[i]) report.findings.push_back(std::move(d));
    if (r.real == Verdict::NotRun) continue;
    const Symbol at = r.real == Verdict::DownFailed || r.real == Verdict::Differs ? r.down : r.up;
    Span where;
    where.path = at;
    if (r.real != r.expected)
      report.disagreements.push_back(
          {r.id, where, fmt::format("static: {}, real: {}", verdict_name(r.expected), verdict_name(r.real))});
    for (const auto& st : r.statements)
      if (auto what = lock_disagreement(st)) report.disagreements.push_back({r.id, st.span, *what});
  }
  std::stable_sort(report.findings.begin(), report.findings.end(), diagnostic_less);
  report.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return report;
}

}  // namespace miglint::verify
