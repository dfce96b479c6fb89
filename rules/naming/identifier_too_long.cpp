// `identifier-too-long` (squawk): PostgreSQL silently cuts identifiers to 63
// bytes. The AST already holds the cut names (docs/PG_FACTS.md §1), so this rule
// reads identifiers from the scanner's tokens, as written.
#include <set>

#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "rules/support/tokens.h"

namespace miglint {
namespace {

constexpr size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1

// Cut on a UTF-8 character boundary, as pg_mbcliplen does.
std::string clip(const std::string& s) {
  size_t n = kMaxIdentifierBytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

class IdentifierTooLong final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"identifier-too-long", Severity::Warning,
                            "identifiers over 63 bytes are silently truncated", "naming"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    std::set<std::string> reported;
    const std::string_view text = ctx.source().text();
    for (const Statement* s : ctx.unit().statements) {
      // Queries only use names; the statement that declares a long name is
      // the one to fix.
      if (!s->node || s->node->has_select_stmt() || s->node->has_insert_stmt() || s->node->has_update_stmt() ||
          s->node->has_delete_stmt())
        continue;
      // PostgreSQL's scanner (exact, but slow) only where a long name may be.
      if (longest_word(text, s->begin, s->end) <= kMaxIdentifierBytes) continue;
      for (const auto& t : rules::scan_tokens(text, s->begin, s->end)) {
        if (t.kind != pg_query::IDENT) continue;
        const std::string id = rules::identifier_text(text.substr(t.begin, t.end - t.begin));
        if (id.size() <= kMaxIdentifierBytes || !reported.insert(id).second) continue;
        ctx.report(t.begin, t.end,
                   fmt::format("identifier {} is {} bytes: PostgreSQL truncates it to 63 bytes ({}), so the object "
                               "gets a different name than written and two long names sharing their first 63 bytes "
                               "collide",
                               id, id.size(), clip(id)),
                   "use a name of at most 63 bytes");
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_identifier_too_long() { return std::make_unique<IdentifierTooLong>(); }

}  // namespace miglint
