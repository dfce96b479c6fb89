// `ban-concurrent-index-creation-in-transaction` (squawk): CONCURRENTLY
// forms refuse to run in a transaction block (docs/PG_FACTS.md §10). That block may be
// the runner's transaction, an explicit BEGIN, or the implicit block
// PostgreSQL makes of a multi-statement query string.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

// "CREATE INDEX CONCURRENTLY" etc. when the statement is one of the
// concurrent forms; empty otherwise.
std::string concurrent_form(const pg_query::Node& n) {
  if (n.has_index_stmt() && n.index_stmt().concurrent()) return "CREATE INDEX CONCURRENTLY";
  if (n.has_drop_stmt() && n.drop_stmt().concurrent()) return "DROP INDEX CONCURRENTLY";
  if (n.has_reindex_stmt())
    for (const auto& p : n.reindex_stmt().params())
      if (p.has_def_elem() && p.def_elem().defname() == "concurrently" &&
          !(p.def_elem().arg().has_boolean() && !p.def_elem().arg().boolean().boolval()))
        return "REINDEX CONCURRENTLY";
  if (n.has_alter_table_stmt())
    for (const auto& c : n.alter_table_stmt().cmds())
      if (c.alter_table_cmd().subtype() == pg_query::AT_DetachPartition &&
          c.alter_table_cmd().def().partition_cmd().concurrent())
        return "ALTER TABLE ... DETACH PARTITION CONCURRENTLY";
  return {};
}

class BanConcurrentIndexCreationInTransaction final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-concurrent-index-creation-in-transaction", Severity::Error,
                            "CREATE INDEX CONCURRENTLY (and other CONCURRENTLY forms) fail inside a transaction block",
                            "transactions"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    const bool one_query = sent_as_one_query(ctx);
    bool explicit_tx = false;
    for (const Statement* s : ctx.unit().statements) {
      const auto& n = *s->node;
      if (n.has_transaction_stmt()) {
        const auto k = n.transaction_stmt().kind();
        if (k == pg_query::TRANS_STMT_BEGIN || k == pg_query::TRANS_STMT_START) explicit_tx = true;
        if (k == pg_query::TRANS_STMT_COMMIT || k == pg_query::TRANS_STMT_ROLLBACK || k == pg_query::TRANS_STMT_PREPARE)
          explicit_tx = false;
        continue;
      }
      const std::string form = concurrent_form(n);
      if (form.empty()) continue;
      std::string why, help;
      if (explicit_tx) {
        why = "it runs inside the BEGIN block opened earlier in this migration";
        help = "move it out of the BEGIN ... COMMIT block, into a migration of its own";
      } else if (ctx.in_transaction()) {
        why = "the migration runner wraps this migration in a transaction";
        help =
            "put the statement in a migration of its own that runs without a transaction (goose: `-- +goose "
            "NO TRANSACTION`; dbmate: `-- migrate:up transaction:false`; diesel: `run_in_transaction = false` "
            "in metadata.toml; Flyway: `executeInTransaction=false`)";
      } else if (one_query) {
        why =
            "this migration has several statements, which the runner sends as one query string and PostgreSQL "
            "runs as one implicit transaction block";
        help = "put the statement alone in a migration of its own";
      } else {
        continue;
      }
      ctx.report(*s,
                 fmt::format("{} cannot run inside a transaction block, and {}: the migration fails with "
                             "\"cannot run inside a transaction block\"",
                             form, why),
                 help);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_concurrent_index_creation_in_transaction() {
  return std::make_unique<BanConcurrentIndexCreationInTransaction>();
}

}  // namespace miglint
