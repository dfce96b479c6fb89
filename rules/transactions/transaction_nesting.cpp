// `transaction-nesting` (squawk): BEGIN/COMMIT inside a migration that the
// runner already wraps in a transaction, or a BEGIN inside an open BEGIN.
// PostgreSQL has no nested transactions: the inner BEGIN only warns, and the
// first COMMIT ends the outer transaction.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class TransactionNesting final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"transaction-nesting", Severity::Warning,
                            "BEGIN or COMMIT inside a transaction the runner (or an earlier BEGIN) already opened",
                            "transactions"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    bool explicit_tx = false;
    for (const Statement* s : ctx.unit().statements) {
      if (!s->node->has_transaction_stmt()) continue;
      const auto& t = s->node->transaction_stmt();
      const auto k = t.kind();
      if (k == pg_query::TRANS_STMT_BEGIN || k == pg_query::TRANS_STMT_START) {
        if (explicit_tx) {
          ctx.report(*s,
                     "BEGIN inside a transaction already opened by an earlier BEGIN: PostgreSQL only warns "
                     "\"there is already a transaction in progress\", and the first COMMIT ends both",
                     "remove the inner BEGIN (use SAVEPOINT for a partial rollback)");
        } else if (ctx.in_transaction()) {
          ctx.report(*s,
                     "BEGIN inside the transaction the migration runner already opened: PostgreSQL only warns "
                     "\"there is already a transaction in progress\", and the COMMIT that follows ends the runner's "
                     "transaction, so later statements and the runner's bookkeeping run outside it",
                     "remove BEGIN and COMMIT and let the runner's transaction cover the migration, or mark the "
                     "migration as running without a transaction");
        }
        explicit_tx = true;
      } else if (k == pg_query::TRANS_STMT_COMMIT || k == pg_query::TRANS_STMT_ROLLBACK ||
                 k == pg_query::TRANS_STMT_PREPARE) {
        if (!explicit_tx && ctx.in_transaction())
          ctx.report(*s,
                     fmt::format("{} ends the transaction the migration runner opened: the statements after it and "
                                 "the runner's own bookkeeping run outside any transaction",
                                 k == pg_query::TRANS_STMT_COMMIT     ? "COMMIT"
                                 : k == pg_query::TRANS_STMT_ROLLBACK ? "ROLLBACK"
                                                                      : "PREPARE TRANSACTION"),
                     "remove it and let the runner commit, or mark the migration as running without a transaction");
        explicit_tx = t.chain();
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_transaction_nesting() { return std::make_unique<TransactionNesting>(); }

}  // namespace miglint
