// The findings the schema replay makes. The effects layer decides an issue
// (and words what went wrong) and the replay finds a down that does not
// restore the schema; each function is defined in the file of the rule it
// reports for (rules/schema/<id>.cpp), which makes the finding.
#pragma once
#include <functional>
#include <optional>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/catalog/diff.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/effects/apply.h"

namespace miglint::catalog {

// An issue of effects::apply at `span`, by its rule (issue.rule).
Diagnostic unknown_object_finding(Span span, const effects::Issue& issue);
Diagnostic duplicate_object_finding(Span span, const effects::Issue& issue);
Diagnostic dependent_objects_finding(Span span, const effects::Issue& issue);
Diagnostic unmodeled_statement_finding(Span span, const effects::Issue& issue);
Diagnostic requires_newer_postgres_finding(Span span, const effects::Issue& issue);
Diagnostic too_many_columns_finding(Span span, const effects::Issue& issue);

// down-not-inverse: the differences between the schema before the up and
// after the down, at the down's first statement (`span`). `up_change` finds
// the up statement that changed a difference's object, when it is known.
struct UpChange {
  const Statement* statement = nullptr;
  Span span;  // the statement's
  effects::Action action = effects::Action::Altered;
};
Diagnostic down_not_inverse_finding(Span span, const std::vector<Difference>& diffs,
                                    const std::function<std::optional<UpChange>(const Difference&)>& up_change);

}  // namespace miglint::catalog
