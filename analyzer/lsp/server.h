// The language server behind `miglint lsp`, without any I/O: JSON-RPC messages
// go in through receive(), replies and notifications come out through the
// sink (from this thread or the analysis thread). Analysis runs on its own
// thread, debounced per document; a result for a text that has changed since
// is never published.
#pragma once
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/ast/parse.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/runner.h"
#include "analyzer/output/links.h"

namespace miglint::lsp {

struct ServerOptions {
  std::chrono::milliseconds debounce{150};  // quiet time after a change before analysing
  unsigned jobs = 0;                        // analysis threads (0: one per core)
};

// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestCancelled = -32800,
};

class Server {
 public:
  using Sink = std::function<void(const nlohmann::json&)>;
  explicit Server(Sink sink, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // One message body as it came off the wire.
  void receive(std::string_view body);
  // The transport could not read a message: answers with a parse error.
  void framing_error(const std::string& what);

  bool exited() const;
  int exit_code() const;  // 0 after shutdown + exit, 1 for exit without shutdown
  // Blocks until no analysis is pending or running (tests; orderly exit).
  void wait_idle();

 private:
  struct Document {
    std::string uri;
    std::filesystem::path path;  // as the client named it
    std::filesystem::path key;   // canonical, the overlay key
    std::string text;
    int64_t version = 0;
    uint64_t revision = 0;  // bumped on every change we make to it
  };
  struct Published {
    uint64_t revision = 0;
    std::vector<Diagnostic> diagnostics;
    std::shared_ptr<const ParsedFile> parsed;                          // the analysed buffer
    std::map<std::string, std::shared_ptr<const SourceFile>> sources;  // by display path
  };
  struct Parked {
    nlohmann::json id;
    std::string method;
    nlohmann::json params;
    std::string uri;
  };

  void dispatch(const nlohmann::json& msg);
  void handle_request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
  void handle_notification(const std::string& method, const nlohmann::json& params);
  nlohmann::json initialize(const nlohmann::json& params);
  nlohmann::json code_actions(const std::string& uri, const nlohmann::json& params);
  nlohmann::json hover(const std::string& uri, const nlohmann::json& params);
  void execute_command(const nlohmann::json& id, const nlohmann::json& params);
  nlohmann::json answer(const Parked& request);  // codeAction/hover on the published state (m_ held)

  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  void did_save(const nlohmann::json& params);
  void did_close(const nlohmann::json& params);
  void cancel(const nlohmann::json& params);

  void schedule(const Document& doc, std::chrono::milliseconds delay);  // m_ held
  void worker();
  void analyse(const std::string& uri);  // called with m_ held, unlocks around analysis
  SourceLookup lookup_for(const Published& p) const;
  size_t to_offset(const std::string& text, const nlohmann::json& position) const;

  void send(const nlohmann::json& msg);
  void reply(const nlohmann::json& id, nlohmann::json result);
  void reply_error(const nlohmann::json& id, int code, const std::string& message);
  void queue(nlohmann::json msg);  // m_ held: sent once m_ is released
  void flush();                    // sends what queue() collected

  Sink sink_;
  ServerOptions options_;
  std::mutex out_mutex_;

  mutable std::mutex m_;
  std::condition_variable cv_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  bool stop_ = false;
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  // The client shows a document with a selection on request
  // (window/showDocument): a suppression's quick fix then selects its reason.
  bool show_document_ = false;
  int64_t next_request_ = 0;  // ids of the requests we send
  std::map<std::string, Document> docs_;
  std::map<std::string, Published> published_;
  std::map<std::string, std::chrono::steady_clock::time_point> pending_;
  std::string running_;  // the document being analysed (requests on it wait)
  bool busy_ = false;    // analysing or delivering the result
  std::vector<Parked> parked_;
  std::vector<nlohmann::json> outbox_;
  std::set<std::string> config_errors_shown_;
  // Used by the worker thread only: parses, folder listings and replay state
  // kept between analyses, valid for the configuration text they were made with.
  AnalysisCache cache_;
  std::optional<std::string> cache_config_;
  AnalysisResult retired_;  // the last analysis, freed after its diagnostics are sent
  // Freeing an analysis of a large folder takes milliseconds the next edit
  // need not wait for: the reaper thread does it.
  void reaper();
  std::mutex reap_m_;
  std::condition_variable reap_cv_;
  std::vector<AnalysisResult> reap_;
  bool reap_stop_ = false;
  std::thread reaper_;
  std::thread thread_;
};

}  // namespace miglint::lsp
