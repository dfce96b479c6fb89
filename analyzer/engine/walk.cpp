#include "analyzer/engine/walk.h"

#include <vector>

namespace miglint {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void walk_messages(const Message& root, const std::function<bool(const Message&)>& visit) {
  std::vector<const Message*> stack{&root};
  std::vector<const FieldDescriptor*> fields;
  while (!stack.empty()) {
    const Message* m = stack.back();
    stack.pop_back();
    if (!visit(*m)) continue;
    const auto* refl = m->GetReflection();
    fields.clear();
    refl->ListFields(*m, &fields);
    // Push in reverse so children pop in source order.
    for (auto it = fields.rbegin(); it != fields.rend(); ++it) {
      const FieldDescriptor* f = *it;
      if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      if (f->is_repeated()) {
        for (int i = refl->FieldSize(*m, f) - 1; i >= 0; --i) stack.push_back(&refl->GetRepeatedMessage(*m, f, i));
      } else {
        stack.push_back(&refl->GetMessage(*m, f));
      }
    }
  }
}

void walk_nodes(const Message& root, const std::function<void(const pg_query::Node&)>& visit) {
  const auto* node_desc = pg_query::Node::descriptor();
  walk_messages(root, [&](const Message& m) {
    if (m.GetDescriptor() == node_desc) visit(static_cast<const pg_query::Node&>(m));
    return true;
  });
}

}  // namespace miglint
