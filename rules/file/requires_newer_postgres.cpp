// `requires-newer-postgres`: syntax that miglint's grammar (PostgreSQL 18)
// accepts but the target server (`pg_version`) does not; that server would
// refuse the statement with a syntax error. Also a NOT NULL constraint named
// as PostgreSQL 18 names it, which the replay finds (analyzer/effects,
// not_null_constraint_before_18) and this file makes a finding of.
#include <fmt/format.h>

#include "analyzer/ast/newer_syntax.h"
#include "analyzer/replay/replay_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/replay_issue.h"

namespace miglint {
namespace {

class RequiresNewerPostgres final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"requires-newer-postgres", Severity::Error,
                            "syntax the target PostgreSQL version (pg_version) does not have yet", "file"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return pgc::newer_syntax_node_kinds(); }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    for (const auto& use : pgc::newer_syntax(node)) {
      if (ctx.pg_version() >= use.since) continue;
      ctx.report_at(*use.where,
                    fmt::format("{} needs PostgreSQL {}; pg_version is {}", use.what, use.since, ctx.pg_version()),
                    fmt::format("write it the way PostgreSQL {} accepts{}, or set pg_version = {} in miglint.toml "
                                "if every database this migration runs on is PostgreSQL {} or later",
                                ctx.pg_version(), use.instead.empty() ? "" : " (" + std::string(use.instead) + ")",
                                use.since, use.since));
    }
  }
};

}  // namespace

Diagnostic catalog::requires_newer_postgres_finding(Span span, const effects::Issue& issue) {
  return issue_finding(std::move(span), issue, {});
}

std::unique_ptr<Rule> make_requires_newer_postgres() { return std::make_unique<RequiresNewerPostgres>(); }

}  // namespace miglint
