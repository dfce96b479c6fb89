// `adding-required-field` (squawk): ADD COLUMN ... NOT NULL without a
// default fails as soon as the table has a row.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class AddingRequiredField final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"adding-required-field", Severity::Warning,
                            "ADD COLUMN NOT NULL without a default fails on a table that has rows", "locking"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kAlterTableStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const auto& at = node.alter_table_stmt();
    if (at.objtype() != pg_query::OBJECT_TABLE || ctx.created_earlier(at.relation().relname())) return;
    const std::string table = relation_name(at.relation());
    for (const auto& c : at.cmds()) {
      const auto& cmd = c.alter_table_cmd();
      if (cmd.subtype() != pg_query::AT_AddColumn) continue;
      const auto& col = cmd.def().column_def();
      const auto f = add_column_facts(col);
      // serial, identity and generated columns fill themselves.
      if (!f.not_null || f.has_default || f.serial || f.identity || f.generated) continue;
      ctx.report_at(col,
                    fmt::format("adding NOT NULL column {} {} without a default fails with \"column contains null "
                                "values\" as soon as {} has a row; the statement {}",
                                col.colname(), f.type, table,
                                lock_work_phrase(LockMode::AccessExclusive, table, TableWork::Scan)),
                    "give the column a non-volatile DEFAULT (no rewrite since PostgreSQL 11), or add it nullable, "
                    "backfill, and then add NOT NULL");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_required_field() { return std::make_unique<AddingRequiredField>(); }

}  // namespace miglint
