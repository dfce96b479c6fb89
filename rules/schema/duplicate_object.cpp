// `duplicate-object`: a statement creates an object that already exists. The
// effects layer (analyzer/effects/transform_*.cpp, Ctx::duplicate) decides and
// words each issue as the replay applies the statement; this file makes the
// finding.
#include "analyzer/replay/replay_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/replay_issue.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"duplicate-object", Severity::Error, "a statement creates an object that already exists",
                     "schema"};

}  // namespace

Diagnostic catalog::duplicate_object_finding(Span span, const effects::Issue& issue) {
  return issue_finding(std::move(span), issue, "PostgreSQL would reject this statement: the object already exists");
}

std::unique_ptr<Rule> make_duplicate_object() { return declared_rule(kMeta); }

}  // namespace miglint
