// `ban-drop-column` (squawk): dropping a column deletes its data and breaks
// every client that still selects or writes it.
#include <fmt/format.h>

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"
#include "rules/support/own_up.h"

namespace miglint {
namespace {

class BanDropColumn final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-drop-column", Severity::Warning,
                            "dropping a column loses its data and breaks clients that use it", "destructive"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kAlterTableStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const auto& alter = node.alter_table_stmt();
    if (alter.objtype() != pg_query::OBJECT_TABLE && alter.objtype() != pg_query::OBJECT_FOREIGN_TABLE) return;
    const std::string& table = alter.relation().relname();
    // A table created earlier in this unit has no data and no clients yet.
    if (ctx.created_earlier(table)) return;
    for (const auto& c : alter.cmds()) {
      if (!c.has_alter_table_cmd() || c.alter_table_cmd().subtype() != pg_query::AT_DropColumn) continue;
      const std::string& column = c.alter_table_cmd().name();
      // The down of a migration that added the column removes it again.
      if (ctx.role() == Role::Down && rules::up_added_column(ctx, table, column)) continue;
      ctx.report_statement(
          fmt::format("dropping column {}.{} deletes its data, and queries that still name it fail; the statement {}",
                      table, column, lock_phrase(LockMode::AccessExclusive, table)),
          "stop reading and writing the column in the application and deploy that first (an ORM that selects every "
          "column counts), then drop it; suppress with `-- miglint-ignore ban-drop-column: reason` once it is "
          "intended");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_column() { return std::make_unique<BanDropColumn>(); }

}  // namespace miglint
