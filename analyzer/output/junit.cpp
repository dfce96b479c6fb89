// JUnit XML: a testsuite per file, a failing testcase per finding, one passing
// testcase for a clean file (CI dashboards then count files, not just failures).
#include <map>

#include "analyzer/output/links.h"
#include "analyzer/output/output.h"
#include "analyzer/output/report_sources.h"

namespace miglint {

namespace {

// XML 1.0 text and attribute escaping; control characters XML cannot carry
// become U+FFFD.
std::string xml(std::string_view raw) {
  const std::string s = valid_utf8(raw);
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (c < 0x20) out += "\xEF\xBF\xBD";
        else out += ch;
    }
  }
  return out;
}

std::string location(const Span& s) {
  return s.path + ":" + std::to_string(s.start.line) + ":" + std::to_string(s.start.column);
}

}  // namespace

void write_junit(std::ostream& out, const AnalysisResult& result) {
  const ReportSources sources(result);
  FileFindings files(result, sources);
  const size_t tests = result.diagnostics.size() + files.files_without_findings();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"miglint\" tests=\"" << tests << "\" failures=\"" << result.diagnostics.size()
      << "\" errors=\"0\">\n";
  // One file's findings at a time: a large folder has hundreds of thousands.
  std::string path;
  std::vector<Diagnostic> diags;
  while (files.next(path, diags)) {
    out << "  <testsuite name=\"" << xml(path) << "\" tests=\"" << (diags.empty() ? 1 : diags.size())
        << "\" failures=\"" << diags.size() << "\" errors=\"0\" skipped=\"0\">\n";
    if (diags.empty())
      out << "    <testcase name=\"miglint\" classname=\"" << xml(path) << "\" file=\"" << xml(path) << "\"/>\n";
    for (const Diagnostic& d : diags) {
      std::string body = location(d.span) + ": " + std::string(severity_name(d.severity)) + ": " + d.message + " [" +
                         d.rule + "]";
      if (!d.help.empty()) body += "\nhelp: " + d.help;
      for (const auto& n : d.notes) body += "\nnote: " + location(n.span) + ": " + n.message;
      body.append("\n").append(rule_doc_url(d.rule));
      out << "    <testcase name=\""
          << xml(d.rule + " at line " + std::to_string(d.span.start.line) + ", column " +
                 std::to_string(d.span.start.column))
          << "\" classname=\"" << xml(path) << "\" file=\"" << xml(path) << "\" line=\"" << d.span.start.line
          << "\">\n";
      out << "      <failure message=\"" << xml(d.message) << "\" type=\""
          << xml(std::string(severity_name(d.severity))) << "\">" << xml(body) << "</failure>\n";
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace miglint
