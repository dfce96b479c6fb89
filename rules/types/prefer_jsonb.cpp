// `prefer-jsonb` (eugene / strong_migrations): json is text that is re-parsed on use.
#include "rules/support/column_types.h"

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class PreferJsonb final : public rules::ColumnTypeRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"prefer-jsonb", Severity::Warning, "json columns: use jsonb", "types"};
    return m;
  }

 protected:
  bool matches(const pg_query::TypeName&, std::string_view base, bool) const override { return base == "json"; }
  std::string message(std::string_view column, std::string_view written, bool) const override {
    return fmt::format(
        "column {} is {}: stored as text and re-parsed on every access, with no equality operator (no btree or "
        "GIN index, no DISTINCT or GROUP BY on it); converting it to jsonb later rewrites the table and {}",
        column, written, lock_phrase(LockMode::AccessExclusive, "the table"));
  }
  std::string help() const override {
    return "use jsonb, unless the exact text (key order, duplicate keys, whitespace) must be kept";
  }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_jsonb() { return std::make_unique<PreferJsonb>(); }

}  // namespace miglint
