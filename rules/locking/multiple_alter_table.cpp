// `multiple-alter-table` (eugene/strong_migrations): several ALTER TABLE
// statements on one existing table that could be one statement. Each takes
// its own ACCESS EXCLUSIVE lock and does its own scan or rewrite; one ALTER
// TABLE with comma-separated subcommands takes the lock once and makes one
// pass over the table.
#include <fmt/format.h>

#include <map>
#include <string_view>
#include <unordered_set>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "analyzer/engine/walk.h"

namespace miglint {
namespace {

// Subcommands that must stay in their own statement.
bool separate_by_design(const pg_query::AlterTableCmd& cmd) {
  switch (cmd.subtype()) {
    case pg_query::AT_ValidateConstraint:  // after NOT VALID, on purpose in a later step
    case pg_query::AT_AttachPartition:
    case pg_query::AT_DetachPartition:
    case pg_query::AT_DetachPartitionFinalize: return true;
    default: return false;
  }
}

// The relation names a statement mentions, in one walk of its tree (a
// view's query is thousands of messages; walking it once per open run was a
// twentieth of all the work on a folder of wide views).
std::unordered_set<std::string_view> relations_mentioned(const pg_query::Node& stmt) {
  std::unordered_set<std::string_view> names;
  walk_messages(stmt, [&](const google::protobuf::MessageLite& m, pgmeta::MsgType t) {
    if (t == pgmeta::MsgType::RangeVar) names.insert(static_cast<const pg_query::RangeVar&>(m).relname());
    return true;
  });
  return names;
}

class MultipleAlterTable final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"multiple-alter-table", Severity::Info,
                            "several ALTER TABLE statements on one table that could be one (one lock, one pass)",
                            "locking"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    // Per table: the ALTER TABLE that opened the current combinable run.
    std::map<std::string, const Statement*, std::less<>> first;
    for (const Statement* s : ctx.unit().statements) {
      const auto& n = *s->node;
      const bool alter = n.has_alter_table_stmt() && n.alter_table_stmt().objtype() == pg_query::OBJECT_TABLE;
      std::string rel = alter ? n.alter_table_stmt().relation().relname() : std::string();
      bool combinable = alter && !ctx.created_before(rel, s->ordinal);
      if (combinable)
        for (const auto& c : n.alter_table_stmt().cmds())
          if (separate_by_design(c.alter_table_cmd())) combinable = false;
      if (combinable) {
        const auto locks = statement_locks(n, ctx.pg_version());
        combinable = !locks.empty() && locks.front().mode == LockMode::AccessExclusive;
      }
      // Anything else touching a table (a backfill UPDATE, a VALIDATE, a
      // COMMIT) ends its run: the statements around it cannot merge.
      const auto mentioned = first.empty() ? std::unordered_set<std::string_view>() : relations_mentioned(n);
      for (auto it = first.begin(); it != first.end();) {
        const bool ends = n.has_transaction_stmt() ||
                          (mentioned.contains(it->first) && !(combinable && it->first == rel));
        it = ends ? first.erase(it) : std::next(it);
      }
      if (!combinable) continue;
      const auto [it, inserted] = first.emplace(rel, s);
      if (inserted) continue;
      const std::string table = relation_name(n.alter_table_stmt().relation());
      auto& d = ctx.report(*s,
                           fmt::format("another ALTER TABLE on {} in this migration: each statement {} again and "
                                       "makes its own pass over the table",
                                       table, lock_phrase(LockMode::AccessExclusive, table)),
                           "merge the subcommands into one `ALTER TABLE " + table +
                               " ..., ...;` statement: one lock, and at most one scan or rewrite");
      d.notes.push_back(Note{ctx.span(it->second->begin, it->second->end), "the first ALTER TABLE on " + table});
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_multiple_alter_table() { return std::make_unique<MultipleAlterTable>(); }

}  // namespace miglint
