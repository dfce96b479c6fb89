// A migration file parsed into PostgreSQL's own AST (libpg_query), statement by
// statement, with its comments and every problem found on the way.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ast/lexer.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/source/source_file.h"

namespace google::protobuf {
class Arena;
}
namespace pg_query {
class Node;
}

namespace miglint {

struct Statement {
  size_t begin = 0;                      // first byte of the statement itself (leading comments skipped)
  size_t end = 0;                        // one past its last byte, semicolon excluded
  size_t base = 0;                       // AST locations are relative to this offset
  const pg_query::Node* node = nullptr;  // the statement (RawStmt.stmt)
  size_t ordinal = 0;                    // 0-based position in the file, failed statements included

  // File offset of an AST location (-1, i.e. unknown, maps to the statement start).
  size_t offset(int location) const { return location < 0 ? begin : base + static_cast<size_t>(location); }
};

struct Comment {
  size_t begin = 0;
  size_t end = 0;
  bool line = true;
};

struct ParsedFile {
  std::shared_ptr<const SourceFile> source;
  std::vector<Statement> statements;  // the statements that parsed
  std::vector<ByteRange> failed;      // statements that did not
  std::vector<Comment> comments;
  std::vector<Diagnostic> diagnostics;             // syntax-error, invalid-utf8, ...
  bool binary = false;                             // not analysed at all
  std::shared_ptr<google::protobuf::Arena> arena;  // owns every AST node above

  std::string_view text(size_t b, size_t e) const { return std::string_view(source->text()).substr(b, e - b); }
  std::string_view comment_text(const Comment& c) const { return text(c.begin, c.end); }

  // Frees the syntax trees once nothing will read them again (each
  // statement keeps its range; its node becomes null). The trees are most
  // of the memory a large folder takes.
  void release_syntax() {
    for (auto& s : statements) s.node = nullptr;
    arena.reset();
  }
};

ParsedFile parse_file(std::shared_ptr<const SourceFile> source);

// Parses one SQL fragment (e.g. an expression wrapped as SELECT); null on error.
// The node lives in the given arena.
const pg_query::Node* parse_single_statement(std::string_view sql, google::protobuf::Arena& arena);

}  // namespace miglint
