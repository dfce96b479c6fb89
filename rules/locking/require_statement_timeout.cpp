// `require-statement-timeout`: a statement that scans, rewrites or indexes an
// existing table while holding a lock that blocks writes (or more) keeps the
// table blocked for as long as that work takes. statement_timeout bounds it.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class RequireStatementTimeout final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{
        "require-statement-timeout", Severity::Warning,
        "a statement that scans or rewrites an existing table under a blocking lock runs without SET statement_timeout",
        "locking"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    const auto found = first_without_setting(ctx, "statement_timeout", [](const TableLock& l) {
      return l.mode >= LockMode::Share && l.work != TableWork::None;
    });
    if (!found) return;
    const TableLock& lock = found->lock;
    const std::string table = lock.is_index ? "the table of index " + lock.name : lock.name;
    auto& d = ctx.report(
        *found->statement,
        fmt::format("this statement {} without a statement_timeout: the table stays blocked for as long as the "
                    "work takes, however large {} has grown",
                    lock_work_phrase(lock.mode, table, lock.work), table),
        "start the migration with `SET statement_timeout = ...` sized for the table (the timeout aborts the "
        "migration instead of blocking the application), or use the online alternative the other findings "
        "suggest");
    d.fix = set_setting_fix(ctx, *found, "statement_timeout", "'5min'", " (adjust the value to the table's size)");
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_statement_timeout() { return std::make_unique<RequireStatementTimeout>(); }

}  // namespace miglint
