// What every subcommand shares: the effective configuration, the paths to
// analyse, analysis options from the command line, colour, baselines and the
// exit code. Subcommands call into it; it calls none of them.
#include "cli/common.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "analyzer/config/pattern.h"
#include "analyzer/diag/baseline.h"
#include "analyzer/output/links.h"
#include "analyzer/source/file_io.h"
#ifdef MIGLINT_WITH_TCMALLOC
#include <gperftools/malloc_extension.h>
#endif

namespace miglint {

namespace fs = std::filesystem;

namespace {

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

namespace {
// Standard input as bytes, refused past the file size limit (it may be
// /dev/zero or a pipe that never ends).
std::string read_stdin(std::size_t limit) {
  std::string text;
  char buf[65536];
  while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
    const auto n = static_cast<std::size_t>(std::cin.gcount());
    if (text.size() + n > limit) throw UsageError("standard input is " + too_large_reason(limit));
    text.append(buf, n);
  }
  return text;
}
}  // namespace

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

AnalysisOptions analysis_options(const CommonOptions& o) {
  AnalysisOptions a;
#ifdef MIGLINT_WITH_TCMALLOC
  // A large folder: give freed memory back to the system at once instead of
  // keeping it for reuse. Loading it frees hundreds of megabytes that the
  // analysis, allocating other sizes, does not reuse all of (peak 965 -> 841
  // MB at 100,000 migrations, in the same time). Small runs would only pay
  // the page faults (~10 % on the corpus), and so would the language server,
  // whose next analysis reuses what the last one freed. A huge file's frees
  // (its parser's scratch memory, its trees a part at a time) are reused by
  // tcmalloc: giving them back after each cost 40,000 page faults and 5 % of
  // the time of 100,000 CREATE TABLE, for no lower peak.
  a.on_loaded = [](size_t files) {
    if (files < 5000) return;
    MallocExtension::instance()->ReleaseFreeMemory();
    MallocExtension::instance()->SetNumericProperty("tcmalloc.aggressive_memory_decommit", 1);
  };
#endif
  a.config = load_effective_config(o);
  set_max_file_bytes(a.config.max_file_bytes);
  set_rule_doc_url(a.config.doc_url);
  if (o.pg_version) a.config.pg_version = o.pg_version;
  if (o.assume_in_transaction) a.config.assume_in_transaction = o.assume_in_transaction;
  if (!o.exclude.empty()) {
    a.config.exclude = PathFilter();
    for (const auto& glob : o.exclude) {
      std::string error;
      if (!a.config.exclude.add(glob, fs::current_path(), &error))
        throw UsageError(fmt::format("--exclude \"{}\" is not a usable glob: {}", glob, error));
    }
  }
  a.paths = resolve_paths(o, a.config);
  a.select = split_ids(o.select);
  a.ignore = split_ids(o.ignore);
  a.jobs = o.jobs;
  if (!o.since.empty()) a.since = o.since;
  if (!o.stdin_filename.empty()) {
    std::string text = read_stdin(a.config.max_file_bytes);
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
    std::cerr << "miglint: wrote " << found.size() << (found.size() == 1 ? " finding" : " findings") << " to "
              << o.write_baseline << '\n';
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

}  // namespace miglint
