// `require-concurrent-index-creation` (squawk): CREATE INDEX without
// CONCURRENTLY blocks writes to the table for the whole index build.
#include <fmt/format.h>

#include <cctype>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

// Offset just past the INDEX keyword of `CREATE [UNIQUE] INDEX`, if the text
// is that plain (no comment between the words).
std::optional<size_t> after_index_keyword(std::string_view text) {
  size_t i = 0;
  const auto word = [&](std::string_view w) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (text.size() - i < w.size()) return false;
    for (size_t j = 0; j < w.size(); ++j)
      if (std::toupper(static_cast<unsigned char>(text[i + j])) != w[j]) return false;
    if (i + w.size() < text.size() && !std::isspace(static_cast<unsigned char>(text[i + w.size()]))) return false;
    i += w.size();
    return true;
  };
  if (!word("CREATE")) return std::nullopt;
  const size_t before_unique = i;
  if (!word("UNIQUE")) i = before_unique;
  if (!word("INDEX")) return std::nullopt;
  return i;
}

class RequireConcurrentIndexCreation final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"require-concurrent-index-creation", Severity::Warning,
                            "CREATE INDEX without CONCURRENTLY blocks writes for the whole build", "locking"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kIndexStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    if (&node != ctx.statement().node) return;  // only the statement itself, not nested nodes
    const auto& ix = node.index_stmt();
    if (ix.concurrent() || ctx.created_earlier(ix.relation().relname())) return;
    // ON ONLY: a partitioned parent's index, which cannot be built
    // concurrently (build each partition's index concurrently, then ATTACH).
    if (!ix.relation().inh()) return;
    const std::string table = relation_name(ix.relation());
    auto& d = ctx.report_statement(
        fmt::format("creating index {}on {} without CONCURRENTLY {}", ix.idxname().empty() ? "" : ix.idxname() + " ",
                    table, lock_work_phrase(LockMode::Share, table, TableWork::IndexBuild)),
        "use CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE: reads and writes go on); it cannot run in a "
        "transaction block, so the migration must run without one and hold this statement alone");
    const Statement& s = ctx.statement();
    if (const auto at = after_index_keyword(ctx.text(s.begin, s.end)))
      d.fix = Fix{"build the index CONCURRENTLY",
                  {TextEdit{ctx.span(s.begin + *at, s.begin + *at), " CONCURRENTLY"}},
                  FixSafety::Unsafe};
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_index_creation() {
  return std::make_unique<RequireConcurrentIndexCreation>();
}

}  // namespace miglint
