#include "analyzer/output/links.h"

#include <atomic>
#include <cstdio>
#include <memory>

namespace miglint {

namespace fs = std::filesystem;

namespace {
std::shared_ptr<const std::string>& doc_url_template() {
  static std::shared_ptr<const std::string> url = std::make_shared<const std::string>(kDefaultRuleDocUrl);
  return url;
}
}  // namespace

std::string rule_doc_url(std::string_view id) {
  std::string url = *std::atomic_load(&doc_url_template());
  for (size_t at; (at = url.find("{id}")) != std::string::npos;) url.replace(at, 4, id);
  return url;
}

void set_rule_doc_url(const std::string& url_template) {
  std::atomic_store(&doc_url_template(), std::make_shared<const std::string>(
                                             url_template.empty() ? std::string(kDefaultRuleDocUrl) : url_template));
}

std::string terminal_link(std::string_view url, std::string_view text) {
  return "\x1b]8;;" + std::string(url) + "\x1b\\" + std::string(text) + "\x1b]8;;\x1b\\";
}

std::string percent_encode_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string file_uri(const fs::path& path) {
  std::error_code ec;
  fs::path abs = path.is_absolute() ? path : fs::absolute(path, ec);
  if (ec) abs = path;
  return "file://" + percent_encode_path(abs.lexically_normal().generic_string());
}

std::optional<fs::path> uri_to_path(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.substr(0, scheme.size()) != scheme) return std::nullopt;
  std::string_view rest = uri.substr(scheme.size());
  // file://host/path: only the local host (empty or localhost) is ours.
  if (rest.substr(0, 9) == "localhost") rest.remove_prefix(9);
  if (rest.empty() || rest.front() != '/') return std::nullopt;
  std::string out;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] != '%') {
      out += rest[i];
      continue;
    }
    if (i + 2 >= rest.size()) return std::nullopt;
    unsigned v = 0;
    for (size_t k = 1; k <= 2; ++k) {
      const char h = rest[i + k];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
      else return std::nullopt;
    }
    out += static_cast<char>(v);
    i += 2;
  }
  return fs::path(out).lexically_normal();
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

namespace {

nlohmann::json lsp_position(const Span& span, bool start, PositionEncoding enc, const SourceLookup& lookup) {
  const Position& p = start ? span.start : span.stop;
  uint32_t character = p.utf16;
  if (enc == PositionEncoding::Utf8) {
    const SourceFile* file = lookup ? lookup(span.path) : nullptr;
    const size_t offset = start ? span.begin : span.end;
    if (file) {
      const size_t line_begin = file->line_start(p.line);
      character = static_cast<uint32_t>(offset >= line_begin ? offset - line_begin : 0);
    } else {
      character = p.column - 1;  // without the text, code points are the best guess
    }
  }
  return {{"line", p.line - 1}, {"character", character}};
}

int lsp_severity(Severity s) {
  switch (s) {
    case Severity::Error: return 1;
    case Severity::Warning: return 2;
    case Severity::Info: return 3;
  }
  return 3;
}

}  // namespace

nlohmann::json lsp_range(const Span& span, PositionEncoding enc, const SourceLookup& lookup) {
  return {{"start", lsp_position(span, true, enc, lookup)}, {"end", lsp_position(span, false, enc, lookup)}};
}

nlohmann::json lsp_diagnostic(const Diagnostic& d, PositionEncoding enc, const SourceLookup& lookup) {
  std::string message = d.message;
  if (!d.help.empty()) message += "\nhelp: " + d.help;
  nlohmann::json j = {{"range", lsp_range(d.span, enc, lookup)},
                      {"severity", lsp_severity(d.severity)},
                      {"code", d.rule},
                      {"codeDescription", {{"href", rule_doc_url(d.rule)}}},
                      {"source", "miglint"},
                      {"message", valid_utf8(message)}};
  // Editors grey out what a tag marks as unnecessary: a suppression that does nothing.
  if (d.rule == "unused-suppression") j["tags"] = {1};
  if (!d.notes.empty()) {
    nlohmann::json related = nlohmann::json::array();
    for (const auto& n : d.notes)
      related.push_back(
          {{"location", {{"uri", file_uri(n.span.path.str())}, {"range", lsp_range(n.span, enc, lookup)}}},
           {"message", valid_utf8(n.message)}});
    j["relatedInformation"] = std::move(related);
  }
  return j;
}

}  // namespace miglint
