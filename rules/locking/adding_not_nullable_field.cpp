// `adding-not-nullable-field` (squawk): SET NOT NULL on an existing column
// scans the whole table under ACCESS EXCLUSIVE, unless (PostgreSQL 12+) a
// valid CHECK (col IS NOT NULL) already proves it; so does PostgreSQL 18's
// `ADD CONSTRAINT … NOT NULL col` without NOT VALID.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "analyzer/engine/walk.h"
#include "rules/support/alter_table_rule.h"

namespace miglint {
namespace {

class AddingNotNullableField final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"adding-not-nullable-field", Severity::Warning,
                            "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE", "locking"};
    return m;
  }
  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& at,
                              const std::string& table, StatementContext& ctx) const override {
    const int v = ctx.pg_version();
    if (cmd.subtype() == pg_query::AT_AddConstraint && cmd.def().has_constraint()) {
      // `ADD CONSTRAINT n NOT NULL col` (18): the same scan, unless NOT VALID.
      const auto& k = cmd.def().constraint();
      if (k.contype() != pg_query::CONSTR_NOTNULL || k.skip_validation() || k.keys_size() == 0) return;
      const std::string col = k.keys(0).string().sval();
      ctx.report_statement(fmt::format("NOT NULL constraint on {}.{} checks every row; the statement {}", table, col,
                                       lock_work_phrase(LockMode::AccessExclusive, table, TableWork::Scan)),
                           "add it `NOT VALID` (no scan) and `VALIDATE CONSTRAINT` it in a separate transaction, which "
                           "scans under SHARE UPDATE EXCLUSIVE while reads and writes go on");
      return;
    }
    if (cmd.subtype() != pg_query::AT_SetNotNull) return;
    if (v >= 12 && proven_earlier(ctx, at.relation().relname(), cmd.name())) return;
    ctx.report_statement(
        fmt::format("SET NOT NULL on {}.{} checks every row; the statement {}", table, cmd.name(),
                    lock_work_phrase(LockMode::AccessExclusive, table, TableWork::Scan)),
        v >= 18   ? "on PostgreSQL 18 add `CONSTRAINT name NOT NULL col NOT VALID` instead and `VALIDATE "
                    "CONSTRAINT` it in a separate transaction: the validated constraint makes the column NOT "
                    "NULL under SHARE UPDATE EXCLUSIVE, and SET NOT NULL is not needed"
        : v >= 12 ? "first add `CHECK (col IS NOT NULL) NOT VALID` and `VALIDATE CONSTRAINT` it in a separate "
                    "transaction (no long lock); SET NOT NULL then skips the scan, and the CHECK can be dropped"
                  : "before PostgreSQL 12 SET NOT NULL always scans; keep a validated CHECK (col IS NOT NULL) "
                    "constraint instead, or run this when the table is small or traffic is low");
  }

 private:
  // Earlier in this unit and valid by now: a CHECK (col IS NOT NULL), or
  // (18) a NOT NULL constraint on the column, added without NOT VALID or
  // validated afterwards. SET NOT NULL then skips the scan (12+), or has
  // nothing left to do (18).
  static bool proven_earlier(const StatementContext& ctx, const std::string& relname, const std::string& column) {
    std::vector<std::string> pending;  // NOT VALID ones on the column, by name
    const bool named_not_null = ctx.pg_version() >= 18;
    for (const Statement* s : ctx.unit().statements) {
      if (s->ordinal >= ctx.statement().ordinal) break;
      if (!s->node->has_alter_table_stmt()) continue;
      const auto& at = s->node->alter_table_stmt();
      if (at.relation().relname() != relname) continue;
      for (const auto& c : at.cmds()) {
        const auto& cmd = c.alter_table_cmd();
        if (cmd.subtype() == pg_query::AT_AddConstraint && cmd.def().has_constraint()) {
          const auto& k = cmd.def().constraint();
          const bool proves = (k.contype() == pg_query::CONSTR_CHECK && is_not_null_test(k.raw_expr(), column)) ||
                              (named_not_null && k.contype() == pg_query::CONSTR_NOTNULL && k.keys_size() > 0 &&
                               k.keys(0).string().sval() == column);
          if (!proves) continue;
          if (!k.skip_validation()) return true;
          pending.push_back(k.conname());
        } else if (cmd.subtype() == pg_query::AT_ValidateConstraint) {
          for (const auto& p : pending)
            if (p == cmd.name()) return true;
        }
      }
    }
    return false;
  }

  static bool is_not_null_test(const pg_query::Node& e, const std::string& column) {
    if (!e.has_null_test() || e.null_test().nulltesttype() != pg_query::IS_NOT_NULL) return false;
    const auto& arg = e.null_test().arg();
    if (!arg.has_column_ref()) return false;
    const auto& f = arg.column_ref().fields();
    return !f.empty() && f.rbegin()->has_string() && f.rbegin()->string().sval() == column;
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_not_nullable_field() { return std::make_unique<AddingNotNullableField>(); }

}  // namespace miglint
