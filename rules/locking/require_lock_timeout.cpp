// `require-lock-timeout`: a statement that needs a lock blocking writes (or
// more) on an existing table waits in the lock queue behind long queries, and
// every later query on the table queues behind it. lock_timeout bounds that.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class RequireLockTimeout final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"require-lock-timeout", Severity::Warning,
                            "a statement that blocks writes on an existing table runs without SET lock_timeout",
                            "locking"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    bool set = false;
    bool reset = false;  // set earlier in the file and switched off again
    for (const Statement* s : ctx.unit().statements) {
      if (const int t = setting_change(*s->node, "lock_timeout")) {
        reset = reset || (set && t <= 0);
        set = t > 0;
        continue;
      }
      if (set) continue;
      const auto lock = strongest_existing_lock(ctx, *s);
      if (!lock || lock->mode < LockMode::Share) continue;
      auto& d = ctx.report(
          *s,
          fmt::format("this statement {} without a lock_timeout: while it waits behind a long-running query, "
                      "every later query on {} queues behind it",
                      lock_phrase(lock->mode, lock->is_index ? "the table of index " + lock->name : lock->name),
                      lock->is_index ? "that table" : lock->name),
          "start the migration with `SET lock_timeout = '2s';` (and retry the migration when it times out)");
      // After a reset, a SET at the start would be switched off again before
      // this statement: the SET goes right before it.
      const Statement* at = reset ? s : ctx.unit().statements.front();
      d.fix = Fix{reset ? "set lock_timeout again before this statement"
                        : "set lock_timeout at the start of the migration",
                  {TextEdit{ctx.span(at->begin, at->begin), "SET lock_timeout = '2s';\n"}}};
      return;  // one finding per migration: one SET covers every statement
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_lock_timeout() { return std::make_unique<RequireLockTimeout>(); }

}  // namespace miglint
