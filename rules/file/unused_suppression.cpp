// `unused-suppression`: a suppression that suppressed nothing. The engine
// applies the suppressions to every finding of the file (selected or not) and
// marks the entries used (analyzer/engine/suppress.cpp); this file words the
// finding.
#include <fmt/format.h>

#include "analyzer/engine/suppress.h"
#include "analyzer/engine/registry.h"
#include "rules/support/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"unused-suppression", Severity::Info, "a suppression that suppressed nothing", "file"};

}  // namespace

Diagnostic unused_suppression_finding(const SourceFile& file, const Suppression& s, const Suppression::Entry& e) {
  return finding(kMeta, file, e.begin, e.end,
                 s.file_wide || s.has_target
                     ? fmt::format("suppression of `{}` is unused: no `{}` finding {}", e.rule, e.rule,
                                   s.file_wide ? "in this file" : "on the statement it covers")
                     : fmt::format("suppression of `{}` covers no statement", e.rule),
                 "remove it, or move it to the statement it was meant for");
}

std::unique_ptr<Rule> make_unused_suppression() { return declared_rule(kMeta); }

}  // namespace miglint
