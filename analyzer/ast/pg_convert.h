// PostgreSQL's parse tree turned into the C++ AST without the protobuf round
// trip (see tools/gen_convert.py). Only where libpg_query ships PostgreSQL's
// node headers (its 17 and 18 packages); elsewhere parse.cpp and expr.cpp
// take the protobuf path alone.
#pragma once
#include <optional>
#include <string>

#include <google/protobuf/arena.h>
#include <pg_query/pg_query.pb.h>

namespace miglint::pgconvert {

struct Result {
  enum class Status {
    Tree,         // `tree` holds the statements
    SyntaxError,  // PostgreSQL refused the text: `message`, `cursorpos`
    Unsupported,  // a node the converter does not know, or nesting past its limit
  };
  Status status = Status::Unsupported;
  const pg_query::ParseResult* tree = nullptr;  // allocated in the arena
  std::string message;
  int cursorpos = 0;
};

// Parses `sql` (NUL-terminated). An Unsupported result may leave unused
// messages in the arena; the caller then takes the protobuf path.
Result parse(const char* sql, google::protobuf::Arena& arena);

// libpg_query's deparse of one statement: its text, "" when the deparser
// refuses the tree, nullopt when the converter does not know a node in it
// (the caller then deparses through protobuf).
std::optional<std::string> deparse(const pg_query::RawStmt& stmt);

}  // namespace miglint::pgconvert
