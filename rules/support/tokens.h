// PostgreSQL's own scanner over a piece of a file, for what the AST does not
// keep: keyword positions (where `IF EXISTS` goes) and identifiers as written
// (the AST holds them already truncated to 63 bytes).
#pragma once
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <pg_query.h>
#include <pg_query/pg_query.pb.h>

namespace miglint::rules {

struct Token {
  size_t begin = 0;  // file offsets
  size_t end = 0;
  pg_query::Token kind = pg_query::Token::NUL;
  bool keyword = false;
};

// Tokens of text[begin, end), with file offsets; empty when the scanner
// refuses the text.
inline std::vector<Token> scan_tokens(std::string_view text, size_t begin, size_t end) {
  std::vector<Token> out;
  if (begin >= end || end > text.size()) return out;
  const std::string piece(text.substr(begin, end - begin));
  PgQueryScanResult r = pg_query_scan(piece.c_str());
  // Freed on every path: the result owns C allocations.
  struct Free {
    PgQueryScanResult& r;
    ~Free() { pg_query_free_scan_result(r); }
  } guard{r};
  if (r.error || !r.pbuf.data) return out;
  pg_query::ScanResult scan;
  if (!scan.ParseFromArray(r.pbuf.data, static_cast<int>(r.pbuf.len))) return out;
  out.reserve(static_cast<size_t>(scan.tokens_size()));
  for (const auto& t : scan.tokens()) {
    if (t.start() < 0 || t.end() < t.start() || static_cast<size_t>(t.end()) > piece.size()) continue;
    out.push_back(Token{begin + static_cast<size_t>(t.start()), begin + static_cast<size_t>(t.end()), t.token(),
                        t.keyword_kind() != pg_query::NO_KEYWORD});
  }
  return out;
}

// An identifier token as PostgreSQL reads it: quoted ("A""b" → A"b) or
// unquoted (ASCII folded to lower case), before truncation.
inline std::string identifier_text(std::string_view raw) {
  std::string out;
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
    for (size_t i = 1; i + 1 < raw.size(); ++i) {
      out += raw[i];
      if (raw[i] == '"' && i + 2 < raw.size() && raw[i + 1] == '"') ++i;
    }
    return out;
  }
  if (raw.size() >= 3 && (raw[0] == 'U' || raw[0] == 'u') && raw[1] == '&') return std::string(raw);
  for (char c : raw) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

}  // namespace miglint::rules
