// The rules about ALTER TABLE on a table that exists (locking, destructive):
// one dispatch over the statement's subcommands. A table created earlier in the unit holds
// no rows yet, so scans, rewrites and long locks on it cost nothing.
#pragma once
#include <string>
#include <vector>

#include <pg_query/pg_query.pb.h>

#include "analyzer/engine/rule.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {

class AlterTableRule : public Rule {
 public:
  // `foreign_tables`: ALTER FOREIGN TABLE too (its data lives elsewhere, but
  // its clients are the same).
  explicit AlterTableRule(bool foreign_tables = false) : foreign_tables_(foreign_tables) {}

  std::vector<pg_query::Node::NodeCase> node_kinds() const final { return {pg_query::Node::kAlterTableStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const final {
    const auto& at = node.alter_table_stmt();
    if (at.objtype() != pg_query::OBJECT_TABLE && !(foreign_tables_ && at.objtype() == pg_query::OBJECT_FOREIGN_TABLE))
      return;
    if (ctx.created_earlier(at.relation().relname())) return;
    const std::string table = relation_name(at.relation());
    for (const auto& c : at.cmds()) on_alter_table_command(c.alter_table_cmd(), at, table, ctx);
  }

 protected:
  // Each subcommand of `at`, in order; `table` is its relation as findings name it.
  virtual void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& at,
                                      const std::string& table, StatementContext& ctx) const = 0;

 private:
  bool foreign_tables_;
};

}  // namespace miglint
