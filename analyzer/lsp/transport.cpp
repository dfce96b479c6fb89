#include "analyzer/lsp/transport.h"

#include <algorithm>
#include <cctype>

#include "analyzer/source/strings.h"

namespace miglint::lsp {

namespace {

constexpr size_t kMaxBody = size_t{256} << 20;  // larger than any sane buffer; stops a bogus length

bool token(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

}  // namespace

Frame FrameReader::next() {
  Frame f;
  std::optional<size_t> length;
  bool any_header = false;
  std::string problem;
  std::string line;
  while (true) {
    if (!std::getline(in_, line)) {
      f.eof = true;
      if (any_header) f.error = "input ended inside a message header";
      return f;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      break;
    }
    any_header = true;
    const std::string l = lower(line);
    const size_t cl = l.find("content-length:");
    if (cl != std::string::npos) {
      // Text before the header is the remains of a broken frame: report it, then resync here.
      if (cl > 0 && problem.empty()) problem = "unexpected data before a Content-Length header";
      const std::string value(trim_chars(std::string_view(line).substr(cl + 15), " \t"));
      if (value.empty() || value.size() > 12 ||
          !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
        if (problem.empty()) problem = "invalid Content-Length value `" + value.substr(0, 40) + "`";
        length.reset();
        continue;
      }
      length = std::stoull(value);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos || !token(std::string_view(line).substr(0, colon))) {
      if (problem.empty()) problem = "malformed header line";
    }
    // Other well-formed headers (Content-Type) carry nothing we need.
  }
  if (!length) {
    f.error = problem.empty() ? "message header without Content-Length" : problem;
    return f;
  }
  if (*length > kMaxBody) {
    f.error = "Content-Length " + std::to_string(*length) + " is too large";
    return f;
  }
  if (!problem.empty()) f.error = problem;
  std::string body(*length, '\0');
  in_.read(body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<size_t>(in_.gcount()) != *length) {
    f.eof = true;
    f.error = "input ended inside a message body";
    return f;
  }
  f.body = std::move(body);
  return f;
}

std::string frame(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace miglint::lsp
