// A file's bytes and the index that turns byte offsets into positions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source/symbol.h"

namespace miglint {

// 1-based line and column (Unicode code points), plus the 0-based UTF-16
// column the language server protocol wants.
struct Position {
  uint32_t line = 1;
  uint32_t column = 1;
  uint32_t utf16 = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

class SourceFile {
 public:
  SourceFile(std::string_view path, std::string bytes);

  const Symbol& path() const { return path_; }
  // The bytes as read from disk (may be invalid UTF-8).
  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }

  Position position(size_t offset) const;
  // Byte offset of a 1-based line/column (code points); clamps to the line end.
  size_t offset(uint32_t line, uint32_t column) const;
  // Byte offset of a 0-based line and UTF-16 column (LSP).
  size_t offset_utf16(uint32_t line0, uint32_t utf16) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  size_t line_start(uint32_t line) const;
  // The text of a 1-based line without its terminator.
  std::string_view line_text(uint32_t line) const;

 private:
  Symbol path_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

// Length in bytes of the UTF-8 sequence starting at s[i], or 0 when invalid.
size_t utf8_sequence_length(std::string_view s, size_t i);
// Decodes the valid sequence at s[i] (length n) to a code point.
uint32_t utf8_decode(std::string_view s, size_t i, size_t n);

}  // namespace miglint
