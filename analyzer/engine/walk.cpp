#include "analyzer/engine/walk.h"

#include <algorithm>
#include <vector>

#include <pg_query/pg_ast_meta.h>

namespace miglint {

using google::protobuf::MessageLite;
using pgmeta::MsgType;

namespace {

struct WalkItem {
  const MessageLite* m;
  MsgType t;
};

template <typename Visit>
void walk(const MessageLite& root, Visit&& visit) {
  const auto type = pgmeta::type_of(root);
  if (!type) {
    return;  // not an AST message: nothing to walk
  }
  std::vector<WalkItem> stack{{&root, *type}};
  while (!stack.empty()) {
    const WalkItem item = stack.back();
    stack.pop_back();
    if (!visit(*item.m, item.t)) continue;
    // Children are pushed in field order and reversed, so that popping
    // visits them in source order.
    const size_t first = stack.size();
    pgmeta::children(*item.m, item.t, [&](const MessageLite& c, MsgType t) { stack.push_back({&c, t}); });
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
  }
}

}  // namespace

void walk_messages(const MessageLite& root, const std::function<bool(const MessageLite&, MsgType)>& visit) {
  walk(root, visit);
}

void walk_nodes(const MessageLite& root, const std::function<void(const pg_query::Node&)>& visit) {
  walk(root, [&](const MessageLite& m, MsgType t) {
    if (t == MsgType::Node) visit(static_cast<const pg_query::Node&>(m));
    return true;
  });
}

}  // namespace miglint
