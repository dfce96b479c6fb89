// Syntax newer than PostgreSQL 15 that the linked grammar accepts: for a node,
// each use of such syntax with the version that introduced it
// (docs/PG_GRAMMARS.md). With the PostgreSQL 15 grammar nothing is found:
// that grammar refuses the syntax itself.
#pragma once
#include <string_view>
#include <vector>

#include "pg_query/pg_query.pb.h"

namespace miglint::pgc {

struct NewerSyntax {
  int since = 0;                               // PostgreSQL major version
  std::string_view what;                       // "a subquery in FROM without an alias"
  std::string_view instead;                    // how older versions say it, if any
  const google::protobuf::MessageLite* where;  // the node to point at
};

// The node kinds newer_syntax() looks at.
std::vector<pg_query::Node::NodeCase> newer_syntax_node_kinds();
std::vector<NewerSyntax> newer_syntax(const pg_query::Node& node);

}  // namespace miglint::pgc
