// `too-many-columns`: a table would have more than 1600 columns, which
// PostgreSQL refuses. The effects layer (analyzer/effects/
// transform_create_table.cpp, add_column) decides and words each issue as the
// replay applies CREATE TABLE or ALTER TABLE … ADD COLUMN; this file makes
// the finding.
#include "analyzer/replay/replay_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/replay_issue.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"too-many-columns", Severity::Error,
                     "a table would have more than 1600 columns, which PostgreSQL refuses", "schema"};

}  // namespace

Diagnostic catalog::too_many_columns_finding(Span span, const effects::Issue& issue) {
  return issue_finding(std::move(span), issue,
                       "split the table, or keep the columns in a jsonb column or a table of (key, value) rows");
}

std::unique_ptr<Rule> make_too_many_columns() { return declared_rule(kMeta); }

}  // namespace miglint
