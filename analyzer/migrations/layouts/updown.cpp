// updown: <version>_<name>.up.sql + <version>_<name>.down.sql in one folder
// (golang-migrate, sqlx, ente, ory popx, authelia), with popx's dialect and
// .autocommit. infixes and authelia's V<version>.<Name>.up.sql.
//
// Transaction mode: golang-migrate sends the file as one multi-statement
// query without BEGIN; PostgreSQL then runs it as one implicit transaction
// block, but statements that refuse transaction blocks behave differently
// than under BEGIN, so no transaction is claimed. A folder where any file
// carries a dialect or .autocommit. infix is run by ory popx, which wraps
// each migration not marked .autocommit. in a transaction (golang-migrate
// and sqlx have no such infixes); one where any file is named
// V<version>.<Name>.up.sql is authelia's, whose migrator applies the
// pending migrations in one transaction on PostgreSQL.
#include <set>
#include <string>

#include "analyzer/migrations/layout.h"

namespace miglint::layouts {
namespace {

const std::set<std::string, std::less<>> kPgDialects = {"postgres", "postgresql", "pg", "pgx"};
const std::set<std::string, std::less<>> kOtherDialects = {"sqlite",      "sqlite3", "mysql", "mariadb",   "cockroach",
                                                           "cockroachdb", "crdb",    "mssql", "sqlserver", "oracle",
                                                           "clickhouse",  "spanner", "tidb",  "redshift"};

enum class Match { No, Pg, OtherDialect };

// What a name tells of the folder's runner.
struct RunnerHints {
  bool popx_infix = false;     // a dialect or .autocommit. infix: only popx names files so
  bool authelia_name = false;  // V<version>.<Name>: only authelia names files so
};

// <version>_<name>[.<dialect>][.autocommit].(up|down).sql
Match match_updown(std::string_view file, Candidate& c, RunnerHints& hints) {
  std::string_view base = file;
  if (ends_with(base, ".up.sql")) {
    c.part = Part::Up;
    base.remove_suffix(7);
  } else if (ends_with(base, ".down.sql")) {
    c.part = Part::Down;
    base.remove_suffix(9);
  } else {
    return Match::No;
  }
  bool other = false;
  for (int k = 0; k < 2; ++k) {
    size_t dot = base.rfind('.');
    if (dot == std::string_view::npos) break;
    std::string infix = lower(base.substr(dot + 1));
    if (infix == "autocommit") {
      c.in_transaction = false;
    } else if (kPgDialects.count(infix)) {
      c.preferred = true;
    } else if (kOtherDialects.count(infix)) {
      other = true;
    } else {
      break;
    }
    hints.popx_infix = true;
    base = base.substr(0, dot);
  }
  if (!split_version_name(base, c.version, c.name, true, "_.")) return Match::No;
  auto key = parse_version(c.version);
  if (!key) return Match::No;
  c.key = *key;
  c.stem = base;
  hints.authelia_name = (base[0] == 'V' || base[0] == 'v') && base.size() > c.version.size() + 1 &&
                        base[c.version.size() + 1] == '.';
  return other ? Match::OtherDialect : Match::Pg;
}

class Updown final : public LayoutKind {
 public:
  std::string_view name() const override { return "updown"; }

  Detect detect() const override { return Detect::ByName; }
  bool claims_file(std::string_view name, const std::string*) const override {
    Candidate c;
    RunnerHints hints;
    return match_updown(name, c, hints) != Match::No;
  }

  void collect(FolderReader& reader) const override {
    RunnerHints folder_hints;
    for (std::string_view f : reader.top_files()) {
      Candidate c;
      c.rel = f;
      RunnerHints hints;
      Match m = match_updown(f, c, hints);
      folder_hints.popx_infix = folder_hints.popx_infix || hints.popx_infix;
      folder_hints.authelia_name = folder_hints.authelia_name || hints.authelia_name;
      if (m == Match::Pg) reader.add_whole(std::move(c), true);
      else if (m == Match::No && ends_with(f, ".sql")) reader.unmatched(f);
    }
    if (folder_hints.popx_infix || folder_hints.authelia_name) reader.runner_wraps_in_transaction();
  }
  bool listing_decides() const override { return true; }
  bool in_transaction_by_default() const override { return false; }

  std::string_view stem(std::string_view file) const override {
    Candidate c;
    RunnerHints hints;
    match_updown(file_name(file), c, hints);
    return c.stem;
  }
  bool version_of(const std::vector<std::string>& parts, Candidate& c) const override {
    RunnerHints hints;
    return parts.size() == 1 && match_updown(parts[0], c, hints) == Match::Pg;
  }

  Downs downs() const override { return Downs::Expected; }
  std::string missing_down_help(const Migration& m) const override {
    std::string f(file_name(m.up->file.str()));
    if (ends_with(f, ".up.sql")) return "add " + f.substr(0, f.size() - 7) + ".down.sql next to it";
    return "add the down file";
  }
};

}  // namespace

const LayoutKind& updown_layout() {
  static const Updown kind;
  return kind;
}

}  // namespace miglint::layouts
