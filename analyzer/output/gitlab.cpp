// GitLab Code Quality report: a JSON array of issues with stable fingerprints.
#include <nlohmann/json.hpp>

#include "analyzer/output/json_stream.h"
#include "analyzer/output/links.h"
#include "analyzer/output/output.h"
#include "analyzer/output/report_sources.h"

namespace miglint {

namespace {
std::string_view gitlab_severity(const Diagnostic& d) {
  // A file PostgreSQL cannot even parse blocks the migration outright.
  if (d.rule == "syntax-error" || d.rule == "invalid-utf8") return "blocker";
  switch (d.severity) {
    case Severity::Error: return "critical";
    case Severity::Warning: return "major";
    case Severity::Info: return "info";
  }
  return "info";
}
}  // namespace

void write_gitlab(std::ostream& out, const AnalysisResult& result) {
  using ojson = nlohmann::ordered_json;
  const ReportSources sources(result);
  Fingerprints prints(sources);
  auto next = result.diagnostics.begin();  // asked for in order, as compressed findings are read
  const auto issue_json = [&](size_t) {
    const auto at = next++;  // holds the block `d` is read from
    const Diagnostic& d = *at;
    std::string text = d.message;
    if (!d.help.empty()) text += " (help: " + d.help + ")";
    const ojson issue = {
        {"type", "issue"},
        {"description", valid_utf8(text)},
        {"check_name", d.rule},
        {"fingerprint", prints.next(d)},
        {"severity", gitlab_severity(d)},
        {"categories", {"Bug Risk"}},
        // Code Climate's place for more on an issue (Markdown): the rule's page.
        {"content", {{"body", "[" + d.rule + "](" + rule_doc_url(d.rule) + ")"}}},
        {"location",
         {{"path", valid_utf8(d.span.path)}, {"lines", {{"begin", d.span.start.line}, {"end", d.span.stop.line}}}}}};
    return json_text(issue);
  };
  // One issue at a time: a large folder has hundreds of thousands.
  write_json_streamed(out, json_text(ojson(json_slot("issues"))), {{"issues", result.diagnostics.size(), issue_json}});
  out << '\n';
}

}  // namespace miglint
