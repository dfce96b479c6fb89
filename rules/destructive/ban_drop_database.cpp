// `ban-drop-database` (squawk): a migration should never drop a database.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class BanDropDatabase final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-drop-database", Severity::Error, "dropping a database deletes everything in it",
                            "destructive"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kDropdbStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    ctx.report_statement(
        fmt::format("DROP DATABASE {} deletes every table and all data in that database, and fails while anyone "
                    "is connected to it (it also cannot run inside a transaction block)",
                    node.dropdb_stmt().dbname()),
        "databases are created and dropped by provisioning, not by schema migrations; remove the statement");
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_database() { return std::make_unique<BanDropDatabase>(); }

}  // namespace miglint
