// `require-concurrent-reindex`: REINDEX without CONCURRENTLY blocks writes
// to the table and, through the planner, reads too (PostgreSQL 12+ can do it
// concurrently).
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class RequireConcurrentReindex final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"require-concurrent-reindex", Severity::Warning,
                            "REINDEX without CONCURRENTLY blocks writes, and reads planned on the table", "locking"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kReindexStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    if (ctx.pg_version() < 12) return;  // REINDEX CONCURRENTLY is new in 12
    const auto& r = node.reindex_stmt();
    if (r.kind() == pg_query::REINDEX_OBJECT_SYSTEM) return;  // system catalogs cannot be reindexed concurrently
    for (const auto& p : r.params())
      if (p.has_def_elem() && p.def_elem().defname() == "concurrently") {
        const auto& a = p.def_elem().arg();
        const bool off = (a.has_boolean() && !a.boolean().boolval()) ||
                         (a.has_string() && (a.string().sval() == "false" || a.string().sval() == "off")) ||
                         (a.has_integer() && a.integer().ival() == 0);
        if (!off) return;
      }
    std::string target;
    switch (r.kind()) {
      case pg_query::REINDEX_OBJECT_INDEX: target = "index " + relation_name(r.relation()); break;
      case pg_query::REINDEX_OBJECT_TABLE: target = "table " + relation_name(r.relation()); break;
      case pg_query::REINDEX_OBJECT_SCHEMA: target = "schema " + r.name(); break;
      default: target = "database " + r.name(); break;
    }
    if (r.kind() == pg_query::REINDEX_OBJECT_TABLE && ctx.created_earlier(r.relation().relname())) return;
    ctx.report_statement(
        fmt::format("REINDEX {} without CONCURRENTLY takes a SHARE lock on each table ({}) and an ACCESS "
                    "EXCLUSIVE lock on each index, so queries planned on the table wait too, while {}",
                    target, lock_blocks(LockMode::Share), table_work_phrase(TableWork::IndexBuild)),
        "use REINDEX (CONCURRENTLY) / REINDEX ... CONCURRENTLY (SHARE UPDATE EXCLUSIVE: reads and writes go on), "
        "in a migration that does not run in a transaction");
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_reindex() { return std::make_unique<RequireConcurrentReindex>(); }

}  // namespace miglint
