// `prefer-bigint-over-smallint` (squawk): smallint columns overflow at 32767.
#include "rules/support/column_types.h"

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class PreferBigintOverSmallint final : public rules::ColumnTypeRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"prefer-bigint-over-smallint", Severity::Warning,
                            "16-bit integer columns run out; widening them later rewrites the table", "types"};
    return m;
  }

 protected:
  bool matches(const pg_query::TypeName&, std::string_view base, bool) const override {
    return base == "int2" || base == "smallserial" || base == "serial2";
  }
  std::string message(std::string_view column, std::string_view written, bool) const override {
    return fmt::format(
        "column {} is {} (16-bit, at most 32767): it runs out quickly, and widening it later rewrites the table "
        "and {}",
        column, written, lock_phrase(LockMode::AccessExclusive, "the table"));
  }
  std::string help() const override {
    return "use bigint (or int when the domain is truly bounded); a few bytes per row cost less than a forced "
           "type change";
  }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_bigint_over_smallint() { return std::make_unique<PreferBigintOverSmallint>(); }

}  // namespace miglint
