// LSP base protocol framing: `Content-Length: N\r\n\r\n` + N bytes of JSON.
#pragma once
#include <istream>
#include <optional>
#include <string>

namespace miglint::lsp {

struct Frame {
  std::optional<std::string> error;  // a framing problem found before this frame
  std::optional<std::string> body;   // the message, when one was read
  bool eof = false;                  // the input ended
};

// Reads frames; resynchronises after garbage by looking for the next
// Content-Length header, so one bad frame never loses the ones after it.
class FrameReader {
 public:
  explicit FrameReader(std::istream& in) : in_(in) {}
  Frame next();

 private:
  std::istream& in_;
};

std::string frame(const std::string& body);

}  // namespace miglint::lsp
