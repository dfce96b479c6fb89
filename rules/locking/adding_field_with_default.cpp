// `adding-field-with-default` (squawk): ADD COLUMN whose value must be
// written into every existing row — a volatile default, serial, identity, a
// stored generated column, or any default before PostgreSQL 11.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "rules/support/alter_table_rule.h"

namespace miglint {
namespace {

class AddingFieldWithDefault final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"adding-field-with-default", Severity::Warning,
                            "ADD COLUMN with a volatile default, serial, identity or stored generated value rewrites "
                            "the table",
                            "locking"};
    return m;
  }
  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& /*at*/,
                              const std::string& table, StatementContext& ctx) const override {
    if (cmd.subtype() != pg_query::AT_AddColumn) return;
    const auto& col = cmd.def().column_def();
    const auto facts = add_column_facts(col);
    std::string why;
    if (!add_column_rewrites(facts, ctx.pg_version(), &why)) return;
    std::string help;
    if (facts.serial || facts.identity)
      help =
          "add the column as a plain nullable integer, attach the sequence as its default (new rows only), "
          "backfill existing rows in batches, then add NOT NULL";
    else if (facts.stored_generated)
      help =
          "add a plain nullable column, keep it filled with a trigger, backfill in batches; or compute the "
          "value in a view or the application";
    else if (facts.default_volatility == Volatility::Volatile || facts.default_volatility == Volatility::Unknown)
      help =
          "add the column without a default, then `ALTER COLUMN ... SET DEFAULT ...` (applies to new rows "
          "only), then backfill existing rows in batches";
    else
      help =
          "on PostgreSQL before 11: add the column without a default, set the default in a second statement, "
          "then backfill existing rows in batches";
    ctx.report_at(col,
                  fmt::format("adding column {} {}: {}; the statement {}", col.colname(), facts.type, why,
                              lock_work_phrase(LockMode::AccessExclusive, table, TableWork::Rewrite)),
                  help);
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_field_with_default() { return std::make_unique<AddingFieldWithDefault>(); }

}  // namespace miglint
