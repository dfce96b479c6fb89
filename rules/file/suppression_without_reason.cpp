// `suppression-without-reason`: a suppression that says no reason, or keeps
// the `<reason>` placeholder an editor's quick fix inserts. The suppressions
// are read in analyzer/engine/suppress.cpp; this file words the finding.
#include <fmt/format.h>

#include "analyzer/engine/suppress.h"
#include "analyzer/engine/registry.h"
#include "rules/support/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"suppression-without-reason", Severity::Warning, "a suppression that gives no reason", "file"};

const char* kind(const Suppression& s) { return s.file_wide ? "miglint-ignore-file" : "miglint-ignore"; }

}  // namespace

bool lacks_reason(const Suppression& s) { return s.reason.empty() || s.reason == "<reason>"; }

Diagnostic missing_reason_finding(const SourceFile& file, const Suppression& s) {
  return finding(kMeta, file, s.comment_begin, s.comment_end,
                 s.reason.empty() ? fmt::format("`{}` gives no reason", kind(s))
                                  : fmt::format("`{}` keeps the `<reason>` placeholder", kind(s)),
                 fmt::format("say why after a colon: `-- {} rule-id: reason` (reviewers read it)", kind(s)));
}

std::unique_ptr<Rule> make_suppression_without_reason() { return declared_rule(kMeta); }

}  // namespace miglint
