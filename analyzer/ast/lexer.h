// A small SQL lexer for what libpg_query does not give us: psql meta-commands,
// COPY ... FROM stdin data blocks, a statement splitter that survives text the
// PostgreSQL scanner refuses, and byte-preserving repairs of the input.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

struct ByteRange {
  size_t begin = 0;
  size_t end = 0;
};

struct LexComment {
  size_t begin = 0;
  size_t end = 0;
  bool line = true;  // -- comment (true) or /* */ block (false)
};

// The text handed to the parser. It always has the same length as the input so
// that every AST location is a byte offset into the original file.
struct PreparedText {
  std::string text;
  std::vector<size_t> invalid_utf8;      // offsets of bytes that were not UTF-8
  std::vector<size_t> nul_bytes;         // offsets of NUL bytes
  std::vector<ByteRange> meta_commands;  // psql backslash commands (to end of line)
  std::vector<ByteRange> copy_data;      // COPY ... FROM stdin data blocks, up to and including "\."
  bool bom = false;
};

PreparedText prepare_text(std::string_view bytes);

// Statement ranges split at top-level semicolons (leading trivia included, the
// semicolon excluded), for input the PostgreSQL scanner refuses.
std::vector<ByteRange> lexical_split(std::string_view text);

std::vector<LexComment> lexical_comments(std::string_view text);

// An upper bound on the bytes of any identifier written in [begin, end),
// cheaper than running PostgreSQL's scanner: where there is no double quote,
// the longest run of identifier bytes (in literals and comments too); else
// the longest bare word or double-quoted identifier outside them.
size_t longest_word(std::string_view text, size_t begin, size_t end);

// First offset at or after pos (before end) that is not whitespace or a comment.
size_t skip_trivia(std::string_view text, size_t pos, size_t end);

}  // namespace miglint
