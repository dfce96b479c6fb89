// Runs the miglint binary under test through the shell and returns its exit
// code and output (end-to-end tests).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace miglint::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
};

// `args` is shell text after the binary's path; standard error is kept only
// when `with_stderr`. `shell_prefix` goes before the binary (`cd DIR && `,
// environment settings).
inline RunResult run_binary(const std::string& args, bool with_stderr = false, const std::string& shell_prefix = "") {
  RunResult r;
  const std::string cmd = shell_prefix + std::string(MIGLINT_BINARY) + " " + args +
                          (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace miglint::testing
