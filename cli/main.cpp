// miglint's command line: check, audit, schema, rules, explain, lsp, sum,
// completions.
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
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

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

std::vector<std::string> split_ids(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const auto& s : in) {
    size_t b = 0;
    while (b <= s.size()) {
      size_t e = s.find(',', b);
      if (e == std::string::npos) e = s.size();
      std::string id = s.substr(b, e - b);
      while (!id.empty() && id.front() == ' ') id.erase(id.begin());
      while (!id.empty() && id.back() == ' ') id.pop_back();
      if (!id.empty()) out.push_back(id);
      b = e + 1;
    }
  }
  return out;
}

Config load_effective_config(const CommonOptions& o) {
  if (!o.config.empty()) {
    if (!fs::exists(o.config)) throw ConfigError(fmt::format("{}: config file not found", o.config));
    return load_config(o.config);
  }
  if (auto found = find_config(fs::current_path())) return load_config(*found);
  // Then next to what is analysed, like ruff: `miglint check examples/migrations`
  // from elsewhere still finds examples/miglint.toml.
  const std::string first = !o.stdin_filename.empty() ? o.stdin_filename : o.paths.empty() ? "" : o.paths.front();
  if (!first.empty()) {
    std::error_code ec;
    fs::path start = fs::absolute(first, ec);
    if (!ec && !fs::is_directory(start, ec)) start = start.parent_path();
    if (!ec)
      if (auto found = find_config(start)) return load_config(*found);
  }
  return Config{};
}

// PATH arguments, or the configured/conventional migrations folder.
std::vector<fs::path> resolve_paths(const CommonOptions& o, const Config& config) {
  std::vector<fs::path> paths;
  for (const auto& p : o.paths) paths.emplace_back(p);
  if (!o.stdin_filename.empty()) return {fs::path(o.stdin_filename)};
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::exists(p, ec) && !fs::is_symlink(p, ec))
      throw UsageError(fmt::format("{}: no such file or directory", p.string()));
  }
  if (!paths.empty()) return paths;
  if (config.migrations_dir) {
    fs::path dir = *config.migrations_dir;
    if (dir.is_relative() && !config.file.empty()) dir = config.file.parent_path() / dir;
    return {dir};
  }
  if (fs::is_directory("migrations")) return {fs::path("migrations")};
  throw UsageError(
      "no path given, no `migrations.dir` in miglint.toml, and no ./migrations folder: pass the migrations folder "
      "or a file, e.g. `miglint check db/migrations`");
}

}  // namespace

namespace miglint {

AnalysisOptions analysis_options(const CommonOptions& o) {
  AnalysisOptions a;
#ifdef MIGLINT_WITH_TCMALLOC
  // A large folder: give freed memory back to the system at once instead of
  // keeping it for reuse. Loading it frees hundreds of megabytes that the
  // analysis, allocating other sizes, does not reuse all of (peak 965 -> 841
  // MB at 100,000 migrations, in the same time). Small runs would only pay
  // the page faults (~10 % on the corpus), and so would the language server,
  // whose next analysis reuses what the last one freed.
  a.on_loaded = [](size_t files) {
    if (files < 5000) return;
    MallocExtension::instance()->ReleaseFreeMemory();
    MallocExtension::instance()->SetNumericProperty("tcmalloc.aggressive_memory_decommit", 1);
  };
#endif
  a.config = load_effective_config(o);
  if (o.pg_version) a.config.pg_version = o.pg_version;
  a.paths = resolve_paths(o, a.config);
  a.select = split_ids(o.select);
  a.ignore = split_ids(o.ignore);
  a.jobs = o.jobs;
  if (!o.since.empty()) a.since = o.since;
  if (!o.stdin_filename.empty()) {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    std::error_code ec;
    a.overlays[fs::weakly_canonical(o.stdin_filename, ec)] = std::move(text);
  }
  return a;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return isatty(STDOUT_FILENO) != 0;
}

void apply_baselines(const CommonOptions& o, const AnalysisOptions& a, AnalysisResult& r) {
  if (o.write_baseline.empty() && o.baseline.empty()) return;
  // Unsaved text stands for the file, as in the analysis.
  const TextLookup lookup = [&a, base = disk_text_lookup()](const std::string& path) -> std::optional<std::string> {
    std::error_code ec;
    if (const auto it = a.overlays.find(std::filesystem::weakly_canonical(path, ec)); it != a.overlays.end())
      return it->second;
    return base(path);
  };
  const std::vector<Diagnostic> found = r.diagnostics.to_vector();
  if (!o.write_baseline.empty()) {
    Baseline::from_diagnostics(found, lookup).save(o.write_baseline);
    std::cerr << "miglint: wrote " << found.size() << " finding(s) to " << o.write_baseline << '\n';
  }
  if (!o.baseline.empty()) r.diagnostics = Baseline::load(o.baseline).filter(found, lookup);
}

int exit_code_for(const AnalysisResult& r, const std::string& fail_on) {
  if (fail_on == "never") return kExitOk;
  const Severity threshold = *parse_severity(fail_on);
  for (const auto& d : r.diagnostics)
    if (d.severity >= threshold) return kExitFindings;
  return kExitOk;
}

const std::vector<std::string> kFormats = {"human", "json", "gcc", "sarif", "github", "gitlab", "junit", "lsp", "markdown", "html"};
const std::vector<std::string> kColors = {"auto", "always", "never"};
const std::vector<std::string> kFailOn = {"error", "warning", "info", "never"};
const std::vector<std::string> kSchemaFormats = {"sql", "json"};

void add_pg_version_option(CLI::App* cmd, int& v) {
  cmd->add_option("--pg-version", v, "PostgreSQL major version the migrations run on (default: pg_version, else 15)")
      ->check(CLI::Range(9, 18));
}

void add_common_options(CLI::App* cmd, CommonOptions& o, bool with_paths) {
  if (with_paths) cmd->add_option("paths", o.paths, "migration folders or files (default: migrations.dir, else ./migrations)");
  cmd->add_option("--config", o.config, "config file (default: nearest miglint.toml)");
  cmd->add_option("--format", o.format, "human, json, gcc, sarif, github, gitlab, junit, lsp")
      ->check(CLI::IsMember(kFormats));
  cmd->add_option("--color", o.color, "auto, always, never (honours NO_COLOR)")->check(CLI::IsMember(kColors));
  // One value per occurrence, so `--select a,b PATH` leaves PATH alone.
  cmd->add_option("--select", o.select, "only these rules (comma-separated ids, or all)")
      ->allow_extra_args(false);
  cmd->add_option("--ignore", o.ignore, "skip these rules (comma-separated ids)")
      ->allow_extra_args(false);
  cmd->add_option("--fail-on", o.fail_on, "lowest severity that fails the run: error, warning, info, never")
      ->check(CLI::IsMember(kFailOn));
  cmd->add_option("--jobs,-j", o.jobs, "parallel jobs (default: one per core)");
  cmd->add_option("--stdin-filename", o.stdin_filename, "read the file's text from stdin and report it as this path");
  cmd->add_option("--since", o.since, "report only on migrations added or changed since this git ref");
  cmd->add_option("--baseline", o.baseline, "known findings (from --write-baseline) that do not fail the run");
  cmd->add_option("--write-baseline", o.write_baseline, "write the current findings to this baseline file");
  add_pg_version_option(cmd, o.pg_version);
}

std::string version_line() {
  return fmt::format("miglint {} (commit {}, PostgreSQL {} grammar)", MIGLINT_VERSION, kMiglintCommit, PG_VERSION);
}

}  // namespace miglint

int main(int argc, char** argv) {
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
  add_common_options(check, check_opts, true);
  auto* audit = app.add_subcommand("audit", "whole-folder report with summary tables");
  add_common_options(audit, audit_opts, true);

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

  std::string shell;
  auto* completions = app.add_subcommand("completions", "print a shell completion script (bash, zsh, fish)");
  completions->add_option("shell", shell, "bash, zsh or fish")->required()->check(CLI::IsMember(completion_shells()));

  const CompletionHints hints = {
      {"--format", {ValueHint::Free, kFormats}},
      {"schema:--format", {ValueHint::Free, kSchemaFormats}},
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
