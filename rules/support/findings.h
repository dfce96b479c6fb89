// A finding of a rule, with the rule's id and severity: for the rules whose
// findings are not made through a context's report() (files, folders, replay).
#pragma once
#include <string>
#include <string_view>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/rule.h"
#include "analyzer/source/source_file.h"

namespace miglint {

inline Diagnostic finding(const RuleMeta& meta, Span span, std::string message, std::string_view help = {}) {
  Diagnostic d;
  d.rule = meta.id;
  d.severity = meta.severity;
  d.span = std::move(span);
  d.message = std::move(message);
  d.help = help;
  return d;
}

// The same on bytes [begin, end) of a file.
inline Diagnostic finding(const RuleMeta& meta, const SourceFile& file, size_t begin, size_t end, std::string message,
                          std::string_view help = {}) {
  return finding(meta, make_span(file, begin, end), std::move(message), help);
}

}  // namespace miglint
