// What the up of the same migration did, so a down that merely undoes it is
// not reported as a destructive change.
#pragma once
#include <string_view>

#include <pg_query/pg_query.pb.h>

#include "analyzer/engine/context.h"

namespace miglint::rules {

// Did the up add column table.column (ADD COLUMN, or CREATE TABLE with it)?
inline bool up_added_column(const UnitContext& ctx, std::string_view table, std::string_view column) {
  const Unit* up = ctx.up_unit();
  if (!up) return false;
  if (up->created_relations.contains(table)) return true;
  for (const Statement* s : up->statements) {
    if (!s->node || !s->node->has_alter_table_stmt()) continue;
    const auto& a = s->node->alter_table_stmt();
    if (a.relation().relname() != table) continue;
    for (const auto& c : a.cmds())
      if (c.has_alter_table_cmd() && c.alter_table_cmd().subtype() == pg_query::AT_AddColumn &&
          c.alter_table_cmd().def().column_def().colname() == column)
        return true;
  }
  return false;
}

// Did the up run ALTER TABLE table ... with a subcommand of `type` on column?
inline bool up_altered_column(const UnitContext& ctx, std::string_view table, std::string_view column,
                              pg_query::AlterTableType type) {
  const Unit* up = ctx.up_unit();
  if (!up) return false;
  for (const Statement* s : up->statements) {
    if (!s->node || !s->node->has_alter_table_stmt()) continue;
    const auto& a = s->node->alter_table_stmt();
    if (a.relation().relname() != table) continue;
    for (const auto& c : a.cmds())
      if (c.has_alter_table_cmd() && c.alter_table_cmd().subtype() == type && c.alter_table_cmd().name() == column)
        return true;
  }
  return false;
}

// Did the up rename `to` into `from` (so renaming it back is the inverse)?
// For columns, table is the table; for tables, column is empty.
inline bool up_renamed(const UnitContext& ctx, pg_query::ObjectType kind, std::string_view table, std::string_view from,
                       std::string_view to) {
  const Unit* up = ctx.up_unit();
  if (!up) return false;
  for (const Statement* s : up->statements) {
    if (!s->node || !s->node->has_rename_stmt()) continue;
    const auto& r = s->node->rename_stmt();
    if (r.rename_type() != kind) continue;
    if (kind == pg_query::OBJECT_COLUMN) {
      if (r.relation().relname() == table && r.subname() == to && r.newname() == from) return true;
    } else if (r.relation().relname() == to && r.newname() == from) {
      return true;
    }
  }
  return false;
}

}  // namespace miglint::rules
