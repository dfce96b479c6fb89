// `unmodeled-statement`: a statement the schema model cannot apply. The effects
// layer (analyzer/effects/apply.cpp and the transforms) decides and words each
// issue as the replay applies the statement, and the parser reports a statement
// it could not hand over; this file makes the findings.
#include "analyzer/ast/file_findings.h"
#include "analyzer/replay/replay_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/findings.h"
#include "rules/support/replay_issue.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"unmodeled-statement", Severity::Info, "a statement the schema model cannot apply", "schema"};

}  // namespace

Diagnostic catalog::unmodeled_statement_finding(Span span, const effects::Issue& issue) {
  std::string help;
  if (issue.message.starts_with("not checked:"))
    help = "the model does not know this object for sure: schema checks do not report what depends on it";
  else if (issue.rule == kMeta.id) help = "schema checks stay silent about the objects this statement may touch";
  return issue_finding(std::move(span), issue, help);
}

Diagnostic statement_not_handed_over_finding(const SourceFile& file, size_t begin, size_t end) {
  return finding(kMeta, file, begin, end,
                 "statement nested too deeply for the parser library to hand over; PostgreSQL accepts it, miglint "
                 "does not analyse it",
                 "rules and the schema model skip this statement; the rest of the file is still analysed");
}

std::unique_ptr<Rule> make_unmodeled_statement() { return declared_rule(kMeta); }

}  // namespace miglint
