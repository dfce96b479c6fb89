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
    const auto found = first_without_setting(ctx, "lock_timeout",
                                             [](const TableLock& l) { return l.mode >= LockMode::Share; });
    if (!found) return;
    const TableLock& lock = found->lock;
    auto& d = ctx.report(
        *found->statement,
        fmt::format("this statement {} without a lock_timeout: while it waits behind a long-running query, "
                    "every later query on {} queues behind it",
                    lock_phrase(lock.mode, lock.is_index ? "the table of index " + lock.name : lock.name),
                    lock.is_index ? "that table" : lock.name),
        "start the migration with `SET lock_timeout = '2s';` (and retry the migration when it times out)");
    d.fix = set_setting_fix(ctx, *found, "lock_timeout", "'2s'");
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_lock_timeout() { return std::make_unique<RequireLockTimeout>(); }

}  // namespace miglint
