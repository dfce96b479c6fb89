// `--since GIT_REF`: which files of a migrations folder changed since a ref,
// and which existed at it. Runs `git` from PATH with an argument vector (no
// shell); never touches the work tree or the index.
#pragma once
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/migrations/migration.h"

namespace miglint {

// Not a repository, unknown ref, git missing or failing: the message says which.
class GitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GitChanges {
  std::string ref;
  // Canonical absolute paths under the folder: changed between ref and the
  // work tree (`git diff --name-only ref`), plus untracked, not ignored files.
  std::set<std::filesystem::path> changed;
  // Canonical absolute paths of the files under the folder at ref
  // (`git ls-tree -r ref`), whether or not they still exist.
  std::set<std::filesystem::path> existed;

  // Is p (any spelling) among the changed files?
  bool touches(const std::filesystem::path& p) const;
  // Is any file of the migration changed since ref?
  bool touches(const Migration& m) const;
  // Did any file of the migration exist at ref?
  bool existed_at_ref(const Migration& m) const;
};

// Throws GitError with a clear message outside a repository, for a bad ref,
// or when git cannot be run.
GitChanges git_changes_since(const std::filesystem::path& dir, const std::string& ref);

// The outcome of running a program: exit code (or -1 when killed) and output.
struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// posix_spawnp(args[0], args) with stdin from /dev/null, collecting stdout and
// stderr. Throws GitError when the program cannot be started.
ProcessResult run_process(const std::vector<std::string>& args);

}  // namespace miglint
