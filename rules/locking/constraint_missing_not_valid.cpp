// `constraint-missing-not-valid` (squawk): a CHECK constraint added to an
// existing table without NOT VALID scans it under ACCESS EXCLUSIVE; and a
// NOT VALID constraint validated in the same transaction keeps that lock for
// the whole validation. (Foreign keys: adding-foreign-key-constraint.)
#include <fmt/format.h>

#include <set>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "rules/support/alter_table_rule.h"

namespace miglint {
namespace {

class ConstraintMissingNotValid final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"constraint-missing-not-valid", Severity::Warning,
                            "a CHECK constraint without NOT VALID scans the table under ACCESS EXCLUSIVE", "locking"};
    return m;
  }
  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& at,
                              const std::string& table, StatementContext& ctx) const override {
    if (cmd.subtype() == pg_query::AT_AddConstraint) {
      const auto& k = cmd.def().constraint();
      if (k.contype() != pg_query::CONSTR_CHECK || k.skip_validation()) return;
      auto& d = ctx.report_at(
          k,
          fmt::format("adding CHECK constraint{} checks every existing row; the statement {}",
                      k.conname().empty() ? "" : " " + k.conname(),
                      lock_work_phrase(LockMode::AccessExclusive, table, TableWork::Scan)),
          "add it `NOT VALID` (only new writes are checked, the lock is brief), then run `ALTER TABLE ... "
          "VALIDATE CONSTRAINT ...` in a separate transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on)");
      if (auto fix = not_valid_fix(ctx, at, k)) d.fix = std::move(fix);
    } else if (cmd.subtype() == pg_query::AT_ValidateConstraint &&
               added_not_valid_in_same_transaction(ctx, at, cmd.name())) {
      ctx.report_statement(
          fmt::format("constraint {} is validated in the same transaction that added it NOT VALID: the ACCESS "
                      "EXCLUSIVE lock on {} taken by the ADD is still held while the table is scanned, so NOT "
                      "VALID gains nothing",
                      cmd.name(), table),
          "commit between the two: run the VALIDATE in a separate migration, or a migration that does not run "
          "in a transaction");
    }
  }

 private:
  // Was constraint `name` added NOT VALID on this table earlier in a
  // transaction that is still open (the runner's, or an explicit BEGIN)?
  static bool added_not_valid_in_same_transaction(const StatementContext& ctx, const pg_query::AlterTableStmt& at,
                                                  const std::string& name) {
    bool explicit_tx = false;
    bool added = false;
    const bool one_tx = ctx.in_transaction() || sent_as_one_query(ctx);
    for (const Statement* s : ctx.unit().statements) {
      if (s->ordinal >= ctx.statement().ordinal) break;
      const auto& n = *s->node;
      if (n.has_transaction_stmt()) {
        const auto k = n.transaction_stmt().kind();
        if (k == pg_query::TRANS_STMT_BEGIN || k == pg_query::TRANS_STMT_START) {
          explicit_tx = true;
        } else if (k == pg_query::TRANS_STMT_COMMIT || k == pg_query::TRANS_STMT_ROLLBACK ||
                   k == pg_query::TRANS_STMT_PREPARE) {
          explicit_tx = false;
          added = false;  // committed: the lock was released
        }
        continue;
      }
      if (!n.has_alter_table_stmt() || n.alter_table_stmt().relation().relname() != at.relation().relname()) continue;
      for (const auto& c : n.alter_table_stmt().cmds()) {
        const auto& cmd = c.alter_table_cmd();
        if (cmd.subtype() != pg_query::AT_AddConstraint || !cmd.def().constraint().skip_validation()) continue;
        // Without any transaction each statement commits on its own.
        if (constraint_name(cmd.def().constraint(), at.relation().relname()) == name && (one_tx || explicit_tx))
          added = true;
      }
    }
    return added && (one_tx || explicit_tx);
  }
};

}  // namespace

std::unique_ptr<Rule> make_constraint_missing_not_valid() { return std::make_unique<ConstraintMissingNotValid>(); }

}  // namespace miglint
