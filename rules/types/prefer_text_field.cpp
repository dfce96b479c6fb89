// `prefer-text-field` (squawk): varchar(n) bakes the limit into the type.
#include "rules/support/column_types.h"

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class PreferTextField final : public rules::ColumnTypeRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"prefer-text-field", Severity::Warning,
                            "varchar(n): changing the limit needs ALTER COLUMN TYPE; use text with a CHECK", "types"};
    return m;
  }

 protected:
  bool matches(const pg_query::TypeName& t, std::string_view base, bool) const override {
    return base == "varchar" && t.typmods_size() > 0;
  }
  std::string message(std::string_view column, std::string_view written, bool) const override {
    return fmt::format(
        "column {} is {}: the length limit is part of the type, so changing it later is an ALTER COLUMN TYPE "
        "that {}, and lowering it rewrites the table",
        column, written, lock_phrase(LockMode::AccessExclusive, "the table"));
  }
  std::string help() const override {
    return "use text with a CHECK (char_length(col) <= n) constraint: a new limit can then be added NOT VALID "
           "and validated without blocking reads and writes";
  }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_text_field() { return std::make_unique<PreferTextField>(); }

}  // namespace miglint
