// `ban-exclusion-constraint` (eugene): an EXCLUDE constraint on an existing
// table builds its index under ACCESS EXCLUSIVE, and unlike UNIQUE it cannot
// be built concurrently and attached later.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "rules/support/alter_table_rule.h"

namespace miglint {
namespace {

class BanExclusionConstraint final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-exclusion-constraint", Severity::Warning,
                            "an EXCLUDE constraint on an existing table builds its index under ACCESS EXCLUSIVE",
                            "locking"};
    return m;
  }
  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& /*at*/,
                              const std::string& table, StatementContext& ctx) const override {
    if (cmd.subtype() != pg_query::AT_AddConstraint) return;
    const auto& k = cmd.def().constraint();
    if (k.contype() != pg_query::CONSTR_EXCLUSION) return;
    ctx.report_at(k,
                  fmt::format("adding EXCLUDE constraint{} to {} builds its index and checks every row; the "
                              "statement {}; exclusion constraints cannot use an index built CONCURRENTLY",
                              k.conname().empty() ? "" : " " + k.conname(), table,
                              lock_work_phrase(LockMode::AccessExclusive, table, TableWork::IndexBuild)),
                  "add the constraint when the table is created, or enforce the rule in the application or a "
                  "trigger; on a table that must stay online, plan the downtime explicitly and suppress this");
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_exclusion_constraint() { return std::make_unique<BanExclusionConstraint>(); }

}  // namespace miglint
