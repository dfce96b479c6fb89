// `miglint lsp`: the language server on stdin/stdout.
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "analyzer/lsp/server.h"
#include "analyzer/lsp/transport.h"
#include "cli/commands.h"

namespace miglint {

namespace {

void write_all(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the client went away; reading stdin will end too
    done += static_cast<size_t>(n);
  }
}

}  // namespace

int run_lsp() {
  // stdout carries framed JSON only: keep it on a private descriptor and
  // point descriptor 1 at stderr, so stray output can never corrupt the stream.
  const int out_fd = ::dup(STDOUT_FILENO);
  if (out_fd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    std::cerr << "miglint lsp: cannot set up stdout\n";
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);

  lsp::ServerOptions options;
  if (const char* ms = std::getenv("MIGLINT_LSP_DEBOUNCE_MS"))
    options.debounce = std::chrono::milliseconds(std::strtol(ms, nullptr, 10));
  lsp::Server server(
      [out_fd](const nlohmann::json& msg) {
        write_all(out_fd, lsp::frame(msg.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
      },
      options);
  lsp::FrameReader reader(std::cin);
  while (!server.exited()) {
    lsp::Frame f = reader.next();
    if (f.error) server.framing_error(*f.error);
    if (f.body) server.receive(*f.body);
    if (f.eof) break;
  }
  ::close(out_fd);
  return server.exit_code();
}

}  // namespace miglint
