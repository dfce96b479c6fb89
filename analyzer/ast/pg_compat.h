// What differs in the AST between the libpg_query grammars miglint builds
// with (PostgreSQL 15, 17 and 18), in one place: code that reads one of these
// nodes goes through this header, never through #if of its own.
// (docs/PG_GRAMMARS.md lists the differences and where they come from.)
#pragma once
#include <pg_query.h>  // PG_VERSION_NUM of the linked grammar

#include <optional>
#include <string>

#include "pg_query/pg_query.pb.h"

namespace miglint::pgc {

// The grammar's PostgreSQL major version: 15, 17 or 18.
constexpr int kGrammarMajor = PG_VERSION_NUM / 10000;

// PARTITION BY's strategy: "LIST", "RANGE" or "HASH" (a string before 16,
// an enum after).
inline std::string partition_strategy(const pg_query::PartitionSpec& ps) {
#if PG_VERSION_NUM >= 160000
  switch (ps.strategy()) {
    case pg_query::PARTITION_STRATEGY_LIST: return "LIST";
    case pg_query::PARTITION_STRATEGY_RANGE: return "RANGE";
    case pg_query::PARTITION_STRATEGY_HASH: return "HASH";
    default: return "";
  }
#else
  std::string s = ps.strategy();
  for (auto& ch : s) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  return s;
#endif
}

// GENERATED ALWAYS AS (…) VIRTUAL: 18 and later, where it is the default kind;
// before 18 every generated column is STORED.
inline bool generated_virtual(const pg_query::Constraint& c) {
#if PG_VERSION_NUM >= 180000
  return c.generated_kind() == "v";
#else
  (void)c;
  return false;
#endif
}

// ALTER TABLE … ALTER CONSTRAINT name [NOT] DEFERRABLE [INITIALLY …]: the
// constraint and what it sets (a Constraint node before 18, an
// ATAlterConstraint after, which may also change enforceability or
// inheritability instead).
struct AlterConstraint {
  std::string name;
  bool sets_deferrability = true;
  bool deferrable = false;
  bool initially_deferred = false;
};
inline std::optional<AlterConstraint> alter_constraint(const pg_query::AlterTableCmd& cmd) {
#if PG_VERSION_NUM >= 180000
  if (!cmd.def().has_atalter_constraint()) return std::nullopt;
  const auto& a = cmd.def().atalter_constraint();
  return AlterConstraint{a.conname(), a.alter_deferrability(), a.deferrable(), a.initdeferred()};
#else
  if (!cmd.def().has_constraint()) return std::nullopt;
  const auto& k = cmd.def().constraint();
  return AlterConstraint{k.conname(), true, k.deferrable(), k.initdeferred()};
#endif
}

// ALTER TABLE … ALTER COLUMN c SET EXPRESSION AS (…) (17 and later): the new
// generation expression, else null.
inline const pg_query::Node* set_expression(const pg_query::AlterTableCmd& cmd) {
#if PG_VERSION_NUM >= 170000
  if (cmd.subtype() == pg_query::AT_SetExpression && cmd.has_def()) return &cmd.def();
#else
  (void)cmd;
#endif
  return nullptr;
}

}  // namespace miglint::pgc
