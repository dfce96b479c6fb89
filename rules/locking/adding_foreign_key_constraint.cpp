// `adding-foreign-key-constraint` (squawk): a validated foreign key added to
// an existing table checks every row while both tables are write-locked.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "rules/support/alter_table_rule.h"

namespace miglint {
namespace {

constexpr std::string_view kHelp =
    "add the foreign key `NOT VALID` (no scan, a brief lock), then run `ALTER TABLE ... VALIDATE CONSTRAINT ...` "
    "in a separate transaction: it takes only SHARE UPDATE EXCLUSIVE, so reads and writes go on";

class AddingForeignKeyConstraint final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{
        "adding-foreign-key-constraint", Severity::Warning,
        "a validated foreign key on an existing table scans it while blocking writes on both tables", "locking"};
    return m;
  }
  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& at,
                              const std::string& table, StatementContext& ctx) const override {
    if (cmd.subtype() == pg_query::AT_AddConstraint) {
      const auto& k = cmd.def().constraint();
      if (k.contype() != pg_query::CONSTR_FOREIGN || k.skip_validation()) return;
      auto& d = ctx.report_at(k, message(table, k.pktable()), std::string(kHelp));
      if (auto fix = not_valid_fix(ctx, at, k)) d.fix = std::move(fix);
    } else if (cmd.subtype() == pg_query::AT_AddColumn) {
      // ADD COLUMN ... REFERENCES: cannot be NOT VALID, and still runs the
      // validation query over the table.
      for (const auto& cc : cmd.def().column_def().constraints()) {
        const auto& k = cc.constraint();
        if (k.contype() != pg_query::CONSTR_FOREIGN) continue;
        ctx.report_at(k, message(table, k.pktable()),
                      "add the column without REFERENCES, then add the foreign key `NOT VALID` and validate it "
                      "in a separate transaction");
      }
    }
  }

 private:
  static std::string message(const std::string& table, const pg_query::RangeVar& ref) {
    const std::string referenced = relation_name(ref);
    return fmt::format("adding a foreign key to {} validates every existing row; the statement {}{}", table,
                       lock_work_phrase(LockMode::ShareRowExclusive, table, TableWork::Scan),
                       referenced.empty() || referenced == table
                           ? std::string()
                           : fmt::format(", and {}", lock_phrase(LockMode::ShareRowExclusive, referenced)));
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_foreign_key_constraint() { return std::make_unique<AddingForeignKeyConstraint>(); }

}  // namespace miglint
