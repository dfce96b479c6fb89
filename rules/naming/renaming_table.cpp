// `renaming-table` (squawk): clients still using the old name fail the
// moment the rename commits.
#include <fmt/format.h>

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"
#include "rules/support/own_up.h"

namespace miglint {
namespace {

class RenamingTable final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"renaming-table", Severity::Warning,
                            "renaming a table breaks clients that use the old name", "naming"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kRenameStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const auto& r = node.rename_stmt();
    if (r.rename_type() != pg_query::OBJECT_TABLE) return;
    const std::string& table = r.relation().relname();
    if (ctx.created_earlier(table)) return;
    if (ctx.role() == Role::Down && (rules::up_renamed(ctx, pg_query::OBJECT_TABLE, "", table, r.newname()) ||
                                     (ctx.up_unit() && ctx.up_unit()->created_relations.contains(table))))
      return;
    ctx.report_statement(
        fmt::format("renaming table {} to {}: every query still using the old name fails as soon as this commits, "
                    "and application servers running the previous release still do; the statement {}",
                    table, r.newname(), lock_phrase(LockMode::AccessExclusive, table)),
        "deploy code that no longer uses the old name first, or rename and leave a view with the old name "
        "(`CREATE VIEW old AS SELECT * FROM new`) until every client has moved");
  }
};

}  // namespace

std::unique_ptr<Rule> make_renaming_table() { return std::make_unique<RenamingTable>(); }

}  // namespace miglint
