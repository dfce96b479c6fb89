// The language server: the frame reader over a byte stream, and every frame
// it yields through the JSON-RPC dispatcher (documents opened, changed and
// analysed, code actions, hovers), then shutdown and exit.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <sstream>
#include <string>

#include "analyzer/lsp/server.h"
#include "analyzer/lsp/transport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  miglint::lsp::ServerOptions options;
  options.debounce = std::chrono::milliseconds(0);
  options.jobs = 1;
  size_t replies = 0;
  std::mutex m;
  miglint::lsp::Server server(
      [&](const nlohmann::json& msg) {
        const std::lock_guard<std::mutex> lock(m);
        // Every message must serialise: the transport writes it.
        (void)msg.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        ++replies;
      },
      options);
  miglint::lsp::FrameReader reader(in);
  for (int frames = 0; frames < 64 && !server.exited(); ++frames) {
    const auto f = reader.next();
    if (f.error) server.framing_error(*f.error);
    if (f.body) server.receive(*f.body);
    if (f.eof) break;
  }
  server.wait_idle();
  return 0;
}
