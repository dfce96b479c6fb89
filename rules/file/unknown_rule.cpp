// `unknown-rule`: a suppression names no rule, or an id no rule has. The
// suppressions (analyzer/engine/suppress.cpp) are read and matched there; this
// file words the findings.
#include <fmt/format.h>

#include "analyzer/engine/suppress.h"
#include "analyzer/engine/registry.h"
#include "rules/support/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"unknown-rule", Severity::Warning, "a suppression or setting names a rule that does not exist",
                     "file"};

const char* kind(const Suppression& s) { return s.file_wide ? "miglint-ignore-file" : "miglint-ignore"; }

}  // namespace

Diagnostic empty_suppression_finding(const SourceFile& file, const Suppression& s) {
  return finding(kMeta, file, s.comment_begin, s.comment_end,
                 fmt::format("`{}` names no rule, so it suppresses nothing", kind(s)),
                 fmt::format("write `-- {} rule-id: reason`", kind(s)));
}

Diagnostic unknown_rule_finding(const SourceFile& file, const Suppression& s, const Suppression::Entry& e) {
  return finding(kMeta, file, e.begin, e.end, fmt::format("unknown rule `{}` in `{}`", e.rule, kind(s)),
                 "`miglint rules` lists every rule id");
}

std::unique_ptr<Rule> make_unknown_rule() { return declared_rule(kMeta); }

}  // namespace miglint
