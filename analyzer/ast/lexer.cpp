#include "analyzer/ast/lexer.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "analyzer/source/source_file.h"

namespace miglint {
namespace {

// ASCII letters and digits, as PostgreSQL's scanner has them (std::isalnum
// is a call per byte, and this runs on every byte of every file).
bool is_ascii_alnum(unsigned char u) {
  const unsigned char lower = u | 0x20;
  return (u >= '0' && u <= '9') || (lower >= 'a' && lower <= 'z');
}

bool is_ident_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return is_ascii_alnum(u) || c == '_' || u >= 0x80 || c == '$';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

size_t line_end(std::string_view t, size_t i) {
  while (i < t.size() && t[i] != '\n' && t[i] != '\r') ++i;
  return i;
}

size_t next_line(std::string_view t, size_t i) {
  i = line_end(t, i);
  if (i < t.size() && t[i] == '\r') ++i;
  if (i < t.size() && t[i] == '\n') ++i;
  return i;
}

// Length of a dollar-quote tag ($tag$ or $$) starting at i, or 0.
size_t dollar_tag(std::string_view t, size_t i) {
  if (t[i] != '$') return 0;
  size_t j = i + 1;
  if (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j]))) return 0;
  while (j < t.size() && t[j] != '$') {
    const auto u = static_cast<unsigned char>(t[j]);
    if (!(is_ascii_alnum(u) || t[j] == '_' || u >= 0x80)) return 0;
    ++j;
  }
  if (j >= t.size()) return 0;
  return j - i + 1;
}

enum class Tok { Space, Comment, Quoted, Semicolon, Backslash, Other };

// Scans one lexical element at i; returns its end. Unterminated quotes and
// comments run to the end of the text, as in PostgreSQL.
size_t scan(std::string_view t, size_t i, Tok& kind, bool& line_comment) {
  const char c = t[i];
  if (is_space(c)) {
    kind = Tok::Space;
    while (i < t.size() && is_space(t[i])) ++i;
    return i;
  }
  if (c == '-' && i + 1 < t.size() && t[i + 1] == '-') {
    kind = Tok::Comment;
    line_comment = true;
    return line_end(t, i);
  }
  if (c == '/' && i + 1 < t.size() && t[i + 1] == '*') {
    kind = Tok::Comment;
    line_comment = false;
    int depth = 1;
    i += 2;
    while (i < t.size() && depth > 0) {
      if (t[i] == '/' && i + 1 < t.size() && t[i + 1] == '*') {
        ++depth;
        i += 2;
      } else if (t[i] == '*' && i + 1 < t.size() && t[i + 1] == '/') {
        --depth;
        i += 2;
      } else ++i;
    }
    return i;
  }
  if (c == '\'') {
    kind = Tok::Quoted;
    const bool escapes = i > 0 && (t[i - 1] == 'E' || t[i - 1] == 'e') && (i < 2 || !is_ident_char(t[i - 2]));
    ++i;
    while (i < t.size()) {
      if (escapes && t[i] == '\\') {
        i += 2;
        continue;
      }
      if (t[i] == '\'') {
        if (i + 1 < t.size() && t[i + 1] == '\'') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      ++i;
    }
    return t.size();
  }
  if (c == '"') {
    kind = Tok::Quoted;
    ++i;
    while (i < t.size()) {
      if (t[i] == '"') {
        if (i + 1 < t.size() && t[i + 1] == '"') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      ++i;
    }
    return t.size();
  }
  if (c == '$' && (i == 0 || !is_ident_char(t[i - 1]))) {
    if (const size_t n = dollar_tag(t, i)) {
      kind = Tok::Quoted;
      const std::string_view tag = t.substr(i, n);
      const size_t close = t.find(tag, i + n);
      return close == std::string_view::npos ? t.size() : close + n;
    }
  }
  if (c == ';') {
    kind = Tok::Semicolon;
    return i + 1;
  }
  if (c == '\\') {
    kind = Tok::Backslash;
    return line_end(t, i);
  }
  kind = Tok::Other;
  if (is_ident_char(c)) {
    while (i < t.size() && is_ident_char(t[i])) ++i;
    return i;
  }
  return i + 1;
}

bool ieq_word(std::string_view t, size_t i, std::string_view w) {
  if (i + w.size() > t.size()) return false;
  for (size_t k = 0; k < w.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(t[i + k])) != w[k]) return false;
  return i + w.size() == t.size() || !is_ident_char(t[i + w.size()]);
}

// Does the statement text [b, e) read COPY ... FROM STDIN?
bool is_copy_from_stdin(std::string_view t, size_t b, size_t e) {
  b = skip_trivia(t, b, e);
  if (!ieq_word(t, b, "copy")) return false;
  bool saw_from = false;
  for (size_t i = b; i < e;) {
    Tok k;
    bool lc = false;
    const size_t n = scan(t, i, k, lc);
    if (k == Tok::Other && is_ident_char(t[i])) {
      if (saw_from && ieq_word(t, i, "stdin")) return true;
      saw_from = ieq_word(t, i, "from");
    } else if (k != Tok::Space && k != Tok::Comment) {
      saw_from = false;
    }
    i = n;
  }
  return false;
}

// Whether t holds `lower` (lower-case letters), in any case.
bool contains_ci(std::string_view t, std::string_view lower) {
  for (size_t i = 0; i + lower.size() <= t.size(); ++i) {
    if ((static_cast<unsigned char>(t[i]) | 0x20) != static_cast<unsigned char>(lower[0])) continue;
    size_t k = 1;
    while (k < lower.size() && (static_cast<unsigned char>(t[i + k]) | 0x20) == static_cast<unsigned char>(lower[k]))
      ++k;
    if (k == lower.size()) return true;
  }
  return false;
}

void blank(std::string& s, size_t b, size_t e) {
  for (size_t i = b; i < e && i < s.size(); ++i)
    if (s[i] != '\n' && s[i] != '\r') s[i] = ' ';
}

}  // namespace

size_t skip_trivia(std::string_view t, size_t pos, size_t end) {
  end = std::min(end, t.size());
  while (pos < end) {
    Tok k;
    bool lc = false;
    const size_t n = scan(t, pos, k, lc);
    if (k != Tok::Space && k != Tok::Comment) return pos;
    pos = n;
  }
  return end;
}

PreparedText prepare_text(std::string_view bytes) {
  PreparedText p;
  p.text.assign(bytes);
  std::string& t = p.text;
  if (t.size() >= 3 && t.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    p.bom = true;
    t[0] = t[1] = t[2] = ' ';
  }
  for (size_t i = 0; i < t.size();) {
    // Eight bytes of plain ASCII (no high bit, no NUL) at a time: most of a file.
    if (i + 8 <= t.size()) {
      uint64_t w = 0;
      std::memcpy(&w, t.data() + i, 8);
      constexpr uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
      if ((w & kHigh) == 0 && ((w - kOnes) & ~w & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    if (t[i] == '\0') {
      p.nul_bytes.push_back(i);
      t[i] = ' ';
      ++i;
      continue;
    }
    const size_t n = utf8_sequence_length(t, i);
    if (n == 0) {
      // One byte in, one byte out: offsets stay true to the file.
      p.invalid_utf8.push_back(i);
      t[i] = '_';
      ++i;
    } else {
      i += n;
    }
  }
  // Meta-commands and COPY data are found on the repaired text, outside quotes;
  // a text without a backslash or the word stdin has neither.
  const std::string_view v = t;
  if (v.find('\\') == std::string_view::npos && !contains_ci(v, "stdin")) return p;
  size_t stmt_begin = 0;
  std::vector<ByteRange> blanks;
  for (size_t i = 0; i < v.size();) {
    Tok k;
    bool lc = false;
    const size_t n = scan(v, i, k, lc);
    if (k == Tok::Backslash) {
      p.meta_commands.push_back({i, n});
      blanks.push_back({i, n});
    } else if (k == Tok::Semicolon) {
      if (is_copy_from_stdin(v, stmt_begin, i)) {
        const size_t data = next_line(v, n);
        size_t j = data;
        size_t stop = v.size();
        while (j < v.size()) {
          const size_t le = line_end(v, j);
          std::string_view line = v.substr(j, le - j);
          if (line == "\\.") {
            stop = le;
            break;
          }
          j = next_line(v, j);
        }
        p.copy_data.push_back({data, stop});
        blanks.push_back({data, stop});
        i = stop;
        stmt_begin = stop;
        continue;
      }
      stmt_begin = n;
    }
    i = n;
  }
  for (const auto& b : blanks) blank(t, b.begin, b.end);
  return p;
}

std::vector<ByteRange> lexical_split(std::string_view t) {
  std::vector<ByteRange> out;
  size_t begin = 0;
  for (size_t i = 0; i < t.size();) {
    Tok k;
    bool lc = false;
    const size_t n = scan(t, i, k, lc);
    if (k == Tok::Semicolon) {
      if (skip_trivia(t, begin, i) < i) out.push_back({begin, i});
      begin = n;
    }
    i = n;
  }
  if (skip_trivia(t, begin, t.size()) < t.size()) out.push_back({begin, t.size()});
  return out;
}

std::vector<LexComment> lexical_comments(std::string_view t) {
  std::vector<LexComment> out;
  for (size_t i = 0; i < t.size();) {
    Tok k;
    bool lc = false;
    const size_t n = scan(t, i, k, lc);
    if (k == Tok::Comment) out.push_back({i, n, lc});
    i = n;
  }
  return out;
}

size_t longest_word(std::string_view text, size_t begin, size_t end) {
  const std::string_view t = text.substr(0, std::min(end, text.size()));
  if (begin >= t.size()) return 0;
  size_t longest = 0;
  if (t.find('"', begin) == std::string_view::npos) {
    // Every word is a run of identifier bytes: one tight loop, without
    // telling literals and comments apart (a few times cheaper than scan()).
    size_t run = 0;
    for (size_t i = begin; i < t.size(); ++i) {
      run = is_ident_char(t[i]) ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    return longest;
  }
  for (size_t i = begin; i < t.size();) {
    Tok k;
    bool lc = false;
    const size_t n = scan(t, i, k, lc);
    if ((k == Tok::Other || (k == Tok::Quoted && t[i] == '"')) && n - i > longest) longest = n - i;
    i = n;
  }
  return longest;
}

}  // namespace miglint
