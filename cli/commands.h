// The subcommands behind cli/main.cpp.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "analyzer/engine/runner.h"

namespace miglint {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CommonOptions {
  std::vector<std::string> paths;
  std::string config;
  std::string format = "human";
  std::string color = "auto";
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string fail_on = "warning";
  unsigned jobs = 0;
  std::string stdin_filename;
  std::string since;
  std::string baseline;
  std::string write_baseline;
  int pg_version = 0;  // --pg-version: replaces the config's pg_version when set
};

struct SchemaOptions {
  std::string dir;
  std::string at;
  std::string format = "sql";
  std::string config;
  int pg_version = 0;
};

AnalysisOptions analysis_options(const CommonOptions& o);
bool use_color(const std::string& mode);
int exit_code_for(const AnalysisResult& r, const std::string& fail_on);
// --write-baseline and --baseline: writes the findings' keys, or keeps the
// findings the baseline does not know.
void apply_baselines(const CommonOptions& o, const AnalysisOptions& a, AnalysisResult& r);

int run_check(const CommonOptions& o);
int run_audit(const CommonOptions& o);
int run_schema(const SchemaOptions& o);
int run_rules(bool json);
int run_explain(const std::string& id);
int run_lsp();
int run_sum(const CommonOptions& o);

// What an option's or argument's value may be, for shell completion.
struct ValueHint {
  enum Kind { Free, File, Dir, Rule } kind = Free;
  std::vector<std::string> choices;  // for Free: the accepted values, if fixed
};
// Keyed by "subcommand:--option", "subcommand:positional-name" or, for every
// subcommand, "--option".
using CompletionHints = std::map<std::string, ValueHint>;
const std::vector<std::string>& completion_shells();
int run_completions(const CLI::App& app, const CompletionHints& hints, const std::string& shell);

// "miglint 0.1.0 (commit …, PostgreSQL … grammar)": the version, the commit
// it was built from and the grammar the parser was generated from.
std::string version_line();

}  // namespace miglint
