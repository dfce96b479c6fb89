// `ban-drop-column` (squawk): dropping a column deletes its data and breaks
// every client that still selects or writes it.
#include <fmt/format.h>

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"
#include "rules/support/alter_table_rule.h"
#include "rules/support/own_up.h"

namespace miglint {
namespace {

class BanDropColumn final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-drop-column", Severity::Warning,
                            "dropping a column loses its data and breaks clients that use it", "destructive"};
    return m;
  }
  BanDropColumn() : AlterTableRule(/*foreign_tables=*/true) {}

  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& at,
                              const std::string& /*table*/, StatementContext& ctx) const override {
    if (cmd.subtype() != pg_query::AT_DropColumn) return;
    const std::string& table = at.relation().relname();
    const std::string& column = cmd.name();
    // The down of a migration that added the column removes it again.
    if (ctx.role() == Role::Down && rules::up_added_column(ctx, table, column)) return;
    ctx.report_statement(
        fmt::format("dropping column {}.{} deletes its data, and queries that still name it fail; the statement {}",
                    table, column, lock_phrase(LockMode::AccessExclusive, table)),
        "stop reading and writing the column in the application and deploy that first (an ORM that selects every "
        "column counts), then drop it; suppress with `-- miglint-ignore ban-drop-column: reason` once it is "
        "intended");
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_column() { return std::make_unique<BanDropColumn>(); }

}  // namespace miglint
