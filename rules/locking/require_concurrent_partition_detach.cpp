// `require-concurrent-partition-detach`: DETACH PARTITION without
// CONCURRENTLY takes ACCESS EXCLUSIVE on the partitioned table (PostgreSQL
// 14+ can detach concurrently).
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class RequireConcurrentPartitionDetach final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"require-concurrent-partition-detach", Severity::Warning,
                            "DETACH PARTITION without CONCURRENTLY blocks reads and writes on the whole "
                            "partitioned table",
                            "locking"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kAlterTableStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    if (ctx.pg_version() < 14) return;  // DETACH ... CONCURRENTLY is new in 14
    const auto& at = node.alter_table_stmt();
    if (ctx.created_earlier(at.relation().relname())) return;
    const std::string parent = relation_name(at.relation());
    for (const auto& c : at.cmds()) {
      const auto& cmd = c.alter_table_cmd();
      if (cmd.subtype() != pg_query::AT_DetachPartition || cmd.def().partition_cmd().concurrent()) continue;
      const std::string part = relation_name(cmd.def().partition_cmd().name());
      ctx.report_statement(
          fmt::format("detaching partition {} without CONCURRENTLY {}, and on {}", part,
                      lock_phrase(LockMode::AccessExclusive, parent), part),
          "use `ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY` (SHARE UPDATE EXCLUSIVE; not in a transaction "
          "block, and not when the table has a default partition)");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_partition_detach() {
  return std::make_unique<RequireConcurrentPartitionDetach>();
}

}  // namespace miglint
