// `ban-truncate-cascade` (squawk): CASCADE empties every table that points
// at the truncated one, recursively.
#include <fmt/format.h>

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class BanTruncateCascade final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-truncate-cascade", Severity::Error,
                            "TRUNCATE ... CASCADE also empties every table with a foreign key to it", "destructive"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kTruncateStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const auto& t = node.truncate_stmt();
    if (t.behavior() != pg_query::DROP_CASCADE) return;
    std::string names;
    for (const auto& r : t.relations())
      if (r.has_range_var()) names += (names.empty() ? "" : ", ") + r.range_var().relname();
    ctx.report_statement(
        fmt::format("TRUNCATE {} CASCADE also empties every table that has a foreign key to it, and the tables "
                    "referencing those, recursively; it {}",
                    names, lock_phrase(LockMode::AccessExclusive, "each of them")),
        "remove CASCADE and list exactly the tables to empty: PostgreSQL then refuses if another table still "
        "references them");
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_truncate_cascade() { return std::make_unique<BanTruncateCascade>(); }

}  // namespace miglint
