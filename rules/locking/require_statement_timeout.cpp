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
    static const RuleMeta m{"require-statement-timeout", Severity::Warning,
                            "a statement that scans or rewrites an existing table under a blocking lock runs without SET statement_timeout",
                            "locking"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    bool set = false;
    bool reset = false;  // set earlier in the file and switched off again
    for (const Statement* s : ctx.unit().statements) {
      if (const int t = setting_change(*s->node, "statement_timeout")) {
        reset = reset || (set && t <= 0);
        set = t > 0;
        continue;
      }
      if (set) continue;
      const auto lock = strongest_existing_lock(ctx, *s);
      if (!lock || lock->mode < LockMode::Share || lock->work == TableWork::None) continue;
      const std::string table = lock->is_index ? "the table of index " + lock->name : lock->name;
      auto& d = ctx.report(
          *s,
          fmt::format("this statement {} without a statement_timeout: the table stays blocked for as long as the "
                      "work takes, however large {} has grown",
                      lock_work_phrase(lock->mode, table, lock->work), table),
          "start the migration with `SET statement_timeout = ...` sized for the table (the timeout aborts the "
          "migration instead of blocking the application), or use the online alternative the other findings "
          "suggest");
      // After a reset, a SET at the start would be switched off again before
      // this statement: the SET goes right before it.
      const Statement* at = reset ? s : ctx.unit().statements.front();
      d.fix = Fix{reset ? "set statement_timeout again before this statement (adjust the value to the table's size)"
                        : "set statement_timeout at the start of the migration (adjust the value to the table's size)",
                  {TextEdit{ctx.span(at->begin, at->begin), "SET statement_timeout = '5min';\n"}}};
      return;  // one finding per migration: one SET covers every statement
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_statement_timeout() { return std::make_unique<RequireStatementTimeout>(); }

}  // namespace miglint
