// Stack-safe traversal of a libpg_query AST (no recursion: input nesting
// depth cannot overflow the stack).
#pragma once
#include <functional>

#include <google/protobuf/message_lite.h>
#include <pg_query/pg_ast_meta.h>
#include <pg_query/pg_query.pb.h>

namespace miglint {

// Visits every pg_query::Node under root in pre-order, source order.
void walk_nodes(const google::protobuf::MessageLite& root, const std::function<void(const pg_query::Node&)>& visit);

// Visits every message (nodes and their payloads) in pre-order, with its
// type; return false from visit to skip a subtree.
void walk_messages(const google::protobuf::MessageLite& root,
                   const std::function<bool(const google::protobuf::MessageLite&, pgmeta::MsgType)>& visit);

}  // namespace miglint
