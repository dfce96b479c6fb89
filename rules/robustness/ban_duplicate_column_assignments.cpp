// `ban-duplicate-column-assignments` (squawk): assigning the same column
// twice in one UPDATE or INSERT is an error PostgreSQL raises at run time.
#include <map>

#include <fmt/format.h>

#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class BanDuplicateColumnAssignments final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-duplicate-column-assignments", Severity::Error,
                            "the same column assigned twice in one UPDATE or INSERT", "robustness"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override {
    return {pg_query::Node::kUpdateStmt, pg_query::Node::kInsertStmt};
  }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const bool update = node.has_update_stmt();
    const auto& targets = update ? node.update_stmt().target_list() : node.insert_stmt().cols();
    std::map<std::string, int> seen;
    for (const auto& t : targets) {
      if (!t.has_res_target()) continue;
      const auto& rt = t.res_target();
      // `SET a.b = ...` (field of a composite) and `SET a[1] = ...` assign
      // parts, which PostgreSQL allows to repeat for different parts.
      if (!rt.indirection().empty()) continue;
      if (++seen[rt.name()] != 2) continue;
      ctx.report_at(rt,
                    update ? fmt::format("column {} is assigned more than once in this UPDATE: PostgreSQL refuses the "
                                         "statement (multiple assignments to same column \"{}\")",
                                         rt.name(), rt.name())
                           : fmt::format("column {} is listed more than once in this INSERT: PostgreSQL refuses the "
                                         "statement (column \"{}\" specified more than once)",
                                         rt.name(), rt.name()),
                    "keep one assignment per column");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_duplicate_column_assignments() {
  return std::make_unique<BanDuplicateColumnAssignments>();
}

}  // namespace miglint
