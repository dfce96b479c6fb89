// `adding-serial-primary-key-field` (squawk): a primary key added to an
// existing table builds its index while ACCESS EXCLUSIVE blocks everything;
// build the index concurrently and attach it with USING INDEX instead.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "rules/support/alter_table_rule.h"

namespace miglint {
namespace {

constexpr std::string_view kHelp =
    "build the index first with `CREATE UNIQUE INDEX CONCURRENTLY <name> ON <table> (...)` (in a migration that "
    "does not run in a transaction), then `ALTER TABLE <table> ADD CONSTRAINT <name> PRIMARY KEY USING INDEX "
    "<name>`; make the columns NOT NULL beforehand (see adding-not-nullable-field)";

class AddingSerialPrimaryKeyField final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"adding-serial-primary-key-field", Severity::Warning,
                            "adding a primary key to an existing table builds its index under ACCESS EXCLUSIVE",
                            "locking"};
    return m;
  }
  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& /*at*/,
                              const std::string& table, StatementContext& ctx) const override {
    if (cmd.subtype() == pg_query::AT_AddConstraint) {
      const auto& k = cmd.def().constraint();
      if (k.contype() == pg_query::CONSTR_PRIMARY && k.indexname().empty())
        ctx.report_at(k, message(table), std::string(kHelp));
    } else if (cmd.subtype() == pg_query::AT_AddColumn) {
      for (const auto& cc : cmd.def().column_def().constraints())
        if (cc.constraint().contype() == pg_query::CONSTR_PRIMARY)
          ctx.report_at(cc.constraint(), message(table), std::string(kHelp));
    }
  }

 private:
  static std::string message(const std::string& table) {
    return fmt::format(
        "adding a primary key to {} builds its unique index (and checks the columns for NULLs); the statement {}",
        table, lock_work_phrase(LockMode::AccessExclusive, table, TableWork::IndexBuild));
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_serial_primary_key_field() { return std::make_unique<AddingSerialPrimaryKeyField>(); }

}  // namespace miglint
