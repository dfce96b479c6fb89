// The language server driven through JSON-RPC transcripts: the Server class
// directly (framing through FrameReader), and the `miglint lsp` binary once
// through pipes.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer/lsp/server.h"
#include "analyzer/lsp/transport.h"
#include "analyzer/output/links.h"
#include "tests/temp_folder.h"

using miglint::testing::read_file;

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;
using miglint::file_uri;
using miglint::lsp::Server;
using miglint::lsp::ServerOptions;

namespace {

const fs::path kFolder = fs::path(MIGLINT_SOURCE_DIR) / "testdata/lsp/migrations";
const fs::path kDown = kFolder / "20240102000000_drop_pins.down.sql";
// A migration that exists only in the editor.
const fs::path kNewUp = kFolder / "20240103000000_add_digest_index.up.sql";

// Collects what the server sends; waits for messages with a deadline.
class Client {
 public:
  explicit Client(ServerOptions options = fast()) : server_([this](const json& m) { push(m); }, options) {}

  static ServerOptions fast() {
    ServerOptions o;
    o.debounce = 20ms;
    o.jobs = 2;
    return o;
  }

  Server& server() { return server_; }
  void send(const json& m) { server_.receive(m.dump()); }
  void request(int id, const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void initialize(json capabilities = json::object()) {
    request(1, "initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", capabilities}});
    ASSERT_TRUE(response(1).contains("result"));
    notify("initialized", json::object());
  }

  // The first message matching pred, removed from the inbox.
  std::optional<json> wait_for(const std::function<bool(const json&)>& pred, std::chrono::milliseconds timeout = 20s) {
    std::unique_lock lk(m_);
    std::optional<json> found;
    cv_.wait_for(lk, timeout, [&] {
      for (auto it = inbox_.begin(); it != inbox_.end(); ++it)
        if (pred(*it)) {
          found = *it;
          inbox_.erase(it);
          return true;
        }
      return false;
    });
    return found;
  }
  json response(const json& id) {
    auto m = wait_for([&](const json& j) { return j.contains("id") && j["id"] == id && !j.contains("method"); });
    EXPECT_TRUE(m) << "no response to " << id;
    return m.value_or(json::object());
  }
  std::optional<json> diagnostics(const std::string& uri, std::chrono::milliseconds timeout = 20s) {
    auto m = wait_for(
        [&](const json& j) {
          return j.value("method", "") == "textDocument/publishDiagnostics" && j["params"]["uri"] == uri;
        },
        timeout);
    if (!m) return std::nullopt;
    return (*m)["params"];
  }
  std::vector<json> drain() {
    std::lock_guard lk(m_);
    std::vector<json> all(inbox_.begin(), inbox_.end());
    inbox_.clear();
    return all;
  }

 private:
  void push(const json& m) {
    {
      std::lock_guard lk(m_);
      // Every message is JSON-RPC 2.0: check it here once for all tests.
      EXPECT_EQ(m.value("jsonrpc", ""), "2.0") << m.dump();
      inbox_.push_back(m);
    }
    cv_.notify_all();
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<json> inbox_;
  Server server_;  // last: destroyed first, while the inbox still exists
};

json open_params(const fs::path& p, const std::string& text, int version = 1) {
  return {{"textDocument", {{"uri", file_uri(p)}, {"languageId", "sql"}, {"version", version}, {"text", text}}}};
}

json change_full(const fs::path& p, const std::string& text, int version) {
  return {{"textDocument", {{"uri", file_uri(p)}, {"version", version}}}, {"contentChanges", {{{"text", text}}}}};
}

bool has_rule(const json& params, const std::string& rule) {
  for (const auto& d : params["diagnostics"])
    if (d["code"] == rule) return true;
  return false;
}

const std::string kBrokenDown = "CREATE TABLE pins (\n  id bigint PRIMARY KEY,\n  digest text NOT NULL\n);\n";

// Opens an up with an index built without CONCURRENTLY; its finding.
json open_index_up(Client& c) {
  const std::string text = "-- add an index\n\n    CREATE INDEX pins_digest ON pins (digest);\n";
  c.notify("textDocument/didOpen", open_params(kNewUp, text, 1));
  auto d = c.diagnostics(file_uri(kNewUp));
  EXPECT_TRUE(d);
  if (!d) return nullptr;
  for (const auto& diag : (*d)["diagnostics"])
    if (diag["code"] == "require-concurrent-index-creation") return diag;
  ADD_FAILURE() << d->dump(2);
  return nullptr;
}

}  // namespace

TEST(LspServer, RequestsBeforeInitializeAreRefused) {
  Client c;
  c.request(7, "textDocument/hover",
            {{"textDocument", {{"uri", file_uri(kDown)}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_EQ(c.response(7)["error"]["code"], -32002);
  // A notification before initialize is dropped, not answered.
  c.notify("textDocument/didOpen", open_params(kDown, read_file(kDown)));
  c.initialize();
  c.request(2, "initialize", {{"capabilities", json::object()}});
  EXPECT_EQ(c.response(2)["error"]["code"], -32600);
  c.server().wait_idle();
  EXPECT_FALSE(c.diagnostics(file_uri(kDown), 200ms)) << "didOpen before initialize must be ignored";
}

TEST(LspServer, NegotiatesPositionEncodingAndCapabilities) {
  {
    Client c;
    c.request(1, "initialize", {{"capabilities", json::object()}});
    const json caps = c.response(1)["result"]["capabilities"];
    EXPECT_EQ(caps["positionEncoding"], "utf-16");
    EXPECT_EQ(caps["textDocumentSync"]["change"], 2);
    EXPECT_TRUE(caps["textDocumentSync"]["openClose"]);
    EXPECT_TRUE(caps["textDocumentSync"].contains("save"));
    EXPECT_TRUE(caps["hoverProvider"]);
    EXPECT_TRUE(caps.contains("codeActionProvider"));
  }
  {
    Client c;
    c.request(1, "initialize", {{"capabilities", {{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}}}});
    EXPECT_EQ(c.response(1)["result"]["capabilities"]["positionEncoding"], "utf-8");
  }
}

TEST(LspServer, MalformedMessagesGetJsonRpcErrors) {
  Client c;
  c.initialize();
  c.server().receive("{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": ");
  EXPECT_EQ(c.response(nullptr)["error"]["code"], -32700);
  c.server().receive("[1, 2]");
  EXPECT_EQ(c.response(nullptr)["error"]["code"], -32600);
  c.server().receive(R"({"jsonrpc": "1.0", "id": 4, "method": "shutdown"})");
  EXPECT_EQ(c.response(4)["error"]["code"], -32600);
  c.server().receive(R"({"jsonrpc": "2.0", "id": 5})");
  EXPECT_EQ(c.response(5)["error"]["code"], -32600);
  c.server().receive(R"({"jsonrpc": "2.0", "id": 6, "method": 12})");
  EXPECT_EQ(c.response(6)["error"]["code"], -32600);
  c.server().receive(R"({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})");
  EXPECT_EQ(c.response(nullptr)["error"]["code"], -32600);
  c.request(8, "workspace/symbol", {{"query", ""}});
  EXPECT_EQ(c.response(8)["error"]["code"], -32601);
  c.request(9, "textDocument/hover", {{"nonsense", true}});
  EXPECT_EQ(c.response(9)["error"]["code"], -32602);
  // Notifications nobody handles, and handled ones with bad params: silence.
  c.notify("workspace/didChangeConfiguration", {{"settings", nullptr}});
  c.notify("textDocument/didOpen", {{"textDocument", 3}});
  c.notify("textDocument/didChange", change_full(kDown, "x", 2));         // before didOpen
  c.server().receive(R"({"jsonrpc": "2.0", "id": 99, "result": null})");  // a stray response
  c.server().wait_idle();
  std::this_thread::sleep_for(100ms);
  EXPECT_TRUE(c.drain().empty());
}

TEST(LspServer, FramingErrorsAreReportedAndTheStreamResyncs) {
  auto framed = [](const std::string& body) { return miglint::lsp::frame(body); };
  const std::string ok = R"({"jsonrpc":"2.0","id":11,"method":"initialize","params":{"capabilities":{}}})";
  std::string input;
  input += "Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\"}";  // no Content-Length
  input += framed(ok);  // glued to the garbage: found again by resync
  input += "Content-Length: abc\r\n\r\n";
  input += "this is not a header\r\nContent-Length: 2\r\n\r\n{}";
  input += framed("{not json");
  input += framed(R"({"jsonrpc":"2.0","id":12,"method":"shutdown"})");
  input += "Content-Length: 500\r\n\r\n{\"truncated\":";

  std::istringstream in(input);
  miglint::lsp::FrameReader reader(in);
  Client c;
  int errors = 0;
  for (int guard = 0; guard < 100; ++guard) {
    auto f = reader.next();
    if (f.error) {
      ++errors;
      c.server().framing_error(*f.error);
    }
    if (f.body) c.server().receive(*f.body);
    if (f.eof) break;
  }
  EXPECT_GE(errors, 4);
  EXPECT_TRUE(c.response(11).contains("result")) << "the frame after the broken one is still read";
  EXPECT_TRUE(c.response(12).contains("result"));
  int parse_errors = 0;
  for (const auto& m : c.drain())
    if (m.contains("error") && m["error"]["code"] == -32700) ++parse_errors;
  EXPECT_GE(parse_errors, 4);
}

TEST(LspServer, DiagnosticsFollowTheBufferWithTheFolderAsContext) {
  Client c;
  c.initialize();
  const std::string uri = file_uri(kDown);
  const std::string good = read_file(kDown);
  c.notify("textDocument/didOpen", open_params(kDown, good, 1));
  auto d = c.diagnostics(uri);
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)["version"], 1);
  EXPECT_FALSE(has_rule(*d, "down-not-inverse")) << d->dump(2);

  // Incremental edit: delete the CHECK line (line 3, and the comma ending line 2).
  json change = {{"textDocument", {{"uri", uri}, {"version", 2}}},
                 {"contentChanges",
                  {{{"range", {{"start", {{"line", 2}, {"character", 22}}}, {"end", {{"line", 3}, {"character", 49}}}}},
                    {"text", ""}}}}};
  c.notify("textDocument/didChange", change);
  d = c.diagnostics(uri);
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)["version"], 2);
  ASSERT_TRUE(has_rule(*d, "down-not-inverse")) << d->dump(2);
  for (const auto& diag : (*d)["diagnostics"]) {
    EXPECT_EQ(diag["source"], "miglint");
    EXPECT_EQ(diag["codeDescription"]["href"],
              "https://github.com/miglint/miglint/blob/main/docs/rules/" + diag["code"].get<std::string>() + ".md");
    EXPECT_TRUE(diag["range"]["start"]["line"].is_number());
  }

  // Back to the text on disk: the finding clears.
  c.notify("textDocument/didChange", change_full(kDown, good, 3));
  d = c.diagnostics(uri);
  ASSERT_TRUE(d);
  EXPECT_FALSE(has_rule(*d, "down-not-inverse"));

  c.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
  d = c.diagnostics(uri);
  ASSERT_TRUE(d);
  EXPECT_TRUE((*d)["diagnostics"].empty());
}

TEST(LspServer, StaleResultsAreNeverPublished) {
  for (auto debounce : {0ms, 150ms}) {
    ServerOptions o = Client::fast();
    o.debounce = debounce;
    Client c(o);
    c.initialize();
    const std::string uri = file_uri(kDown);
    c.notify("textDocument/didOpen", open_params(kDown, read_file(kDown), 1));
    ASSERT_TRUE(c.diagnostics(uri));
    // Two quick edits: the first may be pending or already running when the second arrives.
    c.notify("textDocument/didChange", change_full(kDown, kBrokenDown, 2));
    c.notify("textDocument/didChange", change_full(kDown, read_file(kDown), 3));
    // Version 2 may have been analysed and published before version 3 came
    // (a busy machine can pause this thread between the two edits); once the
    // server has version 3, nothing older may follow.
    const auto published_in = [](const std::vector<json>& inbox) {
      std::vector<json> out;
      for (const auto& m : inbox)
        if (m.value("method", "") == "textDocument/publishDiagnostics") out.push_back(m["params"]);
      return out;
    };
    std::vector<json> published = published_in(c.drain());
    for (const auto& p : published) EXPECT_LE(p["version"].get<int>(), 3) << p.dump();
    c.server().wait_idle();
    const std::vector<json> after = published_in(c.drain());
    for (const auto& p : after) EXPECT_EQ(p["version"], 3) << "stale version published: " << p.dump();
    published.insert(published.end(), after.begin(), after.end());
    ASSERT_FALSE(published.empty());
    EXPECT_EQ(published.back()["version"], 3);
    EXPECT_FALSE(has_rule(published.back(), "down-not-inverse"));
  }
}

TEST(LspServer, CodeActionsAndHover) {
  Client c;
  c.initialize();
  const std::string uri = file_uri(kNewUp);
  const json target = open_index_up(c);
  ASSERT_FALSE(target.is_null());

  c.request(20, "textDocument/codeAction",
            {{"textDocument", {{"uri", uri}}}, {"range", target["range"]}, {"context", {{"diagnostics", {target}}}}});
  const json actions = c.response(20)["result"];
  ASSERT_TRUE(actions.is_array());
  bool fix = false, ignore = false;
  for (const auto& a : actions) {
    EXPECT_EQ(a["kind"], "quickfix");
    const auto& edits = a["edit"]["changes"][uri];
    ASSERT_EQ(edits.size(), 1u) << a.dump(2);
    if (a.value("title", "").find("Ignore require-concurrent-index-creation") == 0) {
      ignore = true;
      EXPECT_EQ(a["title"], "Ignore require-concurrent-index-creation for this statement");
      EXPECT_EQ(edits[0]["range"]["start"]["line"], 2);
      EXPECT_EQ(edits[0]["range"]["start"]["character"], 0);
      EXPECT_EQ(edits[0]["newText"], "    -- miglint-ignore require-concurrent-index-creation: <reason>\n");
      EXPECT_FALSE(a.contains("command")) << "the client cannot show a selection";
    } else if (edits[0]["newText"] == " CONCURRENTLY") {
      fix = true;
      EXPECT_EQ(edits[0]["range"]["start"]["line"], 2);
      EXPECT_EQ(edits[0]["range"]["start"]["character"], 16);
    }
  }
  EXPECT_TRUE(fix) << actions.dump(2);
  EXPECT_TRUE(ignore) << actions.dump(2);

  // No diagnostic there: no actions.
  c.request(21, "textDocument/codeAction",
            {{"textDocument", {{"uri", uri}}},
             {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 1}}}}},
             {"context", {{"diagnostics", json::array()}}}});
  EXPECT_TRUE(c.response(21)["result"].empty());

  c.request(22, "textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", target["range"]["start"]}});
  const json hover = c.response(22)["result"];
  EXPECT_EQ(hover["contents"]["kind"], "markdown");
  EXPECT_NE(hover["contents"]["value"].get<std::string>().find("# require-concurrent-index-creation"),
            std::string::npos);
  c.request(23, "textDocument/hover",
            {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_TRUE(c.response(23)["result"].is_null());
}

// A client that can show a document with a selection gets the suppression's
// `<reason>` selected once the quick fix's edit is made.
TEST(LspServer, SuppressionQuickFixSelectsTheReason) {
  Client c;
  c.initialize({{"window", {{"showDocument", {{"support", true}}}}}});
  const std::string uri = file_uri(kNewUp);
  const json target = open_index_up(c);
  ASSERT_FALSE(target.is_null());
  c.request(40, "textDocument/codeAction",
            {{"textDocument", {{"uri", uri}}}, {"range", target["range"]}, {"context", {{"diagnostics", {target}}}}});
  json command;
  std::string inserted;
  const json actions = c.response(40)["result"];
  for (const auto& a : actions)
    if (a.value("title", "").starts_with("Ignore ")) {
      command = a["command"];
      inserted = a["edit"]["changes"][uri][0]["newText"];
    }
  ASSERT_TRUE(command.is_object()) << "no command on the suppression's quick fix";
  EXPECT_EQ(command["command"], "miglint.selectReason");
  const json range = command["arguments"][1];
  const auto at = static_cast<int>(inserted.find("<reason>"));
  EXPECT_EQ(command["arguments"][0], uri);
  EXPECT_EQ(range["start"]["line"], 2);
  EXPECT_EQ(range["start"]["character"], at);
  EXPECT_EQ(range["end"]["character"], at + 8);
  // The client runs the command after the edit: the server asks it to select.
  c.request(41, "workspace/executeCommand", {{"command", command["command"]}, {"arguments", command["arguments"]}});
  EXPECT_TRUE(c.response(41)["result"].is_null());
  const auto show = c.wait_for([](const json& j) { return j.value("method", "") == "window/showDocument"; });
  ASSERT_TRUE(show);
  EXPECT_TRUE((*show).contains("id")) << "a request";
  EXPECT_EQ((*show)["params"]["uri"], uri);
  EXPECT_EQ((*show)["params"]["selection"], range);
  EXPECT_EQ((*show)["params"]["takeFocus"], true);
  // The client's answer is taken quietly; an unknown command is an error.
  c.send({{"jsonrpc", "2.0"}, {"id", (*show)["id"]}, {"result", {{"success", true}}}});
  c.request(42, "workspace/executeCommand", {{"command", "miglint.other"}, {"arguments", json::array()}});
  EXPECT_TRUE(c.response(42).contains("error"));
}

TEST(LspServer, CancelledRequestsGetRequestCancelled) {
  ServerOptions o = Client::fast();
  o.debounce = 400ms;  // keeps the analysis pending, so the request waits for it
  Client c(o);
  c.initialize();
  const std::string uri = file_uri(kDown);
  c.notify("textDocument/didOpen", open_params(kDown, read_file(kDown), 1));
  ASSERT_TRUE(c.diagnostics(uri));
  c.notify("textDocument/didChange", change_full(kDown, kBrokenDown, 2));
  c.request(30, "textDocument/codeAction",
            {{"textDocument", {{"uri", uri}}},
             {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
             {"context", {{"diagnostics", json::array()}}}});
  c.request(31, "textDocument/hover",
            {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 0}, {"character", 0}}}});
  c.notify("$/cancelRequest", {{"id", 30}});
  EXPECT_EQ(c.response(30)["error"]["code"], -32800);
  // The other one is answered once the new text is analysed.
  EXPECT_TRUE(c.response(31).contains("result"));
  c.notify("$/cancelRequest", {{"id", 31}});  // too late: ignored
}

TEST(LspServer, ShutdownAndExit) {
  Client c;
  c.initialize();
  c.request(40, "shutdown", nullptr);
  EXPECT_TRUE(c.response(40)["result"].is_null());
  c.request(41, "textDocument/hover",
            {{"textDocument", {{"uri", file_uri(kDown)}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_EQ(c.response(41)["error"]["code"], -32600);
  EXPECT_FALSE(c.server().exited());
  c.notify("exit", nullptr);
  EXPECT_TRUE(c.server().exited());
  EXPECT_EQ(c.server().exit_code(), 0);

  Client rude;
  rude.initialize();
  rude.notify("exit", nullptr);
  EXPECT_EQ(rude.server().exit_code(), 1);
}

// The binary over pipes: stdout holds nothing but frames, garbage included in the input.
TEST(LspBinary, TranscriptThroughStdio) {
  const fs::path dir = fs::temp_directory_path() / ("miglint-lsp-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string input;
  auto add = [&](const json& m) { input += miglint::lsp::frame(m.dump()); };
  add({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}});
  add({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  input += "garbage\r\n\r\n";
  input += miglint::lsp::frame("{oops");
  add({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"}, {"params", open_params(kDown, kBrokenDown, 1)}});
  add({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
  add({{"jsonrpc", "2.0"}, {"method", "exit"}});
  std::ofstream(dir / "in", std::ios::binary) << input;
  const std::string cmd = "timeout 60 " + std::string(MIGLINT_BINARY) + " lsp < " + (dir / "in").string() + " > " +
                          (dir / "out").string() + " 2> " + (dir / "err").string();
  const int rc = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(rc), 0) << read_file(dir / "err");
  std::istringstream out(read_file(dir / "out"));
  miglint::lsp::FrameReader reader(out);
  std::vector<json> messages;
  for (;;) {
    auto f = reader.next();
    EXPECT_FALSE(f.error) << "stdout is not cleanly framed: " << *f.error;
    if (f.body) messages.push_back(json::parse(*f.body));
    if (f.eof) break;
  }
  int parse_errors = 0;
  bool diagnostics = false, shutdown = false;
  for (const auto& m : messages) {
    if (m.contains("error") && m["error"]["code"] == -32700) ++parse_errors;
    if (m.value("method", "") == "textDocument/publishDiagnostics" && has_rule(m["params"], "down-not-inverse"))
      diagnostics = true;
    if (m.value("id", json()) == 2) shutdown = true;
  }
  EXPECT_EQ(parse_errors, 2);
  EXPECT_TRUE(diagnostics) << read_file(dir / "out");
  EXPECT_TRUE(shutdown);
  fs::remove_all(dir);
}
