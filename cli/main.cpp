// miglint's command line: check, audit, schema, verify, rules, explain, lsp,
// sum, completions.
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pg_query.h>

#include "analyzer/config/config.h"
#include "analyzer/diag/baseline.h"
#include "analyzer/migrations/git.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/runner.h"
#include "analyzer/output/output.h"
#include "cli/commands.h"
#ifdef MIGLINT_WITH_TCMALLOC
#include <gperftools/malloc_extension.h>
#endif

namespace fs = std::filesystem;
using namespace miglint;

extern const char* const kMiglintCommit;  // tools/build_info.cmake

namespace miglint {

// What each command's --format accepts: its help and its completions list
// exactly these, and every other name is a usage error.
const std::vector<std::string> kCheckFormats = {"human", "json", "gcc", "sarif", "github", "gitlab", "junit", "lsp"};
const std::vector<std::string> kAuditFormats = {"human", "markdown", "html", "json"};
const std::vector<std::string> kColors = {"auto", "always", "never"};
const std::vector<std::string> kFailOn = {"error", "warning", "info", "never"};
const std::vector<std::string> kSchemaFormats = {"sql", "json"};
const std::vector<std::string> kVerifyFormats = {"human", "json", "sarif", "github", "gitlab", "junit"};

void add_pg_version_option(CLI::App* cmd, int& v) {
  cmd->add_option("--pg-version", v, "PostgreSQL major version the migrations run on (default: pg_version, else 15)")
      ->check(CLI::Range(9, 18));
}

void add_common_options(CLI::App* cmd, CommonOptions& o, bool with_paths, const std::vector<std::string>& formats) {
  if (with_paths)
    cmd->add_option("paths", o.paths, "migration folders or files (default: migrations.dir, else ./migrations)");
  cmd->add_option("--config", o.config, "config file (default: nearest miglint.toml)");
  cmd->add_option("--format", o.format, fmt::format("{}", fmt::join(formats, ", ")))->check(CLI::IsMember(formats));
  cmd->add_option("--color", o.color, "auto, always, never (honours NO_COLOR)")->check(CLI::IsMember(kColors));
  // One value per occurrence, so `--select a,b PATH` leaves PATH alone.
  cmd->add_option("--select", o.select,
                  "only these rules (comma-separated ids; default: the rules not opt-in; all: every rule)")
      ->allow_extra_args(false);
  cmd->add_option("--ignore", o.ignore, "skip these rules (comma-separated ids)")->allow_extra_args(false);
  cmd->add_option("--fail-on", o.fail_on, "lowest severity that fails the run: error, warning, info, never")
      ->check(CLI::IsMember(kFailOn));
  cmd->add_option("--jobs,-j", o.jobs, "parallel jobs (default: one per core)");
  cmd->add_option("--stdin-filename", o.stdin_filename, "read the file's text from stdin and report it as this path");
  cmd->add_option("--since", o.since, "report only on migrations added or changed since this git ref");
  cmd->add_option("--baseline", o.baseline, "known findings (from --write-baseline) that do not fail the run");
  cmd->add_option("--write-baseline", o.write_baseline, "write the current findings to this baseline file");
  cmd->add_option("--exclude", o.exclude,
                  "leave out files and folders matching this glob (repeatable; replaces the config's exclude)")
      ->allow_extra_args(false);
  add_pg_version_option(cmd, o.pg_version);
  cmd->add_flag_callback(
      "--assume-in-transaction", [&o] { o.assume_in_transaction = true; },
      "each migration runs in a transaction unless it says otherwise (default: assume_in_transaction, else the "
      "folder's runner)");
  cmd->add_flag_callback(
      "--no-assume-in-transaction", [&o] { o.assume_in_transaction = false; },
      "each migration runs outside a transaction unless it says otherwise");
}

std::string version_line() {
  return fmt::format("miglint {} (commit {}, PostgreSQL {} grammar)", MIGLINT_VERSION, kMiglintCommit, PG_VERSION);
}

}  // namespace miglint

namespace {
int run_main(int argc, char** argv) {
  // With the C library's malloc (MIGLINT_TCMALLOC=OFF; tcmalloc and the
  // sanitizers ignore this): worker threads' arenas grow their heaps with one
  // mprotect call per step (128 KiB by default); analysing a folder allocates
  // steadily, so grow in larger steps. Untouched pages cost no memory.
  mallopt(M_TOP_PAD, 16 << 20);
  CLI::App app{"miglint: static analysis for PostgreSQL migration folders"};
  app.set_version_flag("--version", version_line());
  app.require_subcommand(1);
  app.fallthrough();

  CommonOptions check_opts, audit_opts;
  auto* check = app.add_subcommand("check", "lint files and migration folders (CI gate)");
  add_common_options(check, check_opts, true, kCheckFormats);
  check->add_flag("--fix", check_opts.fix, "apply the safe fixes of the findings in place, then report what is left");
  check->add_flag("--diff", check_opts.diff, "with --fix: print the fixes as a unified diff instead of writing them");
  check->add_flag("--unsafe-fixes", check_opts.unsafe_fixes,
                  "with --fix: apply fixes that may change what a migration does too (timeouts, CONCURRENTLY, "
                  "NOT VALID)");
  auto* audit = app.add_subcommand("audit", "whole-folder report with summary tables");
  add_common_options(audit, audit_opts, true, kAuditFormats);

  SchemaOptions schema_opts;
  auto* schema = app.add_subcommand("schema", "print the replayed schema");
  schema->add_option("dir", schema_opts.dir, "migrations folder");
  schema->add_option("--at", schema_opts.at, "stop after this version");
  schema->add_option("--format", schema_opts.format, "sql or json")->check(CLI::IsMember(kSchemaFormats));
  schema->add_option("--config", schema_opts.config, "config file");
  add_pg_version_option(schema, schema_opts.pg_version);

  auto* rules = app.add_subcommand("rules", "list rules (id, default severity, one line)");
  bool rules_json = false;
  rules->add_flag("--json", rules_json, "machine-readable list");

  std::string explain_id;
  auto* explain = app.add_subcommand("explain", "print a rule's documentation");
  explain->add_option("rule", explain_id, "rule id")->required();

  auto* lsp = app.add_subcommand("lsp", "language server on stdio");

  CommonOptions sum_opts;
  auto* sum = app.add_subcommand("sum", "write/refresh the checksum file miglint.sum");
  sum->add_option("dir", sum_opts.paths, "migrations folder");
  sum->add_option("--config", sum_opts.config, "config file");

  VerifyCliOptions verify_opts;
  auto* verify = app.add_subcommand("verify", "run every migration on a real PostgreSQL: round trips, errors, locks");
  {
    CommonOptions& c = verify_opts.common;
    verify->add_option("dir", c.paths, "migrations folder (default: migrations.dir, else ./migrations)")
        ->expected(0, 1);
    verify->add_option("--database-url", verify_opts.database_url,
                       "run on this server (libpq URL or key=value string), in scratch databases it creates and "
                       "drops (default: start a throwaway server)");
    verify->add_option("--pg-bin", verify_opts.pg_bin,
                       "PostgreSQL binaries (postgres, initdb, pg_dump) (default: PATH, else the newest "
                       "/usr/lib/postgresql/*/bin)");
    verify->add_option("--from", verify_opts.from, "verify from this version on (earlier ups are only applied)");
    verify->add_option("--to", verify_opts.to, "stop after this version");
    verify
        ->add_option("--statement-timeout", verify_opts.statement_timeout,
                     "seconds a statement may run before it is cancelled and reported")
        ->check(CLI::PositiveNumber);
    verify->add_flag("--allow-non-empty", verify_opts.allow_non_empty,
                     "with --database-url: go on when the named database holds objects");
    verify->add_option("--config", c.config, "config file (default: nearest miglint.toml)");
    verify->add_option("--format", c.format, fmt::format("{}", fmt::join(kVerifyFormats, ", ")))
        ->check(CLI::IsMember(kVerifyFormats));
    verify->add_option("--color", c.color, "auto, always, never (honours NO_COLOR)")->check(CLI::IsMember(kColors));
    verify->add_option("--fail-on", c.fail_on, "lowest severity that fails the run: error, warning, info, never")
        ->check(CLI::IsMember(kFailOn));
    verify->add_option("--jobs,-j", c.jobs, "round trips run at once, each in its own database (default: 2)");
    add_pg_version_option(verify, c.pg_version);
    verify->add_flag_callback(
        "--assume-in-transaction", [&c] { c.assume_in_transaction = true; },
        "each migration runs in a transaction unless it says otherwise");
    verify->add_flag_callback(
        "--no-assume-in-transaction", [&c] { c.assume_in_transaction = false; },
        "each migration runs outside a transaction unless it says otherwise");
  }

  std::string shell;
  auto* completions = app.add_subcommand("completions", "print a shell completion script (bash, zsh, fish)");
  completions->add_option("shell", shell, "bash, zsh or fish")->required()->check(CLI::IsMember(completion_shells()));

  const CompletionHints hints = {
      {"check:--format", {ValueHint::Free, kCheckFormats}},
      {"audit:--format", {ValueHint::Free, kAuditFormats}},
      {"schema:--format", {ValueHint::Free, kSchemaFormats}},
      {"verify:--format", {ValueHint::Free, kVerifyFormats}},
      {"verify:dir", {ValueHint::Dir, {}}},
      {"verify:--pg-bin", {ValueHint::Dir, {}}},
      {"--color", {ValueHint::Free, kColors}},
      {"--fail-on", {ValueHint::Free, kFailOn}},
      {"--select", {ValueHint::Rule, {}}},
      {"--ignore", {ValueHint::Rule, {}}},
      {"--config", {ValueHint::File, {}}},
      {"--baseline", {ValueHint::File, {}}},
      {"--write-baseline", {ValueHint::File, {}}},
      {"--stdin-filename", {ValueHint::File, {}}},
      {"check:paths", {ValueHint::File, {}}},
      {"audit:paths", {ValueHint::File, {}}},
      {"schema:dir", {ValueHint::Dir, {}}},
      {"sum:dir", {ValueHint::Dir, {}}},
      {"explain:rule", {ValueHint::Rule, {}}},
      {"completions:shell", {ValueHint::Free, completion_shells()}},
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  try {
    if (check->parsed()) return run_check(check_opts);
    if (audit->parsed()) return run_audit(audit_opts);
    if (schema->parsed()) return run_schema(schema_opts);
    if (rules->parsed()) return run_rules(rules_json);
    if (explain->parsed()) return run_explain(explain_id);
    if (lsp->parsed()) return run_lsp();
    if (sum->parsed()) return run_sum(sum_opts);
    if (completions->parsed()) return run_completions(app, hints, shell);
    if (verify->parsed()) return run_verify(verify_opts, argc, argv);
  } catch (const ConfigError& e) {
    std::cerr << "miglint: " << e.what() << '\n';
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "miglint: " << e.what() << '\n';
    return kExitUsage;
  } catch (const GitError& e) {
    std::cerr << "miglint: --since: " << e.what() << '\n';
    return kExitUsage;
  } catch (const BaselineError& e) {
    std::cerr << "miglint: baseline: " << e.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "miglint: " << e.what() << '\n';
    return kExitUsage;
  }
  return kExitUsage;
}
}  // namespace

int main(int argc, char** argv) {
  // What escapes the command's own handlers (setting up the command line):
  // an error exit, never std::terminate.
  try {
    return run_main(argc, argv);
  } catch (const std::exception& e) {
    std::fputs("miglint: ", stderr);
    std::fputs(e.what(), stderr);
    std::fputs("\n", stderr);
  } catch (...) {
    std::fputs("miglint: unexpected error\n", stderr);
  }
  return kExitUsage;
}
