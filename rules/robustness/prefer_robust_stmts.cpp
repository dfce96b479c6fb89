// `prefer-robust-stmts` (squawk): in a migration that does not run in one
// transaction, a failure part way leaves the first statements applied; the
// re-run then fails on them unless they are written IF [NOT] EXISTS.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "rules/support/tokens.h"

namespace miglint {
namespace {

// Offset of the token after `count` keyword tokens that follow the first
// token of kind `first` in statement s; npos when the shape is not the
// expected one. Only the statement's first tokens matter, and a DROP TABLE
// can name 100,000 tables: a growing prefix of it is scanned, until the
// token found is followed by another (it was not cut) or the prefix is the
// whole statement. A cut inside a literal or comment makes the scanner
// refuse the prefix, which reads as "not found yet".
size_t after_keywords(std::string_view text, const Statement& s, pg_query::Token first, size_t count) {
  for (size_t len = 1024;; len *= 4) {
    const bool whole = len >= s.end - s.begin;
    const auto toks = rules::scan_tokens(text, s.begin, whole ? s.end : s.begin + len);
    // The last token of a prefix may be cut short.
    const size_t n = whole || toks.empty() ? toks.size() : toks.size() - 1;
    for (size_t i = 0; i < n; ++i) {
      if (toks[i].kind != first) continue;
      const size_t j = i + 1 + count;
      for (size_t k = i + 1; k < j && k < n; ++k)
        if (!toks[k].keyword) return std::string::npos;
      if (j < n) return toks[j].begin;
      break;
    }
    if (whole) return std::string::npos;
  }
}

// Keywords between DROP and the first object name, per object kind.
size_t drop_kind_words(const pg_query::DropStmt& d) {
  switch (d.remove_type()) {
    case pg_query::OBJECT_TABLE:
    case pg_query::OBJECT_TYPE:
    case pg_query::OBJECT_VIEW:
    case pg_query::OBJECT_SEQUENCE:
    case pg_query::OBJECT_SCHEMA:
    case pg_query::OBJECT_EXTENSION:
    case pg_query::OBJECT_FUNCTION:
    case pg_query::OBJECT_PROCEDURE:
    case pg_query::OBJECT_DOMAIN:
    case pg_query::OBJECT_TRIGGER:
    case pg_query::OBJECT_POLICY:
    case pg_query::OBJECT_RULE: return 1;
    case pg_query::OBJECT_INDEX: return d.concurrent() ? 2 : 1;
    case pg_query::OBJECT_MATVIEW:
    case pg_query::OBJECT_FOREIGN_TABLE: return 2;
    default: return 0;
  }
}

std::string_view drop_kind_name(const pg_query::DropStmt& d) {
  switch (d.remove_type()) {
    case pg_query::OBJECT_TABLE: return "TABLE";
    case pg_query::OBJECT_TYPE: return "TYPE";
    case pg_query::OBJECT_VIEW: return "VIEW";
    case pg_query::OBJECT_SEQUENCE: return "SEQUENCE";
    case pg_query::OBJECT_SCHEMA: return "SCHEMA";
    case pg_query::OBJECT_EXTENSION: return "EXTENSION";
    case pg_query::OBJECT_FUNCTION: return "FUNCTION";
    case pg_query::OBJECT_PROCEDURE: return "PROCEDURE";
    case pg_query::OBJECT_DOMAIN: return "DOMAIN";
    case pg_query::OBJECT_TRIGGER: return "TRIGGER";
    case pg_query::OBJECT_POLICY: return "POLICY";
    case pg_query::OBJECT_RULE: return "RULE";
    case pg_query::OBJECT_INDEX: return "INDEX";
    case pg_query::OBJECT_MATVIEW: return "MATERIALIZED VIEW";
    case pg_query::OBJECT_FOREIGN_TABLE: return "FOREIGN TABLE";
    default: return "";
  }
}

class PreferRobustStmts final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"prefer-robust-stmts", Severity::Warning,
                            "CREATE/DROP without IF [NOT] EXISTS in a migration not run in a transaction",
                            "robustness"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    const auto& stmts = ctx.unit().statements;
    // A single statement is its own implicit transaction: nothing is left
    // half-applied.
    if (stmts.size() <= 1) return;
    bool explicit_tx = false;
    for (const Statement* s : stmts) {
      if (!s->node) continue;
      const auto& n = *s->node;
      if (n.has_transaction_stmt()) {
        const auto k = n.transaction_stmt().kind();
        if (k == pg_query::TRANS_STMT_BEGIN || k == pg_query::TRANS_STMT_START) explicit_tx = true;
        if (k == pg_query::TRANS_STMT_COMMIT || k == pg_query::TRANS_STMT_ROLLBACK) explicit_tx = false;
        continue;
      }
      const bool in_tx = ctx.in_transaction() || explicit_tx;
      if (n.has_create_stmt()) {
        if (in_tx || n.create_stmt().if_not_exists()) continue;
        const auto& rel = n.create_stmt().relation();
        const size_t at = s->offset(rel.location());
        report(ctx, *s, fmt::format("CREATE TABLE {} without IF NOT EXISTS", rel.relname()), "IF NOT EXISTS ",
               rel.location() >= 0 ? at : std::string::npos);
      } else if (n.has_index_stmt()) {
        const auto& ix = n.index_stmt();
        // CREATE INDEX CONCURRENTLY never runs in a transaction, whatever the runner does.
        if ((in_tx && !ix.concurrent()) || ix.if_not_exists()) continue;
        size_t at = std::string::npos;
        if (!ix.idxname().empty())
          at = after_keywords(ctx.source().text(), *s, pg_query::INDEX, ix.concurrent() ? 1 : 0);
        report(ctx, *s,
               fmt::format("CREATE INDEX{} {} without IF NOT EXISTS", ix.concurrent() ? " CONCURRENTLY" : "",
                           ix.idxname().empty() ? "(unnamed)" : ix.idxname()),
               "IF NOT EXISTS ", at,
               ix.idxname().empty() ? "name the index and add IF NOT EXISTS (an unnamed index gets a new name, "
                                      "t_col_idx1, on every re-run)"
                                    : "",
               // In a transaction the build fails at once; the finding is about
               // the migration it has to move to.
               in_tx ? kConcurrentOutsideTx : kNoTransaction);
      } else if (n.has_drop_stmt()) {
        const auto& d = n.drop_stmt();
        if (in_tx || d.missing_ok()) continue;
        const std::string_view kind = drop_kind_name(d);
        if (kind.empty()) continue;
        const size_t at = after_keywords(ctx.source().text(), *s, pg_query::DROP, drop_kind_words(d));
        report(ctx, *s, fmt::format("DROP {} without IF EXISTS", kind), "IF EXISTS ", at);
      } else if (n.has_alter_table_stmt()) {
        if (in_tx) continue;
        const auto& a = n.alter_table_stmt();
        if (a.objtype() != pg_query::OBJECT_TABLE) continue;
        for (const auto& c : a.cmds()) {
          if (!c.has_alter_table_cmd()) continue;
          const auto& cmd = c.alter_table_cmd();
          if (cmd.missing_ok()) continue;
          if (cmd.subtype() == pg_query::AT_AddColumn && cmd.def().has_column_def()) {
            const auto& col = cmd.def().column_def();
            report(ctx, *s, fmt::format("ADD COLUMN {} without IF NOT EXISTS", col.colname()), "IF NOT EXISTS ",
                   col.location() >= 0 ? s->offset(col.location()) : std::string::npos);
          } else if (cmd.subtype() == pg_query::AT_DropColumn || cmd.subtype() == pg_query::AT_DropConstraint) {
            const bool column = cmd.subtype() == pg_query::AT_DropColumn;
            report(ctx, *s, fmt::format("DROP {} {} without IF EXISTS", column ? "COLUMN" : "CONSTRAINT", cmd.name()),
                   "IF EXISTS ", drop_name_offset(ctx, *s, cmd.name()));
          }
        }
      }
    }
  }

 private:
  // Where `IF EXISTS` goes in `DROP [COLUMN|CONSTRAINT] name`.
  static size_t drop_name_offset(const UnitContext& ctx, const Statement& s, std::string_view name) {
    const std::string_view text = ctx.source().text();
    const auto toks = rules::scan_tokens(text, s.begin, s.end);
    for (size_t i = 0; i + 1 < toks.size(); ++i) {
      if (toks[i].kind != pg_query::DROP) continue;
      size_t j = i + 1;
      if (toks[j].kind == pg_query::COLUMN || toks[j].kind == pg_query::CONSTRAINT) ++j;
      if (j < toks.size() && rules::identifier_text(text.substr(toks[j].begin, toks[j].end - toks[j].begin)) == name)
        return toks[j].begin;
    }
    return std::string::npos;
  }

  static constexpr std::string_view kNoTransaction =
      " in a migration that does not run in a transaction: if a later statement fails, this one stays applied and "
      "re-running the migration fails here";
  static constexpr std::string_view kConcurrentOutsideTx =
      ": CREATE INDEX CONCURRENTLY cannot run inside a transaction, and outside one a failed build leaves an INVALID "
      "index behind, so re-running the migration fails here";

  static void report(UnitContext& ctx, const Statement& s, const std::string& what, std::string_view insert, size_t at,
                     std::string_view help = {}, std::string_view why = kNoTransaction) {
    auto& d = ctx.report(s, fmt::format("{}{}", what, why),
                         help.empty() ? fmt::format("write {}(or run the migration in a transaction)", insert)
                                      : std::string(help));
    if (at != std::string::npos)
      d.fix = Fix{fmt::format("insert `{}`", std::string_view(insert).substr(0, insert.size() - 1)),
                  {TextEdit{ctx.span(at, at), std::string(insert)}},
                  FixSafety::Safe};
  }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_robust_stmts() { return std::make_unique<PreferRobustStmts>(); }

}  // namespace miglint
