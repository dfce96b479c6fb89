// Column type declarations for the type rules: every ColumnDef of CREATE
// TABLE, ALTER TABLE ADD COLUMN and ALTER COLUMN TYPE, with the base name of
// its type as PostgreSQL resolves built-ins (docs/PG_FACTS.md §4).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <pg_query/pg_query.pb.h>

namespace miglint::rules {

struct DeclaredColumn {
  const pg_query::TypeName* type = nullptr;
  std::string_view table;  // into the statement's tree
  std::string_view column;
  bool alter_type = false;  // ALTER COLUMN ... TYPE (else a new column)
};

// Calls f(DeclaredColumn) for each; nothing is copied (a CREATE TABLE may
// declare 100,000 columns, and every type rule walks them).
template <typename F>
void for_each_declared_column(const pg_query::Node& node, F&& f) {
  if (node.has_create_stmt()) {
    const auto& c = node.create_stmt();
    for (const auto& e : c.table_elts())
      if (e.has_column_def() && e.column_def().has_type_name())
        f(DeclaredColumn{&e.column_def().type_name(), c.relation().relname(), e.column_def().colname(), false});
  } else if (node.has_alter_table_stmt()) {
    const auto& a = node.alter_table_stmt();
    if (a.objtype() != pg_query::OBJECT_TABLE && a.objtype() != pg_query::OBJECT_FOREIGN_TABLE) return;
    for (const auto& c : a.cmds()) {
      if (!c.has_alter_table_cmd()) continue;
      const auto& cmd = c.alter_table_cmd();
      if (!cmd.def().has_column_def() || !cmd.def().column_def().has_type_name()) continue;
      if (cmd.subtype() == pg_query::AT_AddColumn)
        f(DeclaredColumn{&cmd.def().column_def().type_name(), a.relation().relname(), cmd.def().column_def().colname(),
                         false});
      else if (cmd.subtype() == pg_query::AT_AlterColumnType)
        f(DeclaredColumn{&cmd.def().column_def().type_name(), a.relation().relname(), cmd.name(), true});
    }
  }
}

// "int4" for `int`, `integer`, `int4`, `pg_catalog.int4`; "" for a type in a
// user schema (`myschema.int4` is not the built-in).
inline std::string_view type_base_name(const pg_query::TypeName& t) {
  const auto& names = t.names();
  if (names.empty()) return {};
  if (names.size() == 2 && names[0].string().sval() != "pg_catalog") return {};
  if (names.size() > 2) return {};
  return names[names.size() - 1].string().sval();
}

}  // namespace miglint::rules

#include <fmt/format.h>

#include "analyzer/engine/rule.h"

namespace miglint::rules {

// The shape every type rule shares: look at declared column types in up and
// plain units. A down is skipped: re-creating a column it must restore
// with its old type is not a type choice.
class ColumnTypeRule : public Rule {
 public:
  std::vector<pg_query::Node::NodeCase> node_kinds() const override {
    return {pg_query::Node::kCreateStmt, pg_query::Node::kAlterTableStmt};
  }
  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    if (ctx.role() == Role::Down) return;
    for_each_declared_column(node, [&](const DeclaredColumn& d) {
      const std::string_view base = type_base_name(*d.type);
      if (base.empty() || !matches(*d.type, base, d.alter_type)) return;
      const std::string written = written_type(ctx, *d.type);
      const std::string col = d.table.empty() ? std::string(d.column) : fmt::format("{}.{}", d.table, d.column);
      ctx.report_at(*d.type, message(col, written, d.alter_type), help());
    });
  }

 protected:
  virtual bool matches(const pg_query::TypeName& t, std::string_view base, bool alter_type) const = 0;
  virtual std::string message(std::string_view column, std::string_view written, bool alter_type) const = 0;
  virtual std::string help() const = 0;

 private:
  // The type as written, up to its modifiers: "integer", "varchar(20)",
  // "timestamp without time zone".
  static std::string written_type(const StatementContext& ctx, const pg_query::TypeName& t) {
    const std::string_view text = ctx.source().text();
    const size_t b = ctx.offset_of(t);
    size_t e = b;
    const size_t limit = std::min(ctx.statement().end, text.size());
    int depth = 0;
    while (e < limit) {
      const char c = text[e];
      if (c == '(') ++depth;
      else if (c == ')') {
        if (depth == 0) break;
        --depth;
      } else if (depth == 0 && (c == ',' || c == ';' || c == '\n' || c == '\r')) {
        break;
      }
      ++e;
      if (depth == 0 && c == ')') break;
    }
    std::string s(text.substr(b, e - b));
    // Stop before the first constraint word after the type.
    static constexpr std::string_view stops[] = {" not ",       " null",    " default", " primary",
                                                 " references", " unique",  " check",   " constraint",
                                                 " generated",  " collate", " using",   " []"};
    std::string lower = s;
    for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    size_t cut = lower.size();
    for (auto stop : stops)
      if (const auto p = (lower + " ").find(stop); p != std::string::npos && p < cut) cut = p;
    s.resize(cut);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    return s.empty() ? std::string(type_base_name(t)) : s;
  }
};

}  // namespace miglint::rules
