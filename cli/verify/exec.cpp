// `miglint verify` in the static `miglint` binary: the command needs libpq,
// which cannot be linked statically, so the binary beside it that has it,
// `miglint-verify`, runs the same command line in its place.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "cli/commands.h"

namespace miglint {

int run_verify(const VerifyCliOptions& /*o*/, int argc, char** argv) {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw UsageError("verify: cannot find where miglint is installed: " + ec.message());
  const std::string helper = (self.parent_path() / "miglint-verify").string();
  if (access(helper.c_str(), X_OK) != 0)
    throw UsageError("verify needs miglint-verify, installed beside miglint (" + helper + "): " + std::strerror(errno) +
                     "; build miglint with libpq (libpq-dev) or reinstall the package");
  std::vector<char*> args(argv, argv + argc);
  args.push_back(nullptr);
  args[0] = const_cast<char*>(helper.c_str());
  execv(helper.c_str(), args.data());
  throw UsageError("verify: cannot run " + helper + ": " + std::strerror(errno));
}

}  // namespace miglint
