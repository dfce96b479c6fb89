// `ban-char-field` (squawk): char(n) is almost always a mistake.
#include "rules/support/column_types.h"

#include "analyzer/engine/locks.h"
#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class BanCharField final : public rules::ColumnTypeRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-char-field", Severity::Warning, "char(n) pads values with spaces; use text or varchar",
                            "types"};
    return m;
  }

 protected:
  // `char`/`character`/`char(n)` are bpchar; the quoted internal type "char"
  // (one byte) is a different type and not reported.
  bool matches(const pg_query::TypeName&, std::string_view base, bool) const override { return base == "bpchar"; }
  std::string message(std::string_view column, std::string_view written, bool) const override {
    return fmt::format(
        "column {} is {} (blank-padded character): values are padded with spaces to the declared length, "
        "trailing spaces are ignored in comparisons, and it is no faster or smaller than text",
        column, written);
  }
  std::string help() const override {
    return "use text (with a CHECK (char_length(...) = n) constraint when the length matters) or varchar";
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_char_field() { return std::make_unique<BanCharField>(); }

}  // namespace miglint
