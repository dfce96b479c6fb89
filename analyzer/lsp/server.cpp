#include "analyzer/lsp/server.h"

#include <algorithm>
#include <iostream>
#include <set>

#include "analyzer/config/config.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/runner.h"
#include "analyzer/output/links.h"
#include "analyzer/source/file_io.h"

namespace miglint::lsp {

namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// The command a suppression's quick fix runs after its edit.
constexpr const char* kSelectReason = "miglint.selectReason";

void log(const std::string& s) { std::cerr << "miglint lsp: " << s << '\n'; }

fs::path canonical_key(const fs::path& p) {
  std::error_code ec;
  fs::path k = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal() : k;
}

// Does (line, character) a come before b?
bool before(const json& a, const json& b) {
  const auto la = a.at("line").get<int64_t>(), lb = b.at("line").get<int64_t>();
  return la < lb || (la == lb && a.at("character").get<int64_t>() < b.at("character").get<int64_t>());
}

// Closed ranges touch or overlap (an empty selection at a diagnostic's edge counts).
bool overlaps(const json& r1, const json& r2) {
  return !before(r1.at("end"), r2.at("start")) && !before(r2.at("end"), r1.at("start"));
}

bool contains(const json& range, const json& pos) {
  return !before(pos, range.at("start")) && !before(range.at("end"), pos);
}

}  // namespace

Server::Server(Sink sink, ServerOptions options) : sink_(std::move(sink)), options_(options) {
  reaper_ = std::thread([this] { reaper(); });
  thread_ = std::thread([this] { worker(); });
}

Server::~Server() {
  {
    std::lock_guard lk(m_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  {
    std::lock_guard lk(reap_m_);
    reap_stop_ = true;
  }
  reap_cv_.notify_all();
  reaper_.join();
}

void Server::reaper() {
  std::unique_lock lk(reap_m_);
  while (true) {
    reap_cv_.wait(lk, [&] { return reap_stop_ || !reap_.empty(); });
    if (reap_.empty()) return;
    std::vector<AnalysisResult> batch;
    batch.swap(reap_);
    lk.unlock();
    batch.clear();
    lk.lock();
  }
}

bool Server::exited() const {
  std::lock_guard lk(m_);
  return exited_;
}

int Server::exit_code() const {
  std::lock_guard lk(m_);
  return shutdown_ ? 0 : 1;
}

void Server::wait_idle() {
  std::unique_lock lk(m_);
  cv_.wait(lk, [&] { return (pending_.empty() && !busy_) || stop_; });
}

// ---- output ---------------------------------------------------------------

void Server::send(const json& msg) {
  std::lock_guard out(out_mutex_);
  try {
    sink_(msg);
  } catch (const std::exception& e) {
    log(std::string("could not send a message: ") + e.what());
  }
}

void Server::queue(json msg) { outbox_.push_back(std::move(msg)); }

void Server::flush() {
  std::lock_guard out(out_mutex_);
  std::vector<json> batch;
  {
    std::lock_guard lk(m_);
    batch.swap(outbox_);
  }
  for (const auto& msg : batch) {
    try {
      sink_(msg);
    } catch (const std::exception& e) {
      log(std::string("could not send a message: ") + e.what());
    }
  }
}

void Server::reply(const json& id, json result) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::reply_error(const json& id, int code, const std::string& message) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

// ---- input ----------------------------------------------------------------

void Server::framing_error(const std::string& what) {
  log(what);
  reply_error(nullptr, kParseError, "parse error: " + what);
}

void Server::receive(std::string_view body) {
  json msg = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (msg.is_discarded()) {
    log("message is not valid JSON");
    reply_error(nullptr, kParseError, "parse error: the message is not valid JSON");
    return;
  }
  try {
    dispatch(msg);
  } catch (const std::exception& e) {
    // Handlers validate their input; this is the last line against a crash.
    log(std::string("internal error: ") + e.what());
  }
  flush();
}

void Server::dispatch(const json& msg) {
  if (!msg.is_object()) {
    reply_error(nullptr, kInvalidRequest,
                "invalid request: a message must be a JSON object (batches are not used by LSP)");
    return;
  }
  const auto id_it = msg.find("id");
  const bool has_id = id_it != msg.end();
  const bool id_ok = has_id && (id_it->is_number_integer() || id_it->is_string());
  const json id = id_ok ? *id_it : json(nullptr);
  const auto jr = msg.find("jsonrpc");
  if (jr == msg.end() || *jr != "2.0") {
    reply_error(id, kInvalidRequest, "invalid request: `jsonrpc` must be \"2.0\"");
    return;
  }
  if (has_id && !id_ok) {
    reply_error(nullptr, kInvalidRequest, "invalid request: `id` must be an integer or a string");
    return;
  }
  const auto method_it = msg.find("method");
  if (method_it == msg.end()) {
    // A response to something we sent; we send no requests, so nothing to match.
    if (has_id && (msg.contains("result") || msg.contains("error"))) return;
    reply_error(id, kInvalidRequest, "invalid request: no `method`");
    return;
  }
  if (!method_it->is_string()) {
    reply_error(id, kInvalidRequest, "invalid request: `method` must be a string");
    return;
  }
  const std::string method = method_it->get<std::string>();
  json params = msg.value("params", json::object());
  if (params.is_null()) params = json::object();  // shutdown/exit: clients send null or nothing
  if (!params.is_object() && !params.is_array()) {
    if (has_id) reply_error(id, kInvalidRequest, "invalid request: `params` must be an object or an array");
    return;
  }
  if (has_id) {
    try {
      handle_request(id, method, params);
    } catch (const json::exception& e) {
      reply_error(id, kInvalidParams, std::string("invalid params: ") + e.what());
    } catch (const std::exception& e) {
      reply_error(id, kInternalError, std::string("internal error: ") + e.what());
    }
  } else {
    try {
      handle_notification(method, params);
    } catch (const std::exception& e) {
      log("ignored " + method + ": " + e.what());
    }
  }
}

void Server::handle_request(const json& id, const std::string& method, const json& params) {
  bool initialized = false, shut = false;
  {
    std::lock_guard lk(m_);
    initialized = initialized_;
    shut = shutdown_;
  }
  if (method == "initialize") {
    if (initialized) return reply_error(id, kInvalidRequest, "initialize was already received");
    return reply(id, initialize(params));
  }
  if (!initialized) return reply_error(id, kServerNotInitialized, "the server is not initialized yet");
  if (shut) return reply_error(id, kInvalidRequest, "the server is shutting down");
  if (method == "shutdown") {
    wait_idle();
    {
      std::lock_guard lk(m_);
      shutdown_ = true;
      pending_.clear();
    }
    return reply(id, nullptr);
  }
  if (method == "textDocument/codeAction" || method == "textDocument/hover") {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    std::lock_guard lk(m_);
    Parked p{id, method, params, uri};
    // Answer on the text the client sees: wait for that document's pending analysis.
    if (pending_.contains(uri) || running_ == uri) {
      parked_.push_back(std::move(p));
      return;
    }
    queue({{"jsonrpc", "2.0"}, {"id", id}, {"result", answer(p)}});
    return;
  }
  if (method == "workspace/executeCommand") return execute_command(id, params);
  reply_error(id, kMethodNotFound, "method not found: " + method);
}

// miglint.selectReason [uri, range]: asks the client to show the document
// with the range selected (the `<reason>` a suppression's quick fix wrote).
void Server::execute_command(const json& id, const json& params) {
  const std::string command = params.at("command").get<std::string>();
  if (command != kSelectReason) return reply_error(id, kInvalidParams, "unknown command: " + command);
  const json& args = params.at("arguments");
  if (!args.is_array() || args.size() != 2 || !args[0].is_string() || !args[1].is_object())
    return reply_error(id, kInvalidParams, "miglint.selectReason takes [uri, range]");
  int64_t request = 0;
  {
    std::lock_guard lk(m_);
    request = ++next_request_;
  }
  send({{"jsonrpc", "2.0"},
        {"id", "miglint-" + std::to_string(request)},
        {"method", "window/showDocument"},
        {"params", {{"uri", args[0]}, {"takeFocus", true}, {"selection", args[1]}}}});
  reply(id, nullptr);
}

void Server::handle_notification(const std::string& method, const json& params) {
  if (method == "exit") {
    std::lock_guard lk(m_);
    exited_ = true;
    pending_.clear();
    return;
  }
  {
    std::lock_guard lk(m_);
    // Before initialize, notifications are dropped (LSP); after shutdown, only exit counts.
    if (!initialized_ || shutdown_) return;
  }
  if (method == "initialized") return;
  if (method == "textDocument/didOpen") return did_open(params);
  if (method == "textDocument/didChange") return did_change(params);
  if (method == "textDocument/didSave") return did_save(params);
  if (method == "textDocument/didClose") return did_close(params);
  if (method == "$/cancelRequest") return cancel(params);
  // Everything else ($/setTrace, workspace/didChangeConfiguration, ...) needs no answer.
}

json Server::initialize(const json& params) {
  PositionEncoding enc = PositionEncoding::Utf16;
  bool show_document = false;
  if (params.is_object()) {
    const auto caps = params.value("capabilities", json::object());
    if (caps.is_object() && caps.contains("general") && caps["general"].is_object()) {
      const auto offered = caps["general"].value("positionEncodings", json::array());
      if (offered.is_array())
        for (const auto& e : offered)
          if (e == "utf-8") enc = PositionEncoding::Utf8;
    }
    if (caps.is_object() && caps.contains("window") && caps["window"].is_object() &&
        caps["window"].contains("showDocument") && caps["window"]["showDocument"].is_object())
      show_document = caps["window"]["showDocument"].value("support", false);
  }
  {
    std::lock_guard lk(m_);
    initialized_ = true;
    encoding_ = enc;
    show_document_ = show_document;
  }
  return {{"capabilities",
           {{"positionEncoding", enc == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", true}}}}},
            {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
            {"executeCommandProvider", {{"commands", {kSelectReason}}}},
            {"hoverProvider", true}}},
          {"serverInfo", {{"name", "miglint"}, {"version", MIGLINT_VERSION}}}};
}

// ---- documents --------------------------------------------------------------

void Server::schedule(const Document& doc, std::chrono::milliseconds delay) {
  const auto due = Clock::now() + delay;
  pending_[doc.uri] = due;
  // Neighbours in the same migrations folder see this text as context
  // (pairs, replay): their findings may change too.
  const fs::path dir = doc.key.parent_path();
  for (const auto& [uri, other] : docs_) {
    if (uri == doc.uri) continue;
    const fs::path odir = other.key.parent_path();
    if (odir == dir || odir.parent_path() == dir || dir.parent_path() == odir ||
        (odir.parent_path() == dir.parent_path() && !dir.parent_path().empty() && dir.parent_path() != dir.root_path()))
      pending_[uri] = due;
  }
  cv_.notify_all();
}

void Server::did_open(const json& params) {
  const auto& td = params.at("textDocument");
  Document doc;
  doc.uri = td.at("uri").get<std::string>();
  const auto path = uri_to_path(doc.uri);
  if (!path) return log("not a file URI, not analysed: " + doc.uri);
  doc.path = *path;
  doc.key = canonical_key(*path);
  doc.text = td.at("text").get<std::string>();
  doc.version = td.value("version", int64_t{0});
  std::lock_guard lk(m_);
  const auto old = docs_.find(doc.uri);
  doc.revision = old == docs_.end() ? 1 : old->second.revision + 1;
  docs_[doc.uri] = doc;
  schedule(doc, std::chrono::milliseconds(0));
}

size_t Server::to_offset(const std::string& text, const json& position) const {
  const auto line = position.at("line").get<int64_t>();
  const auto character = position.at("character").get<int64_t>();
  if (line < 0 || character < 0) throw std::invalid_argument("negative position");
  const SourceFile f("", text);
  if (static_cast<uint64_t>(line) >= f.line_count()) return text.size();
  const auto l = static_cast<uint32_t>(line);
  if (encoding_ == PositionEncoding::Utf16)
    return f.offset_utf16(l, static_cast<uint32_t>(std::min<int64_t>(character, UINT32_MAX)));
  const size_t start = f.line_start(l + 1);
  return start + std::min(static_cast<size_t>(character), f.line_text(l + 1).size());
}

void Server::did_change(const json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  const auto& changes = params.at("contentChanges");
  std::lock_guard lk(m_);
  const auto it = docs_.find(uri);
  if (it == docs_.end()) return log("didChange for a document that is not open: " + uri);
  Document& doc = it->second;
  std::string text = doc.text;
  for (const auto& c : changes) {
    const std::string replacement = c.at("text").get<std::string>();
    if (!c.contains("range")) {
      text = replacement;
      continue;
    }
    size_t b = to_offset(text, c.at("range").at("start"));
    size_t e = to_offset(text, c.at("range").at("end"));
    if (e < b) std::swap(b, e);
    text.replace(b, e - b, replacement);
  }
  doc.text = std::move(text);
  doc.version = params.at("textDocument").value("version", doc.version);
  ++doc.revision;
  schedule(doc, options_.debounce);
}

void Server::did_save(const json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  std::lock_guard lk(m_);
  const auto it = docs_.find(uri);
  if (it == docs_.end()) return;
  if (params.contains("text") && params["text"].is_string()) it->second.text = params["text"].get<std::string>();
  ++it->second.revision;
  schedule(it->second, std::chrono::milliseconds(0));
}

void Server::did_close(const json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  std::lock_guard lk(m_);
  const auto it = docs_.find(uri);
  if (it == docs_.end()) return;
  const Document closed = it->second;
  docs_.erase(it);
  pending_.erase(uri);
  published_.erase(uri);
  // Requests parked on it get an empty answer: the document is gone.
  for (auto p = parked_.begin(); p != parked_.end();) {
    if (p->uri == uri) {
      queue({{"jsonrpc", "2.0"},
             {"id", p->id},
             {"result", p->method == "textDocument/hover" ? json(nullptr) : json::array()}});
      p = parked_.erase(p);
    } else {
      ++p;
    }
  }
  queue({{"jsonrpc", "2.0"},
         {"method", "textDocument/publishDiagnostics"},
         {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
  // Its neighbours fall back to the file on disk.
  schedule(closed, options_.debounce);
  pending_.erase(uri);
}

void Server::cancel(const json& params) {
  const json& id = params.at("id");
  std::lock_guard lk(m_);
  for (auto p = parked_.begin(); p != parked_.end(); ++p) {
    if (p->id == id) {
      queue(
          {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", kRequestCancelled}, {"message", "request cancelled"}}}});
      parked_.erase(p);
      return;
    }
  }
  // Already answered: nothing to do.
}

// ---- analysis ---------------------------------------------------------------

void Server::worker() {
  std::unique_lock lk(m_);
  while (!stop_) {
    if (pending_.empty()) {
      cv_.wait(lk);
      continue;
    }
    auto next = std::min_element(pending_.begin(), pending_.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    if (next->second > Clock::now()) {
      cv_.wait_until(lk, next->second);
      continue;
    }
    const std::string uri = next->first;
    pending_.erase(next);
    running_ = uri;
    busy_ = true;
    try {
      analyse(uri);
    } catch (const std::exception& e) {
      log("analysis of " + uri + " failed: " + e.what());
    }
    running_.clear();
    // Sent before the server counts as idle, so wait_idle() implies delivered.
    lk.unlock();
    flush();
    // Freed once the diagnostics are out, not before, and not here.
    {
      std::lock_guard reap(reap_m_);
      reap_.push_back(std::move(retired_));
    }
    reap_cv_.notify_one();
    retired_ = AnalysisResult{};
    lk.lock();
    busy_ = false;
    cv_.notify_all();
  }
}

void Server::analyse(const std::string& uri) {
  const auto it = docs_.find(uri);
  if (it == docs_.end()) return;
  const Document doc = it->second;
  AnalysisOptions options;
  options.paths = {doc.path};
  options.jobs = options_.jobs;
  options.keep_effects = false;  // diagnostics only
  for (const auto& [u, d] : docs_) options.overlays[d.key] = d.text;
  const PositionEncoding enc = encoding_;

  std::optional<std::string> config_error;
  Published result;
  result.revision = doc.revision;
  {
    // The analysis itself runs unlocked: messages keep flowing meanwhile.
    m_.unlock();
    try {
      const auto dir = doc.key.parent_path();
      std::string config_text;
      if (auto found = find_config(dir)) {
        options.config = load_config(*found);
        set_rule_doc_url(options.config.doc_url);
        config_text = found->string() + '\n';
        std::string bytes;
        if (read_file_bytes(*found, bytes)) config_text += bytes;
      }
      if (cache_config_ != config_text) {
        cache_ = AnalysisCache{};
        cache_config_ = config_text;
      }
      options.cache = &cache_;
      // Canonicalising every path of the folder costs a readlink per
      // component: only paths that end in the document's file name can be it.
      const std::string doc_name = doc.key.filename().string();
      std::map<std::string, bool, std::less<>> seen;
      const auto is_doc = [&](const std::string& path) {
        if (!path.ends_with(doc_name)) return false;
        auto [hit, fresh] = seen.try_emplace(path, false);
        if (fresh) hit->second = canonical_key(path) == doc.key;
        return hit->second;
      };
      retired_ = analyze(options);
      const AnalysisResult& r = retired_;
      for (const auto& d : r.diagnostics)
        if (is_doc(d.span.path)) result.diagnostics.push_back(d);
      // Positions are looked up only in the files the findings point into.
      std::set<std::string, std::less<>> cited;
      for (const auto& d : result.diagnostics) {
        cited.insert(d.span.path);
        for (const auto& n : d.notes) cited.insert(n.span.path);
        if (d.fix)
          for (const auto& e : d.fix->edits) cited.insert(e.span.path);
      }
      for (const auto& folder : r.folders)
        for (const auto& f : folder.files) {
          if (!f || !f->source) continue;
          if (cited.contains(f->source->path())) result.sources[f->source->path()] = f->source;
          if (is_doc(f->source->path())) result.parsed = f;
        }
    } catch (const ConfigError& e) {
      config_error = e.what();
    } catch (...) {
      m_.lock();
      throw;
    }
    m_.lock();
  }
  if (config_error) {
    log(*config_error);
    if (config_errors_shown_.insert(*config_error).second)
      queue({{"jsonrpc", "2.0"},
             {"method", "window/showMessage"},
             {"params", {{"type", 1}, {"message", "miglint: " + *config_error}}}});
  }
  // Superseded: the text changed (or the document closed) while we worked;
  // the newer text is already scheduled and this result must never show.
  const auto now_it = docs_.find(uri);
  if (now_it == docs_.end() || now_it->second.revision != doc.revision || pending_.contains(uri)) return;

  json diags = json::array();
  const SourceLookup lookup = lookup_for(result);
  for (const auto& d : result.diagnostics) diags.push_back(lsp_diagnostic(d, enc, lookup));
  published_[uri] = std::move(result);
  queue({{"jsonrpc", "2.0"},
         {"method", "textDocument/publishDiagnostics"},
         {"params", {{"uri", uri}, {"version", doc.version}, {"diagnostics", std::move(diags)}}}});
  for (auto p = parked_.begin(); p != parked_.end();) {
    if (p->uri != uri) {
      ++p;
      continue;
    }
    json result_json;
    try {
      result_json = {{"jsonrpc", "2.0"}, {"id", p->id}, {"result", answer(*p)}};
    } catch (const std::exception& e) {
      result_json = {{"jsonrpc", "2.0"}, {"id", p->id}, {"error", {{"code", kInvalidParams}, {"message", e.what()}}}};
    }
    queue(std::move(result_json));
    p = parked_.erase(p);
  }
}

SourceLookup Server::lookup_for(const Published& p) const {
  return [&p](const std::string& path) -> const SourceFile* {
    const auto it = p.sources.find(path);
    return it == p.sources.end() ? nullptr : it->second.get();
  };
}

// ---- requests on the published state -----------------------------------------

json Server::answer(const Parked& request) {
  if (request.method == "textDocument/hover") return hover(request.uri, request.params);
  return code_actions(request.uri, request.params);
}

json Server::code_actions(const std::string& uri, const json& params) {
  json actions = json::array();
  const json& range = params.at("range");
  if (params.contains("context") && params["context"].contains("only")) {
    const auto& only = params["context"]["only"];
    if (only.is_array() && std::none_of(only.begin(), only.end(), [](const json& k) {
          return k.is_string() && (k == "quickfix" || k.get<std::string>().rfind("quickfix", 0) == 0);
        }))
      return actions;
  }
  const auto pit = published_.find(uri);
  if (pit == published_.end()) return actions;
  const Published& pub = pit->second;
  const SourceLookup lookup = lookup_for(pub);
  const SourceFile* file = pub.parsed ? pub.parsed->source.get() : nullptr;

  for (const auto& d : pub.diagnostics) {
    const json drange = lsp_range(d.span, encoding_, lookup);
    if (!overlaps(drange, range)) continue;
    const json ldiag = lsp_diagnostic(d, encoding_, lookup);
    if (d.fix && !d.fix->edits.empty()) {
      json changes = json::object();
      for (const auto& e : d.fix->edits)
        changes[file_uri(e.span.path.str())].push_back(
            {{"range", lsp_range(e.span, encoding_, lookup)}, {"newText", e.text}});
      actions.push_back({{"title", d.fix->description.empty() ? "Fix " + d.rule : d.fix->description.str()},
                         {"kind", "quickfix"},
                         {"diagnostics", {ldiag}},
                         {"isPreferred", d.fix->safety == FixSafety::Safe},
                         {"edit", {{"changes", changes}}}});
    }
    if (!file) continue;
    // The statement holding the finding, when the finding stays inside one.
    const Statement* stmt = nullptr;
    if (pub.parsed)
      for (const auto& s : pub.parsed->statements)
        if (s.begin <= d.span.begin && d.span.begin <= s.end && d.span.end <= s.end + 1) {
          stmt = &s;
          break;
        }
    const std::string eol = file->text().find("\r\n") != std::string::npos ? "\r\n" : "\n";
    std::string title, text;
    uint32_t line = 1;
    if (stmt) {
      line = file->position(stmt->begin).line;
      const std::string_view lt = file->line_text(line);
      const std::string indent(lt.substr(
          0, lt.find_first_not_of(" \t") == std::string_view::npos ? lt.size() : lt.find_first_not_of(" \t")));
      title = "Ignore " + d.rule + " for this statement";
      text = indent;
      text.append("-- miglint-ignore ").append(d.rule.str()).append(": <reason>").append(eol);
    } else {
      title = "Ignore " + d.rule + " for this file";
      text = "-- miglint-ignore-file " + d.rule + ": <reason>" + eol;
    }
    const json at = {{"line", line - 1}, {"character", 0}};
    json action = {{"title", title},
                   {"kind", "quickfix"},
                   {"diagnostics", {ldiag}},
                   {"edit", {{"changes", {{uri, {{{"range", {{"start", at}, {"end", at}}}, {"newText", text}}}}}}}}};
    // Once the edit is made, the placeholder is selected for typing over
    // (the text before it is ASCII: the same column in every encoding).
    if (show_document_) {
      const auto from = static_cast<int64_t>(text.find("<reason>"));
      const json reason = {{"start", {{"line", line - 1}, {"character", from}}},
                           {"end", {{"line", line - 1}, {"character", from + 8}}}};
      action["command"] = {{"title", "Select the reason"}, {"command", kSelectReason}, {"arguments", {uri, reason}}};
    }
    actions.push_back(std::move(action));
  }
  return actions;
}

json Server::hover(const std::string& uri, const json& params) {
  const json& pos = params.at("position");
  const auto pit = published_.find(uri);
  if (pit == published_.end()) return nullptr;
  const Published& pub = pit->second;
  const SourceLookup lookup = lookup_for(pub);
  std::string markdown;
  std::set<std::string> shown;
  json first_range;
  for (const auto& d : pub.diagnostics) {
    const json r = lsp_range(d.span, encoding_, lookup);
    if (!contains(r, pos) || !shown.insert(d.rule).second) continue;
    if (first_range.is_null()) first_range = r;
    if (!markdown.empty()) markdown += "\n\n---\n\n";
    if (const auto doc = rule_doc(d.rule)) {
      markdown += valid_utf8(*doc);
    } else {
      const Rule* rule = find_rule(d.rule);
      markdown += "# " + d.rule + "\n\n" + (rule ? std::string(rule->meta().summary) : d.message);
    }
    markdown += "\n\n[" + d.rule + " documentation](" + rule_doc_url(d.rule) + ")";
  }
  if (markdown.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", markdown}}}, {"range", first_range}};
}

}  // namespace miglint::lsp
