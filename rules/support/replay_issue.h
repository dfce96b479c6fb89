// A replay issue (effects::Issue: decided and worded by analyzer/effects) as
// its rule's finding.
#pragma once
#include <string>
#include <string_view>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/effects/apply.h"

namespace miglint {

inline Diagnostic issue_finding(Span span, const effects::Issue& issue, std::string_view help) {
  Diagnostic d;
  d.rule = issue.rule;
  d.severity = issue.severity;
  d.span = std::move(span);
  d.message = issue.message;
  d.notes = issue.notes;
  d.help = help;
  return d;
}

}  // namespace miglint
