// GitHub Actions workflow commands: one annotation per finding.
#include "analyzer/output/links.h"
#include "analyzer/output/output.h"

namespace miglint {

namespace {

std::string escape_data(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (const char c : escape_data(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view command(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "notice";
}

}  // namespace

void write_github(std::ostream& out, const AnalysisResult& result) {
  for (const auto& d : result.diagnostics) {
    std::string text = d.message;
    if (!d.help.empty()) text += "\nhelp: " + d.help;
    for (const auto& n : d.notes)
      text += "\nnote: " + n.span.path + ":" + std::to_string(n.span.start.line) + ":" +
              std::to_string(n.span.start.column) + ": " + n.message;
    text.append("\n").append(rule_doc_url(d.rule));
    out << "::" << command(d.severity) << " file=" << escape_property(valid_utf8(d.span.path))
        << ",line=" << d.span.start.line << ",col=" << d.span.start.column << ",endLine=" << d.span.stop.line
        << ",endColumn=" << d.span.stop.column << ",title=" << escape_property("miglint " + d.rule)
        << "::" << escape_data(valid_utf8(text)) << '\n';
  }
}

}  // namespace miglint
