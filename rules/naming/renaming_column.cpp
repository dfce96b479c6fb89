// `renaming-column` (squawk): clients still using the old name fail the
// moment the rename commits.
#include <fmt/format.h>

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"
#include "rules/support/own_up.h"

namespace miglint {
namespace {

class RenamingColumn final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"renaming-column", Severity::Warning,
                            "renaming a column breaks clients that use the old name", "naming"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kRenameStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const auto& r = node.rename_stmt();
    if (r.rename_type() != pg_query::OBJECT_COLUMN) return;
    if (r.relation_type() != pg_query::OBJECT_TABLE && r.relation_type() != pg_query::OBJECT_FOREIGN_TABLE) return;
    const std::string& table = r.relation().relname();
    if (ctx.created_earlier(table)) return;
    if (ctx.role() == Role::Down && (rules::up_renamed(ctx, pg_query::OBJECT_COLUMN, table, r.subname(), r.newname()) ||
                                     rules::up_added_column(ctx, table, r.subname())))
      return;
    ctx.report_statement(
        fmt::format("renaming column {}.{} to {}: every query still using the old name fails as soon as this "
                    "commits, and application servers running the previous release still do; the statement {}",
                    table, r.subname(), r.newname(), lock_phrase(LockMode::AccessExclusive, table)),
        "add the new column, write both, backfill, move readers, then drop the old one; or deploy code that "
        "handles both names first");
  }
};

}  // namespace

std::unique_ptr<Rule> make_renaming_column() { return std::make_unique<RenamingColumn>(); }

}  // namespace miglint
