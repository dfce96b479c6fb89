// `ban-drop-table` (squawk): dropping a table destroys its data and breaks
// every client still using it.
#include <fmt/format.h>

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class BanDropTable final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-drop-table", Severity::Warning,
                            "dropping a table loses its data and breaks its clients", "destructive"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kDropStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const auto& drop = node.drop_stmt();
    if (drop.remove_type() != pg_query::OBJECT_TABLE) return;
    for (const auto& obj : drop.objects()) {
      std::string name;
      for (const auto& part : obj.list().items()) name += (name.empty() ? "" : ".") + part.string().sval();
      const std::string relname = obj.list().items().empty() ? "" : obj.list().items().rbegin()->string().sval();
      // A down that drops what its own migration's up created is the normal
      // inverse, not a destructive change; so is a table created earlier in
      // the same file.
      if (ctx.created_earlier(relname)) continue;
      if (ctx.role() == Role::Down && created_by_own_up(ctx, relname)) continue;
      ctx.report_statement(fmt::format("dropping table {} deletes its data; the statement {}", name,
                                       lock_phrase(LockMode::AccessExclusive, name)),
                           "make sure no code reads or writes the table any more (deploy that first), and keep a "
                           "backup; suppress with `-- miglint-ignore ban-drop-table: reason` once it is intended");
    }
  }

 private:
  static bool created_by_own_up(const StatementContext& ctx, std::string_view relname) {
    const auto* up = ctx.up_unit();
    return up && up->created_relations.contains(relname);
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_table() { return std::make_unique<BanDropTable>(); }

}  // namespace miglint
