// `ban-drop-not-null` (squawk): clients that rely on a column never being
// NULL break when NULLs start to appear.
#include <fmt/format.h>

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"
#include "rules/support/alter_table_rule.h"
#include "rules/support/own_up.h"

namespace miglint {
namespace {

class BanDropNotNull final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-drop-not-null", Severity::Warning,
                            "dropping NOT NULL lets NULLs into a column clients assume is set", "destructive"};
    return m;
  }
  BanDropNotNull() : AlterTableRule(/*foreign_tables=*/true) {}

  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& at,
                              const std::string& /*table*/, StatementContext& ctx) const override {
    if (cmd.subtype() != pg_query::AT_DropNotNull) return;
    const std::string& table = at.relation().relname();
    const std::string& column = cmd.name();
    // A down undoing its up's SET NOT NULL (or ADD COLUMN) restores the old contract.
    if (ctx.role() == Role::Down && (rules::up_altered_column(ctx, table, column, pg_query::AT_SetNotNull) ||
                                     rules::up_added_column(ctx, table, column)))
      return;
    ctx.report_statement(
        fmt::format("dropping NOT NULL on {}.{} lets NULLs in: code that reads the column assuming it is always "
                    "set breaks once one is written; the statement {}",
                    table, column, lock_phrase(LockMode::AccessExclusive, table)),
        "first make every reader handle NULL and deploy that, then drop the constraint; suppress with "
        "`-- miglint-ignore ban-drop-not-null: reason` once it is intended");
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_not_null() { return std::make_unique<BanDropNotNull>(); }

}  // namespace miglint
