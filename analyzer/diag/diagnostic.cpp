#include "analyzer/diag/diagnostic.h"

#include <tuple>

namespace miglint {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "info") return Severity::Info;
  if (s == "warning") return Severity::Warning;
  if (s == "error") return Severity::Error;
  return std::nullopt;
}

Span make_span(const SourceFile& file, size_t begin, size_t end) {
  if (end < begin) end = begin;
  Span s;
  s.path = file.path();
  s.begin = std::min(begin, file.size());
  s.end = std::min(end, file.size());
  s.start = file.position(s.begin);
  s.stop = file.position(s.end);
  return s;
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.span.path, a.span.begin, a.span.end, a.rule, a.message) <
         std::tie(b.span.path, b.span.begin, b.span.end, b.rule, b.message);
}

}  // namespace miglint
