// What every subcommand shares (cli/common.cpp).
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/engine/runner.h"

namespace miglint {

// Exit codes: no finding at or above --fail-on; findings; usage, config or
// I/O error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

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
  // --assume-in-transaction / --no-assume-in-transaction: replace the
  // config's assume_in_transaction when given.
  std::optional<bool> assume_in_transaction;
  std::vector<std::string> exclude;  // --exclude: replaces the config's exclude when given
  // check only: apply the findings' fixes (--fix), print them as a diff
  // instead (--diff), and take the unsafe ones too (--unsafe-fixes).
  bool fix = false;
  bool diff = false;
  bool unsafe_fixes = false;
};

struct SchemaOptions {
  std::string dir;
  std::string at;
  std::string format = "sql";
  std::string config;
  int pg_version = 0;
};

struct VerifyCliOptions {
  CommonOptions common;      // the folder, config, format, colour, --fail-on, --jobs, transaction mode
  std::string database_url;  // empty: start a server
  std::string pg_bin;
  std::string from, to;
  double statement_timeout = 60;  // seconds
  bool allow_non_empty = false;
};

AnalysisOptions analysis_options(const CommonOptions& o);
bool use_color(const std::string& mode);
int exit_code_for(const AnalysisResult& r, const std::string& fail_on);
// --write-baseline and --baseline: writes the findings' keys, or keeps the
// findings the baseline does not know.
void apply_baselines(const CommonOptions& o, const AnalysisOptions& a, AnalysisResult& r);

}  // namespace miglint
