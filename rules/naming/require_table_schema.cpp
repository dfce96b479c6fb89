// `require-table-schema` (squawk, opt-in): unqualified table names resolve
// through search_path, which differs between sessions and tools.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class RequireTableSchema final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"require-table-schema", Severity::Warning, "table names without a schema", "naming", true};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override {
    return {pg_query::Node::kCreateStmt, pg_query::Node::kAlterTableStmt, pg_query::Node::kDropStmt,
            pg_query::Node::kRenameStmt};
  }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    if (node.has_create_stmt()) {
      const auto& rel = node.create_stmt().relation();
      // Temporary tables live in pg_temp whatever the search_path says.
      if (rel.relpersistence() != "t") check(rel, ctx);
    } else if (node.has_alter_table_stmt()) {
      if (node.alter_table_stmt().objtype() == pg_query::OBJECT_TABLE) check(node.alter_table_stmt().relation(), ctx);
    } else if (node.has_rename_stmt()) {
      const auto& r = node.rename_stmt();
      // RENAME CONSTRAINT leaves relation_type unset; a domain's has no relation.
      const bool on_table = r.rename_type() == pg_query::OBJECT_TABLE ||
                            r.rename_type() == pg_query::OBJECT_TABCONSTRAINT ||
                            (r.rename_type() == pg_query::OBJECT_COLUMN && r.relation_type() == pg_query::OBJECT_TABLE);
      if (r.has_relation() && on_table) check(r.relation(), ctx);
    } else if (node.has_drop_stmt() && node.drop_stmt().remove_type() == pg_query::OBJECT_TABLE) {
      for (const auto& obj : node.drop_stmt().objects())
        if (obj.list().items_size() == 1)
          ctx.report_statement(unqualified(obj.list().items(0).string().sval()), help());
    }
  }

 private:
  static std::string unqualified(std::string_view name) {
    return fmt::format(
        "table {} is not schema-qualified: it resolves through search_path, so the statement can "
        "reach a different table (or create one in a different schema) depending on the session",
        name);
  }
  static std::string help() { return "qualify the name: public.table (or the schema it belongs to)"; }
  static void check(const pg_query::RangeVar& rel, StatementContext& ctx) {
    if (!rel.schemaname().empty() || rel.relname().empty()) return;
    ctx.report_at(rel, unqualified(rel.relname()), help());
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_table_schema() { return std::make_unique<RequireTableSchema>(); }

}  // namespace miglint
