#include "analyzer/engine/walk.h"

#include <cstdint>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <vector>

namespace miglint {

using google::protobuf::Message;

namespace {

struct WalkItem;
// MsgType, push_children() and message_types(): generated from pg_query.proto
// by tools/gen_walk.py (typed accessors instead of reflection, which tests
// every field of every message and builds the descriptor pool on first use).
enum class MsgType : uint16_t;
struct WalkItem {
  const Message* m;
  MsgType t;
};
#include <pg_query/pg_walk.inc>

template <typename Visit>
void walk(const Message& root, Visit&& visit) {
  const auto& types = message_types();
  const auto it = types.find(std::type_index(typeid(root)));
  if (it == types.end()) {
    visit(root, false);  // not an AST message: nothing below it to walk
    return;
  }
  std::vector<WalkItem> stack{{&root, it->second}};
  while (!stack.empty()) {
    const WalkItem item = stack.back();
    stack.pop_back();
    if (visit(*item.m, item.t == MsgType::Node)) push_children(item.m, item.t, stack);
  }
}

}  // namespace

void walk_messages(const Message& root, const std::function<bool(const Message&)>& visit) {
  walk(root, [&](const Message& m, bool) { return visit(m); });
}

void walk_nodes(const Message& root, const std::function<void(const pg_query::Node&)>& visit) {
  walk(root, [&](const Message& m, bool is_node) {
    if (is_node) visit(static_cast<const pg_query::Node&>(m));
    return true;
  });
}

}  // namespace miglint
