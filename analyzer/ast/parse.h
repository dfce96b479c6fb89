// A migration file parsed into PostgreSQL's own AST (libpg_query), statement by
// statement, with its comments and every problem found on the way.
#pragma once
#include <cstdint>
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
  std::vector<Diagnostic> diagnostics;  // syntax-error, invalid-utf8, ...
  bool binary = false;                  // not analysed at all
  // The trees, in arenas: a large file is parsed in parts, each part's
  // trees in an arena of its own with the end (an index into `statements`)
  // of the statements it holds; otherwise one arena holds them all.
  struct Trees {
    std::shared_ptr<google::protobuf::Arena> arena;
    size_t statements_end = SIZE_MAX;
  };
  std::vector<Trees> trees;
  size_t trees_freed = 0;  // parts freed from the front

  std::string_view text(size_t b, size_t e) const { return std::string_view(source->text()).substr(b, e - b); }
  std::string_view comment_text(const Comment& c) const { return text(c.begin, c.end); }

  // Frees the syntax trees once nothing will read them again (each
  // statement keeps its range; its node becomes null). The trees are most
  // of the memory a large folder takes.
  void release_syntax() {
    for (auto& s : statements) s.node = nullptr;
    trees.clear();
    trees_freed = 0;
  }
  // Frees the trees of the parts whose statements all come before statement
  // `n` (an index into `statements`), for a reader that goes through them in
  // order and is the last.
  void release_trees_before(size_t n) {
    for (; trees_freed < trees.size() && trees[trees_freed].statements_end <= n; ++trees_freed) {
      const size_t from = trees_freed == 0 ? 0 : trees[trees_freed - 1].statements_end;
      for (size_t i = from; i < trees[trees_freed].statements_end; ++i) statements[i].node = nullptr;
      trees[trees_freed].arena.reset();
    }
  }
};

ParsedFile parse_file(std::shared_ptr<const SourceFile> source);

// Parses one SQL fragment (e.g. an expression wrapped as SELECT); null on error.
// The node lives in the given arena.
const pg_query::Node* parse_single_statement(std::string_view sql, google::protobuf::Arena& arena);

}  // namespace miglint
