// `require-enum-value-ordering` (squawk): ADD VALUE without BEFORE/AFTER
// appends the label, which puts it last in ORDER BY and comparisons.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class RequireEnumValueOrdering final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"require-enum-value-ordering", Severity::Warning,
                            "ALTER TYPE ... ADD VALUE without BEFORE or AFTER", "types"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kAlterEnumStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const auto& e = node.alter_enum_stmt();
    // RENAME VALUE carries old_val; only ADD VALUE without a neighbour appends.
    if (!e.old_val().empty() || e.new_val().empty() || !e.new_val_neighbor().empty()) return;
    std::string type;
    for (const auto& n : e.type_name()) type += (type.empty() ? "" : ".") + n.string().sval();
    ctx.report_statement(
        fmt::format("ADD VALUE '{}' without BEFORE or AFTER appends it as the last label of {}: enums sort and "
                    "compare by label position, so ORDER BY, <, > and range checks on the column place it after "
                    "every existing label",
                    e.new_val(), type),
        "say where it belongs: `ADD VALUE 'x' BEFORE 'y'` or `AFTER 'y'` (labels cannot be reordered later)");
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_enum_value_ordering() { return std::make_unique<RequireEnumValueOrdering>(); }

}  // namespace miglint
