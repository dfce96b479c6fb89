// `unknown-object`: a statement needs an object that does not exist at that point.
// The effects layer (analyzer/effects/transform_*.cpp, Ctx::unknown) decides
// and words each issue as the replay applies the statement; this file makes
// the finding.
#include "analyzer/replay/replay_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/replay_issue.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"unknown-object", Severity::Error, "a statement needs an object that does not exist at that point",
                     "schema"};

}  // namespace

Diagnostic catalog::unknown_object_finding(Span span, const effects::Issue& issue) {
  return issue_finding(std::move(span), issue,
                       "PostgreSQL would reject this statement: the object does not exist here");
}

std::unique_ptr<Rule> make_unknown_object() { return declared_rule(kMeta); }

}  // namespace miglint
