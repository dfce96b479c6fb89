#include "analyzer/source/source_file.h"

#include <algorithm>
#include <cstring>

namespace miglint {

size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  const uint32_t cp = utf8_decode(s, i, n);
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

uint32_t utf8_decode(std::string_view s, size_t i, size_t n) {
  const auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[k])); };
  switch (n) {
    case 1: return b(i);
    case 2: return ((b(i) & 0x1F) << 6) | (b(i + 1) & 0x3F);
    case 3: return ((b(i) & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    default: return ((b(i) & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
  }
}

SourceFile::SourceFile(std::string_view path, std::string bytes) : path_(path), text_(std::move(bytes)) {
  line_starts_.push_back(0);
  // Most files hold no \r: their line breaks are found by memchr, which
  // reads many bytes at a step (the loop below took a tenth of the human
  // report's time on a large folder).
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  if (!std::memchr(begin, '\r', text_.size())) {
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))));)
      line_starts_.push_back(static_cast<size_t>(++p - begin));
    return;
  }
  for (size_t i = 0; i < text_.size(); ++i) {
    // \n, \r\n and a lone \r all end a line, as editors count them.
    if (text_[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text_[i] == '\r') {
      if (i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
      line_starts_.push_back(i + 1);
    }
  }
}

size_t SourceFile::line_start(uint32_t line) const {
  if (line == 0) return 0;
  if (line > line_starts_.size()) return text_.size();
  return line_starts_[line - 1];
}

std::string_view SourceFile::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const size_t begin = line_starts_[line - 1];
  size_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(begin, end - begin);
}

Position SourceFile::position(size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  Position p;
  p.line = static_cast<uint32_t>(line_index + 1);
  const std::string_view t = text_;
  for (size_t i = line_starts_[line_index]; i < offset;) {
    const size_t n = utf8_sequence_length(t, i);
    // An invalid byte counts as one character, as the repaired text shows it.
    const size_t step = n == 0 ? 1 : n;
    p.column += 1;
    p.utf16 += (n == 4) ? 2 : 1;
    i += step;
  }
  return p;
}

size_t SourceFile::offset(uint32_t line, uint32_t column) const {
  if (line == 0) line = 1;
  if (line > line_starts_.size()) return text_.size();
  const std::string_view lt = line_text(line);
  size_t i = line_starts_[line - 1];
  const size_t end = i + lt.size();
  for (uint32_t c = 1; c < column && i < end; ++c) {
    const size_t n = utf8_sequence_length(text_, i);
    i += n == 0 ? 1 : n;
  }
  return std::min(i, end);
}

size_t SourceFile::offset_utf16(uint32_t line0, uint32_t utf16) const {
  if (line0 >= line_starts_.size()) return text_.size();
  const std::string_view lt = line_text(line0 + 1);
  size_t i = line_starts_[line0];
  const size_t end = i + lt.size();
  uint32_t u = 0;
  while (u < utf16 && i < end) {
    const size_t n = utf8_sequence_length(text_, i);
    u += n == 4 ? 2 : 1;
    i += n == 0 ? 1 : n;
  }
  return std::min(i, end);
}

}  // namespace miglint
