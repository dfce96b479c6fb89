// `prefer-timestamptz` (squawk; `prefer-timestamp-tz` in squawk 2): timestamp drops the offset.
#include "rules/support/column_types.h"

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class PreferTimestamptz final : public rules::ColumnTypeRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"prefer-timestamptz", Severity::Warning,
                            "timestamp without time zone loses the offset; use timestamptz", "types"};
    return m;
  }

 protected:
  bool matches(const pg_query::TypeName&, std::string_view base, bool) const override { return base == "timestamp"; }
  std::string message(std::string_view column, std::string_view written, bool) const override {
    return fmt::format(
        "column {} is {} (timestamp without time zone): PostgreSQL drops the UTC offset of values written "
        "into it, so times written from sessions in different time zones are stored as the same wall-clock "
        "time and no longer compare correctly",
        column, written);
  }
  std::string help() const override {
    return "use timestamptz: it stores an absolute instant (in UTC) and shows it in the session time zone";
  }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_timestamptz() { return std::make_unique<PreferTimestamptz>(); }

}  // namespace miglint
