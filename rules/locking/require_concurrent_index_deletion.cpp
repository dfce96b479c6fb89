// `require-concurrent-index-deletion` (squawk): DROP INDEX without
// CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table.
#include <fmt/format.h>

#include <cctype>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class RequireConcurrentIndexDeletion final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"require-concurrent-index-deletion", Severity::Warning,
                            "DROP INDEX without CONCURRENTLY blocks reads and writes on its table", "locking"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kDropStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const auto& d = node.drop_stmt();
    if (d.remove_type() != pg_query::OBJECT_INDEX || d.concurrent()) return;
    std::vector<std::string> risky;
    for (const auto& o : d.objects())
      if (!on_new_table(ctx, last_name(o))) risky.push_back(dotted_name(o.list().items()));
    if (risky.empty()) return;
    std::string names;
    for (const auto& n : risky) names += (names.empty() ? "" : ", ") + n;
    auto& diag = ctx.report_statement(
        fmt::format("dropping index {} without CONCURRENTLY {}", names,
                    lock_phrase(LockMode::AccessExclusive, "the index's table")),
        "use DROP INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE: reads and writes go on), one index per statement, "
        "in a migration that does not run in a transaction");
    // The fix only fits where CONCURRENTLY is allowed: one index, no CASCADE.
    const Statement& s = ctx.statement();
    const std::string_view text = ctx.text(s.begin, s.end);
    if (d.objects_size() == 1 && d.behavior() != pg_query::DROP_CASCADE && text.size() >= 10) {
      std::string head;
      for (char ch : text.substr(0, 10)) head += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (head == "DROP INDEX")
        diag.fix = Fix{"drop the index CONCURRENTLY",
                       {TextEdit{ctx.span(s.begin + 10, s.begin + 10), " CONCURRENTLY"}},
                       FixSafety::Unsafe};
    }
  }

 private:
  // An index built in this unit (or, in a down, by its up) on a table that
  // unit created: nobody else uses that table yet.
  static bool on_new_table(const StatementContext& ctx, const std::string& index) {
    const auto check = [&](const Unit& u, size_t before) {
      for (const Statement* s : u.statements) {
        if (s->ordinal >= before) break;
        if (!s->node->has_index_stmt() || s->node->index_stmt().idxname() != index) continue;
        const auto& rel = s->node->index_stmt().relation().relname();
        const auto it = u.created_relations.find(rel);
        if (it != u.created_relations.end() && it->second < s->ordinal) return true;
      }
      return false;
    };
    if (check(ctx.unit(), ctx.statement().ordinal)) return true;
    return ctx.role() == Role::Down && ctx.up_unit() && check(*ctx.up_unit(), SIZE_MAX);
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_index_deletion() {
  return std::make_unique<RequireConcurrentIndexDeletion>();
}

}  // namespace miglint
