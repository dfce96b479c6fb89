// `ban-uncommitted-transaction` (squawk): a BEGIN that the migration never
// commits leaves the transaction open: its locks stay held and its changes
// are rolled back when the session ends.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class BanUncommittedTransaction final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-uncommitted-transaction", Severity::Error,
                            "BEGIN without a matching COMMIT or ROLLBACK", "transactions"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    const Statement* open = nullptr;
    for (const Statement* s : ctx.unit().statements) {
      if (!s->node->has_transaction_stmt()) continue;
      const auto& t = s->node->transaction_stmt();
      switch (t.kind()) {
        case pg_query::TRANS_STMT_BEGIN:
        case pg_query::TRANS_STMT_START:
          if (!open) open = s;
          break;
        case pg_query::TRANS_STMT_COMMIT:
        case pg_query::TRANS_STMT_ROLLBACK:
          if (!t.chain()) open = nullptr;  // AND CHAIN starts a new transaction at once
          break;
        case pg_query::TRANS_STMT_PREPARE: open = nullptr; break;
        default: break;
      }
    }
    if (!open) return;
    auto& d = ctx.report(*open,
                         "this transaction is never committed: the migration ends with it open, so its locks stay "
                         "held until the session ends and then its changes are rolled back",
                         "end the migration with COMMIT (or drop the BEGIN when the runner wraps the migration in a "
                         "transaction itself)");
    const Statement* last = ctx.unit().statements.back();
    const std::string_view rest =
        std::string_view(ctx.source().text()).substr(std::min(last->end, ctx.source().text().size()));
    const size_t at = rest.starts_with(";") ? last->end + 1 : last->end;
    d.fix = Fix{"commit at the end of the migration",
                {TextEdit{ctx.span(at, at), fmt::format("{}\nCOMMIT;", at == last->end ? ";" : "")}},
                FixSafety::Unsafe};
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_uncommitted_transaction() { return std::make_unique<BanUncommittedTransaction>(); }

}  // namespace miglint
