// `adding-required-field` (squawk): ADD COLUMN ... NOT NULL without a
// default fails as soon as the table has a row.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "rules/support/alter_table_rule.h"

namespace miglint {
namespace {

class AddingRequiredField final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"adding-required-field", Severity::Warning,
                            "ADD COLUMN NOT NULL without a default fails on a table that has rows", "locking"};
    return m;
  }
  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& /*at*/,
                              const std::string& table, StatementContext& ctx) const override {
    if (cmd.subtype() != pg_query::AT_AddColumn) return;
    const auto& col = cmd.def().column_def();
    const auto f = add_column_facts(col);
    // serial, identity and generated columns fill themselves.
    if (!f.not_null || f.has_default || f.serial || f.identity || f.generated) return;
    ctx.report_at(col,
                  fmt::format("adding NOT NULL column {} {} without a default fails with \"column contains null "
                              "values\" as soon as {} has a row; the statement {}",
                              col.colname(), f.type, table,
                              lock_work_phrase(LockMode::AccessExclusive, table, TableWork::Scan)),
                  "give the column a non-volatile DEFAULT (no rewrite since PostgreSQL 11), or add it nullable, "
                  "backfill, and then add NOT NULL");
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_required_field() { return std::make_unique<AddingRequiredField>(); }

}  // namespace miglint
