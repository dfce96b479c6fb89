// `disallowed-unique-constraint` (squawk): ADD UNIQUE on an existing table
// builds the index while ACCESS EXCLUSIVE blocks everything; build it
// concurrently and attach it with USING INDEX. (Primary keys:
// adding-serial-primary-key-field; a CREATE UNIQUE INDEX:
// require-concurrent-index-creation.)
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "rules/support/alter_table_rule.h"

namespace miglint {
namespace {

constexpr std::string_view kHelp =
    "build the index first with `CREATE UNIQUE INDEX CONCURRENTLY <name> ON <table> (...)` (in a migration that "
    "does not run in a transaction), then `ALTER TABLE <table> ADD CONSTRAINT <name> UNIQUE USING INDEX <name>`";

class DisallowedUniqueConstraint final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"disallowed-unique-constraint", Severity::Warning,
                            "ADD UNIQUE on an existing table builds its index under ACCESS EXCLUSIVE", "locking"};
    return m;
  }
  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& /*at*/,
                              const std::string& table, StatementContext& ctx) const override {
    if (cmd.subtype() == pg_query::AT_AddConstraint) {
      const auto& k = cmd.def().constraint();
      if (k.contype() == pg_query::CONSTR_UNIQUE && k.indexname().empty())
        ctx.report_at(k, message(table, k.conname()), std::string(kHelp));
    } else if (cmd.subtype() == pg_query::AT_AddColumn) {
      for (const auto& cc : cmd.def().column_def().constraints())
        if (cc.constraint().contype() == pg_query::CONSTR_UNIQUE)
          ctx.report_at(cc.constraint(), message(table, cc.constraint().conname()), std::string(kHelp));
    }
  }

 private:
  static std::string message(const std::string& table, const std::string& name) {
    return fmt::format("adding UNIQUE constraint{} to {} builds its index over every row; the statement {}",
                       name.empty() ? "" : " " + name, table,
                       lock_work_phrase(LockMode::AccessExclusive, table, TableWork::IndexBuild));
  }
};

}  // namespace

std::unique_ptr<Rule> make_disallowed_unique_constraint() { return std::make_unique<DisallowedUniqueConstraint>(); }

}  // namespace miglint
