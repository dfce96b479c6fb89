// `holding-access-exclusive` (eugene): statements that run after an ACCESS
// EXCLUSIVE lock was taken in the same transaction run while it is held, so
// every one of them lengthens the time the table is fully blocked.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class HoldingAccessExclusive final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"holding-access-exclusive", Severity::Warning,
                            "statements run while an ACCESS EXCLUSIVE lock taken earlier in the transaction is held",
                            "locking"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    // Without a transaction each statement commits, and releases its locks,
    // on its own.
    const bool implicit_tx = ctx.in_transaction() || sent_as_one_query(ctx);
    bool explicit_tx = false;
    const Statement* holder = nullptr;
    std::string held;
    bool reported = false;
    for (const Statement* s : ctx.unit().statements) {
      const auto& n = *s->node;
      if (n.has_transaction_stmt()) {
        const auto k = n.transaction_stmt().kind();
        if (k == pg_query::TRANS_STMT_BEGIN || k == pg_query::TRANS_STMT_START) explicit_tx = true;
        if (k == pg_query::TRANS_STMT_COMMIT || k == pg_query::TRANS_STMT_ROLLBACK ||
            k == pg_query::TRANS_STMT_PREPARE) {
          explicit_tx = false;
          holder = nullptr;  // locks are released at transaction end
        }
        continue;
      }
      if (is_control_statement(n)) continue;
      if (!implicit_tx && !explicit_tx) continue;
      if (holder && !reported) {
        auto& d = ctx.report(
            *s,
            fmt::format("this statement runs while the ACCESS EXCLUSIVE lock on {} taken by an earlier statement is "
                        "still held (until the transaction ends): reads and writes on {} stay blocked for its whole "
                        "duration too",
                        held, held),
            "take the ACCESS EXCLUSIVE lock last in the transaction, or move the statements that follow it into "
            "their own migration");
        d.notes.push_back(Note{ctx.span(holder->begin, holder->end),
                               fmt::format("the ACCESS EXCLUSIVE lock on {} is taken here", held)});
        reported = true;  // one finding per lock: the first statement that extends it
      }
      if (holder) continue;
      const auto lock = strongest_existing_lock(ctx, *s);
      if (lock && lock->mode == LockMode::AccessExclusive && !lock->is_index) {
        holder = s;
        held = lock->name;
        reported = false;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_holding_access_exclusive() { return std::make_unique<HoldingAccessExclusive>(); }

}  // namespace miglint
