// `dependent-objects`: a drop that PostgreSQL refuses because other objects depend
// on it. The effects layer (analyzer/effects/transform_drop.cpp,
// transform_alter_table.cpp) decides and words each issue as the replay
// applies the statement; this file makes the finding.
#include "analyzer/replay/replay_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/replay_issue.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"dependent-objects", Severity::Error,
                     "a drop that PostgreSQL refuses because other objects depend on it", "schema"};

}  // namespace

Diagnostic catalog::dependent_objects_finding(Span span, const effects::Issue& issue) {
  return issue_finding(std::move(span), issue,
                       "drop or alter the dependent objects first, or use CASCADE deliberately");
}

std::unique_ptr<Rule> make_dependent_objects() { return declared_rule(kMeta); }

}  // namespace miglint
