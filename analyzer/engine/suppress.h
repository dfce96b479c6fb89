// `-- miglint-ignore rule-a, rule-b: reason` (the statement on the same line,
// else the next one) and `-- miglint-ignore-file rule-a: reason` (the file).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/diag/diagnostic.h"

namespace miglint {

struct Suppression {
  bool file_wide = false;
  struct Entry {
    std::string rule;
    size_t begin = 0;  // where the id is written
    size_t end = 0;
    bool used = false;
  };
  std::vector<Entry> entries;
  std::string reason;
  size_t comment_begin = 0;
  size_t comment_end = 0;
  size_t target_begin = 0;  // the statement it covers (unused when file_wide)
  size_t target_end = 0;
  bool has_target = false;
};

std::vector<Suppression> collect_suppressions(const ParsedFile& file);

// Drops the diagnostics of this file that a suppression covers, marking the
// entries that were used.
void apply_suppressions(std::vector<Suppression>& sups, const std::string& path, std::vector<Diagnostic>& diags);

// What the suppressions say about themselves, worded by their rules' files:
// unknown-rule (rules/file/unknown_rule.cpp) for a suppression that names no
// rule or an id no rule has, unused-suppression
// (rules/file/unused_suppression.cpp) for an entry that covered nothing.
Diagnostic empty_suppression_finding(const SourceFile& file, const Suppression& s);
Diagnostic unknown_rule_finding(const SourceFile& file, const Suppression& s, const Suppression::Entry& e);
Diagnostic unused_suppression_finding(const SourceFile& file, const Suppression& s, const Suppression::Entry& e);
// suppression-without-reason (rules/file/suppression_without_reason.cpp).
bool lacks_reason(const Suppression& s);
Diagnostic missing_reason_finding(const SourceFile& file, const Suppression& s);

// `unknown-rule` for ids no rule has, `unused-suppression` for entries that
// covered nothing (only for rules that were enabled: a disabled rule's
// suppression is not evidence of anything).
std::vector<Diagnostic> suppression_findings(const std::vector<Suppression>& sups, const SourceFile& file,
                                             const std::function<bool(std::string_view)>& known,
                                             const std::function<bool(std::string_view)>& enabled);

}  // namespace miglint
