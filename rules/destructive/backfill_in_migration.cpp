// `backfill-in-migration` (strong_migrations "backfilling data"): an UPDATE
// or DELETE without WHERE on an existing table writes every row from inside
// a schema migration.
#include <fmt/format.h>

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class BackfillInMigration final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"backfill-in-migration", Severity::Warning,
                            "UPDATE/DELETE of a whole existing table inside a migration", "destructive"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override {
    return {pg_query::Node::kUpdateStmt, pg_query::Node::kDeleteStmt};
  }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    // Only the statement itself: an UPDATE inside a CTE or a function body
    // string is not a top-level backfill.
    if (&node != ctx.statement().node) return;
    const bool update = node.has_update_stmt();
    const auto& rel = update ? node.update_stmt().relation() : node.delete_stmt().relation();
    const bool has_where = update ? node.update_stmt().has_where_clause() : node.delete_stmt().has_where_clause();
    if (has_where) return;
    // A table created in this unit is still empty; a down emptying a table
    // its own up filled is its inverse.
    if (ctx.created_earlier(rel.relname())) return;
    if (ctx.role() == Role::Down && up_touches(ctx, rel.relname())) return;
    const std::string name = rel.schemaname().empty() ? rel.relname() : rel.schemaname() + "." + rel.relname();
    ctx.report_statement(
        fmt::format("{} without WHERE writes every row of {}: it {} on every row until the migration commits "
                    "(and a {} on the table, which blocks DDL and index builds), the transaction runs as long as "
                    "the table is large, and every old row version is left behind as bloat",
                    update ? "UPDATE" : "DELETE", name, "holds row locks", lock_name(LockMode::RowExclusive)),
        update ? "backfill outside the schema migration, in batches (UPDATE ... WHERE id BETWEEN ... with a commit "
                 "per batch), or give new columns a default instead"
               : "delete in batches outside the schema migration, or TRUNCATE if the table must be emptied and "
                 "nothing else uses it");
  }

 private:
  static bool up_touches(const StatementContext& ctx, std::string_view table) {
    const Unit* up = ctx.up_unit();
    if (!up) return false;
    if (up->created_relations.contains(table)) return true;
    for (const Statement* s : up->statements)
      if (s->node && s->node->has_insert_stmt() && s->node->insert_stmt().relation().relname() == table) return true;
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> make_backfill_in_migration() { return std::make_unique<BackfillInMigration>(); }

}  // namespace miglint
