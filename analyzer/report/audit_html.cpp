// The audit report as one self-contained HTML page: inline CSS, an inline
// SVG summary chart, no scripts or external assets, every text escaped.
#include <fmt/format.h>

#include <sstream>

#include "analyzer/report/audit.h"

namespace miglint::report {

std::string html_escape(std::string_view raw) {
  const std::string s = valid_utf8(raw);
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters are not allowed in HTML text.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') out += ' ';
        else out += ch;
    }
  }
  return out;
}

namespace {

constexpr std::string_view kCss =
    R"(body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1f2328;background:#fff}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}code{font:12px ui-monospace,monospace}
.restores{color:#1a7f37}.does-not-restore,.down-fails,.error{color:#cf222e;font-weight:600}.no-down,.warning{color:#9a6700}.not-checked{color:#6e7781}.info{color:#0969da}
.summary{color:#57606a}details{margin:.4em 0}summary{cursor:pointer}svg text{font:12px system-ui,sans-serif;fill:#1f2328}
.legend{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.5em 0}.legend dd{margin:0;color:#57606a}
svg{max-width:100%;height:auto}.scroll{overflow-x:auto}.nw{white-space:nowrap}td.w,td.e{overflow-wrap:anywhere}table.m{table-layout:fixed}
@media (max-width:700px){.scroll table{min-width:42em}.scroll table.m{min-width:58em}}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th{background:#161b22}th,td{border-color:#30363d}svg text{fill:#e6edf3}}
)";

constexpr std::string_view kVerdictColors[5] = {"#2da44e", "#cf222e", "#8250df", "#bf8700", "#8c959f"};
constexpr std::string_view kSeverityColors[3] = {"#0969da", "#bf8700", "#cf222e"};  // info, warning, error

std::string css_class(RoundTrip v) {
  std::string s(round_trip_name(v));
  for (char& c : s)
    if (c == ' ') c = '-';
  return s;
}

// Horizontal bars: round-trip verdicts, then findings by severity. Integer
// geometry only, so the page is the same bytes on every machine.
void chart(std::ostream& out, const AuditReport& rep) {
  struct Bar {
    std::string label;
    size_t value;
    std::string_view color;
  };
  std::vector<Bar> bars;
  for (size_t v = 0; v < 5; ++v)
    bars.push_back({std::string(round_trip_name(static_cast<RoundTrip>(v))), rep.verdict_counts[v], kVerdictColors[v]});
  bars.push_back({"errors", rep.errors, kSeverityColors[2]});
  bars.push_back({"warnings", rep.warnings, kSeverityColors[1]});
  bars.push_back({"infos", rep.infos, kSeverityColors[0]});
  size_t max = 1;
  for (const auto& b : bars) max = std::max(max, b.value);
  constexpr int kLabel = 130, kBar = 420, kRow = 24, kGap = 16;
  const int height = static_cast<int>(bars.size()) * kRow + kGap + 8;
  out << fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"round-trip verdicts and findings by severity\">\n",
      kLabel + kBar + 80, height);
  int y = 4;
  for (size_t i = 0; i < bars.size(); ++i) {
    if (i == 5) y += kGap;  // separates verdicts from severities
    const auto& b = bars[i];
    const size_t w = b.value == 0 ? 0 : std::max<size_t>(2, b.value * kBar / max);
    out << fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", kLabel - 8, y + 15,
                       html_escape(b.label))
        << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\"/>", kLabel, y + 3, w,
                       kRow - 6, b.color)
        << fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", kLabel + static_cast<int>(w) + 6, y + 15, b.value);
    y += kRow;
  }
  out << "</svg>\n";
}

}  // namespace

void write_audit_html(std::ostream& out, const AnalysisResult& result, const AuditReport& rep) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>miglint audit</title>\n<style>\n"
      << kCss << "</style>\n</head>\n<body>\n<h1>miglint audit</h1>\n"
      << fmt::format("<p class=\"summary\">{}, {}: {}, {}, {}.</p>\n",
                     plural(rep.migrations, "migration", "migrations"), plural(rep.files, "file", "files"),
                     plural(rep.errors, "error", "errors"), plural(rep.warnings, "warning", "warnings"),
                     plural(rep.infos, "info", "infos"));
  chart(out, rep);
  // What each verdict means.
  out << "<dl class=\"legend\">\n";
  for (size_t v = 0; v < 5; ++v) {
    const auto verdict = static_cast<RoundTrip>(v);
    out << "<dt class=\"" << css_class(verdict) << "\">" << round_trip_name(verdict) << "</dt><dd>"
        << html_escape(round_trip_meaning(verdict)) << "</dd>\n";
  }
  out << "</dl>\n";

  std::string folder;
  bool open = false;
  for (const auto& m : rep.table) {
    if (!open || m.folder != folder) {
      if (open) out << "</tbody></table></div>\n";
      folder = m.folder;
      open = true;
      out << "<h2>Migrations in <code>" << html_escape(folder) << "</code></h2>\n"
          << "<div class=\"scroll\"><table class=\"m\"><colgroup><col style=\"width:12em\"><col style=\"width:24%\">"
             "<col><col style=\"width:10.5em\"><col style=\"width:6em\"></colgroup>"
             "<thead><tr><th>Version</th><th>Name</th><th>Effects</th><th>Round trip</th><th>Findings</th>"
             "</tr></thead><tbody>\n";
    }
    std::string verdict(round_trip_name(m.round_trip));
    if (m.round_trip == RoundTrip::NotChecked && !m.why.empty()) verdict += " (" + m.why + ")";
    // A version or a verdict is never broken across lines; a long reason is.
    out << "<tr><td class=\"nw\"><code>" << html_escape(m.version) << "</code></td><td class=\"w\">"
        << html_escape(m.name) << "</td><td class=\"e\">" << html_escape(m.summary) << "</td><td class=\""
        << css_class(m.round_trip) << (m.why.empty() ? " nw" : "") << "\">" << html_escape(verdict)
        << "</td><td class=\"n\">" << m.findings << "</td></tr>\n";
  }
  if (open) out << "</tbody></table></div>\n";

  out << "<h2>Downs that do not restore the schema</h2>\n";
  if (rep.not_restoring.empty()) {
    out << "<p>None.</p>\n";
  } else {
    out << "<div class=\"scroll\"><table><thead><tr><th>Version</th><th>Name</th><th>File</th><th>Round "
           "trip</th></tr></thead><tbody>\n";
    for (size_t i : rep.not_restoring) {
      const auto& m = rep.table[i];
      out << "<tr><td class=\"nw\"><code>" << html_escape(m.version) << "</code></td><td class=\"w\">"
          << html_escape(m.name) << "</td><td class=\"w\"><code>" << html_escape(m.down_path)
          << "</code></td><td class=\"nw " << css_class(m.round_trip) << "\">" << round_trip_name(m.round_trip)
          << "</td></tr>\n";
    }
    out << "</tbody></table></div>\n";
  }

  out << "<h2>Findings per rule</h2>\n";
  if (rep.rules.empty()) {
    out << "<p>None.</p>\n";
  } else {
    out << "<div class=\"scroll\"><table><thead><tr><th>Rule</th><th>Severity</th><th>Count</th></tr></thead><tbody>\n";
    for (const auto& rc : rep.rules)
      out << "<tr><td><code>" << html_escape(rc.rule) << "</code></td><td class=\"" << severity_name(rc.severity)
          << "\">" << severity_name(rc.severity) << "</td><td class=\"n\">" << rc.count << "</td></tr>\n";
    out << "</tbody></table></div>\n";
  }

  out << "<h2>Top offenders</h2>\n";
  if (rep.top_offenders.empty()) {
    out << "<p>None.</p>\n";
  } else {
    out << "<div "
           "class=\"scroll\"><table><thead><tr><th>File</th><th>Errors</th><th>Warnings</th><th>Infos</th><th>Total</"
           "th></tr>"
           "</thead><tbody>\n";
    for (const auto& fc : rep.top_offenders)
      out << "<tr><td><code>" << html_escape(fc.path) << "</code></td><td class=\"n\">" << fc.errors
          << "</td><td class=\"n\">" << fc.warnings << "</td><td class=\"n\">" << fc.infos << "</td><td class=\"n\">"
          << fc.total() << "</td></tr>\n";
    out << "</tbody></table></div>\n";
  }

  // One collapsible section per file (a large folder has tens of thousands
  // of findings); open when the whole report is short enough to read as is.
  out << "<h2>Findings</h2>\n";
  const auto& diags = result.diagnostics;
  if (diags.empty()) out << "<p>None.</p>\n";
  const bool open_all = diags.size() <= 200;
  for (auto i = diags.begin(); i != diags.end();) {
    auto end = i;
    size_t counts[3] = {0, 0, 0};  // info, warning, error
    while (end != diags.end() && end->span.path == i->span.path) ++counts[static_cast<size_t>((end++)->severity)];
    std::string tally;
    for (const Severity sev : {Severity::Error, Severity::Warning, Severity::Info}) {
      const size_t n = counts[static_cast<size_t>(sev)];
      if (n == 0) continue;
      if (!tally.empty()) tally += ", ";
      tally += fmt::format("<span class=\"{}\">{} {}{}</span>", severity_name(sev), n, severity_name(sev),
                           n == 1 ? "" : "s");
    }
    out << (open_all ? "<details open>" : "<details>") << "<summary><code>" << html_escape(i->span.path)
        << "</code>: " << tally << "</summary>\n"
        << "<div "
           "class=\"scroll\"><table><thead><tr><th>Line</th><th>Severity</th><th>Rule</th><th>Message</th></tr></"
           "thead><tbody>\n";
    for (; i != end; ++i) {
      const Diagnostic& d = *i;
      out << "<tr><td class=\"n\"><code>" << d.span.start.line << ':' << d.span.start.column
          << "</code></td><td class=\"" << severity_name(d.severity) << "\">" << severity_name(d.severity)
          << "</td><td><code>" << html_escape(d.rule) << "</code></td><td>" << html_escape(d.message);
      if (!d.help.empty()) out << "<br><span class=\"summary\">" << html_escape(d.help) << "</span>";
      for (const auto& n : d.notes)
        out << "<br><span class=\"summary\">note: <code>"
            << html_escape(fmt::format("{}:{}:{}", n.span.path, n.span.start.line, n.span.start.column))
            << "</code>: " << html_escape(n.message) << "</span>";
      out << "</td></tr>\n";
    }
    out << "</tbody></table></div></details>\n";
  }
  out << "</body>\n</html>\n";
}

}  // namespace miglint::report
