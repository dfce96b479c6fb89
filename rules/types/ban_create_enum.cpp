// `ban-create-enum` (opt-in; eugene/strong_migrations advice): enum labels
// can be added but never removed or reordered.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class BanCreateEnum final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-create-enum", Severity::Warning,
                            "new enum types: labels can never be removed or reordered", "types", true};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kCreateEnumStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    // A down re-creating the type its up dropped restores the old schema.
    if (ctx.role() == Role::Down) return;
    std::string type;
    for (const auto& n : node.create_enum_stmt().type_name()) type += (type.empty() ? "" : ".") + n.string().sval();
    ctx.report_statement(
        fmt::format("CREATE TYPE {} AS ENUM: labels can be added later but never removed or reordered; changing "
                    "that means a new type and ALTER COLUMN TYPE on every column using it, which rewrites each "
                    "table under an ACCESS EXCLUSIVE lock (blocks reads and writes)",
                    type),
        "use text with a CHECK (col IN (...)) constraint, or a lookup table with a foreign key; both can change "
        "without rewriting the table");
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_create_enum() { return std::make_unique<BanCreateEnum>(); }

}  // namespace miglint
