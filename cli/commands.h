// The subcommands behind cli/main.cpp.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "analyzer/output/output.h"
#include "cli/common.h"

namespace miglint {

int run_check(const CommonOptions& o);
// check --fix / --diff, with the analysis options check made.
int run_fix(const CommonOptions& o, Format format, const AnalysisOptions& options);
int run_audit(const CommonOptions& o);
int run_schema(const SchemaOptions& o);
int run_rules(bool json);
int run_explain(const std::string& id);
int run_lsp();
int run_sum(const CommonOptions& o);
// In `miglint`, which is linked statically, runs `miglint-verify` (the same
// command line, with libpq) in its place; in `miglint-verify`, verifies.
int run_verify(const VerifyCliOptions& o, int argc, char** argv);

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
