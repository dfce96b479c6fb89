// The audit report as terminal tables (human) and as Markdown.
#include <fmt/format.h>

#include <map>
#include <vector>

#include "analyzer/output/output.h"
#include "analyzer/report/audit.h"

namespace miglint::report {

namespace {

// Code points, which is how wide a line of ordinary text is on a terminal.
size_t width(std::string_view s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

// Lines of at most `max` columns, broken after ", " or a space (a word
// longer than a line gets a line of its own): nothing is cut off.
std::string wrap(std::string_view s, size_t max) {
  std::string out, line;
  size_t at = 0;
  while (at < s.size()) {
    size_t end = s.find(' ', at);
    end = end == std::string_view::npos ? s.size() : end + 1;
    const std::string_view word = s.substr(at, end - at);
    if (!line.empty() && width(line) + width(word) > max + (word.back() == ' ' ? 1 : 0)) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + '\n';
      line.clear();
    }
    line += word;
    at = end;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return out + line;
}

// Control characters would move the cursor or recolour the terminal.
std::string printable(std::string_view raw) {
  const std::string s = valid_utf8(raw);
  std::string out;
  for (char ch : s) out += static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f ? ' ' : ch;
  return out;
}

struct Style {
  bool on;
  std::string operator()(std::string_view code, std::string_view text) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

std::string_view verdict_color(RoundTrip v) {
  switch (v) {
    case RoundTrip::Restores: return "32";
    case RoundTrip::DoesNotRestore:
    case RoundTrip::DownFails: return "1;31";
    case RoundTrip::NoDown: return "33";
    case RoundTrip::NotChecked: return "2";
  }
  return "0";
}

std::string_view severity_color(Severity s) {
  return s == Severity::Error ? "1;31" : s == Severity::Warning ? "1;33" : "1;36";
}

std::string verdict_text(const AuditMigration& m) {
  std::string v(round_trip_name(m.round_trip));
  if (m.round_trip == RoundTrip::NotChecked && !m.why.empty()) v += " (" + m.why + ")";
  return v;
}

// A table with left-aligned text columns and right-aligned number columns;
// `paint` colours a cell after it has been padded so widths stay right.
struct Table {
  std::vector<std::string> head;
  std::vector<bool> right;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<std::string>> colors;

  // A cell may hold several lines (wrapped text): the row is as tall as
  // its tallest cell.
  void print(std::ostream& out, const Style& st) const {
    const auto lines = [](const std::string& cell) {
      std::vector<std::string> ls;
      size_t at = 0;
      for (size_t nl; (nl = cell.find('\n', at)) != std::string::npos; at = nl + 1)
        ls.push_back(cell.substr(at, nl - at));
      ls.push_back(cell.substr(at));
      return ls;
    };
    std::vector<size_t> w(head.size());
    for (size_t c = 0; c < head.size(); ++c) w[c] = width(head[c]);
    for (const auto& r : rows)
      for (size_t c = 0; c < r.size(); ++c)
        for (const auto& l : lines(r[c])) w[c] = std::max(w[c], width(l));
    auto pad = [&](const std::string& s, size_t c) {
      const std::string fill(w[c] - width(s), ' ');
      return right[c] ? fill + s : (c + 1 == head.size() ? s : s + fill);
    };
    std::string line;
    for (size_t c = 0; c < head.size(); ++c) line += "  " + pad(head[c], c);
    out << st("1", line) << '\n';
    for (size_t i = 0; i < rows.size(); ++i) {
      std::vector<std::vector<std::string>> cells;
      size_t height = 1;
      for (const auto& cell : rows[i]) height = std::max(height, cells.emplace_back(lines(cell)).size());
      for (size_t k = 0; k < height; ++k) {
        std::string text;
        for (size_t c = 0; c < head.size(); ++c) {
          const std::string cell = pad(k < cells[c].size() ? cells[c][k] : std::string(), c);
          const std::string& color = colors.empty() ? std::string() : colors[i][c];
          text += "  " + (color.empty() ? cell : st(color, cell));
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out << text << '\n';
      }
    }
  }
};

}  // namespace

// Summary tables first, then the migrations, then the findings grouped by
// migration: what a reader wants first is on the first screen.
void write_audit_human(std::ostream& out, const AnalysisResult& result, const AuditReport& rep, bool color) {
  const Style st{color};
  out << st("1", "miglint audit") << ": " << plural(rep.migrations, "migration", "migrations") << ", "
      << plural(rep.files, "file", "files") << "; " << plural(rep.errors, "error", "errors") << ", "
      << plural(rep.warnings, "warning", "warnings") << ", " << plural(rep.infos, "info", "infos") << "\n";

  out << '\n' << st("1", "Round trip") << " (does each down undo its up?)\n";
  Table rt{{"VERDICT", "MIGRATIONS", "MEANING"}, {false, true, false}, {}, {}};
  for (size_t v = 0; v < 5; ++v) {
    const auto verdict = static_cast<RoundTrip>(v);
    rt.rows.push_back({std::string(round_trip_name(verdict)), std::to_string(rep.verdict_counts[v]),
                       std::string(round_trip_meaning(verdict))});
    rt.colors.push_back({rep.verdict_counts[v] ? std::string(verdict_color(verdict)) : "", "", ""});
  }
  rt.print(out, st);

  if (!rep.not_restoring.empty()) {
    out << '\n' << st("1", "Downs that do not restore the schema") << '\n';
    Table nr{{"VERSION", "NAME", "FILE", "ROUND TRIP"}, {false, false, false, false}, {}, {}};
    for (size_t i : rep.not_restoring) {
      const auto& m = rep.table[i];
      nr.rows.push_back({printable(m.version), wrap(printable(m.name), 40), printable(m.down_path),
                         std::string(round_trip_name(m.round_trip))});
      nr.colors.push_back({"", "", "", std::string(verdict_color(m.round_trip))});
    }
    nr.print(out, st);
  }
  if (!rep.rules.empty()) {
    out << '\n' << st("1", "Findings per rule") << '\n';
    Table r{{"RULE", "SEVERITY", "COUNT"}, {false, false, true}, {}, {}};
    for (const auto& rc : rep.rules) {
      r.rows.push_back({rc.rule, std::string(severity_name(rc.severity)), std::to_string(rc.count)});
      r.colors.push_back({"", std::string(severity_color(rc.severity)), ""});
    }
    r.print(out, st);
  }
  if (!rep.top_offenders.empty()) {
    out << '\n' << st("1", "Top offenders") << '\n';
    Table f{{"FILE", "ERRORS", "WARNINGS", "INFOS", "TOTAL"}, {false, true, true, true, true}, {}, {}};
    for (const auto& fc : rep.top_offenders)
      f.rows.push_back({printable(fc.path), std::to_string(fc.errors), std::to_string(fc.warnings),
                        std::to_string(fc.infos), std::to_string(fc.total())});
    f.print(out, st);
  }

  std::string folder;
  Table t{{"VERSION", "NAME", "EFFECTS", "ROUND TRIP", "FINDINGS"}, {false, false, false, false, true}, {}, {}};
  auto flush = [&]() {
    out << '\n' << st("1", "Migrations in " + printable(folder)) << '\n';
    t.print(out, st);
    t.rows.clear();
    t.colors.clear();
  };
  for (const auto& m : rep.table) {
    if (m.folder != folder && !t.rows.empty()) flush();
    folder = m.folder;
    t.rows.push_back({printable(m.version), wrap(printable(m.name), 40),
                      wrap(printable(m.summary.empty() ? "-" : m.summary), 60), wrap(printable(verdict_text(m)), 30),
                      std::to_string(m.findings)});
    t.colors.push_back({"", "", "", std::string(verdict_color(m.round_trip)), m.findings ? "1" : ""});
  }
  if (!t.rows.empty()) flush();

  // The findings, under a heading per migration (a file outside every
  // migration under its own path).
  std::map<std::string, std::string, std::less<>> heading;
  for (const auto& m : rep.table) {
    const std::string h = printable(m.version + " " + m.name);
    heading.emplace(m.path.str(), h);
    if (!m.down_path.empty()) heading.emplace(m.down_path.str(), h);
  }
  if (!result.diagnostics.empty()) out << '\n' << st("1", "Findings by migration") << "\n\n";
  OutputOptions oo;
  oo.color = color;
  oo.group = [&heading](const Diagnostic& d) {
    const auto it = heading.find(d.span.path.str());
    return it != heading.end() ? it->second : printable(d.span.path.str());
  };
  write_human(out, result, oo);
}

std::string markdown_cell(std::string_view raw) {
  const std::string s = valid_utf8(raw);
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '|': out += "\\|"; break;
      case '\\': out += "\\\\"; break;
      case '`': out += "\\`"; break;
      case '*': out += "\\*"; break;
      case '_': out += "\\_"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '[': out += "\\["; break;
      case ']': out += "\\]"; break;
      case '\r':
      case '\n':
      case '\t': out += ' '; break;
      default: out += static_cast<unsigned char>(ch) < 0x20 ? ' ' : ch;
    }
  }
  return out;
}

void write_audit_markdown(std::ostream& out, const AnalysisResult& result, const AuditReport& rep) {
  out << "# miglint audit\n\n"
      << fmt::format("**{}**, {}: **{}**, {}, {}.\n", plural(rep.migrations, "migration", "migrations"),
                     plural(rep.files, "file", "files"), plural(rep.errors, "error", "errors"),
                     plural(rep.warnings, "warning", "warnings"), plural(rep.infos, "info", "infos"));
  out << "\n| Round trip | Migrations | Meaning |\n|---|---:|---|\n";
  for (size_t v = 0; v < 5; ++v)
    out << "| " << round_trip_name(static_cast<RoundTrip>(v)) << " | " << rep.verdict_counts[v] << " | "
        << markdown_cell(round_trip_meaning(static_cast<RoundTrip>(v))) << " |\n";

  std::string folder;
  bool open = false;
  for (const auto& m : rep.table) {
    if (!open || m.folder != folder) {
      folder = m.folder;
      open = true;
      out << "\n## Migrations in `" << markdown_cell(folder) << "`\n\n"
          << "| Version | Name | Effects | Round trip | Findings |\n|---|---|---|---|---:|\n";
    }
    out << "| " << markdown_cell(m.version) << " | " << markdown_cell(m.name) << " | "
        << markdown_cell(m.summary.empty() ? "–" : m.summary) << " | " << markdown_cell(verdict_text(m)) << " | "
        << m.findings << " |\n";
  }

  out << "\n## Downs that do not restore the schema\n\n";
  if (rep.not_restoring.empty()) {
    out << "None.\n";
  } else {
    out << "| Version | Name | File | Round trip |\n|---|---|---|---|\n";
    for (size_t i : rep.not_restoring) {
      const auto& m = rep.table[i];
      out << "| " << markdown_cell(m.version) << " | " << markdown_cell(m.name) << " | " << markdown_cell(m.down_path)
          << " | " << round_trip_name(m.round_trip) << " |\n";
    }
  }

  out << "\n## Findings per rule\n\n";
  if (rep.rules.empty()) {
    out << "None.\n";
  } else {
    out << "| Rule | Severity | Count |\n|---|---|---:|\n";
    for (const auto& rc : rep.rules)
      out << "| " << markdown_cell(rc.rule) << " | " << severity_name(rc.severity) << " | " << rc.count << " |\n";
  }

  out << "\n## Top offenders\n\n";
  if (rep.top_offenders.empty()) {
    out << "None.\n";
  } else {
    out << "| File | Errors | Warnings | Infos | Total |\n|---|---:|---:|---:|---:|\n";
    for (const auto& fc : rep.top_offenders)
      out << "| " << markdown_cell(fc.path) << " | " << fc.errors << " | " << fc.warnings << " | " << fc.infos << " | "
          << fc.total() << " |\n";
  }

  out << "\n## Findings\n\n";
  if (result.diagnostics.empty()) {
    out << "None.\n";
  } else {
    out << "| Location | Severity | Rule | Message |\n|---|---|---|---|\n";
    for (const auto& d : result.diagnostics) {
      out << "| " << markdown_cell(fmt::format("{}:{}:{}", d.span.path, d.span.start.line, d.span.start.column))
          << " | " << severity_name(d.severity) << " | " << markdown_cell(d.rule) << " | " << markdown_cell(d.message);
      // Notes carry what a long finding details (each difference of a down).
      for (const auto& n : d.notes)
        out << "<br>note: "
            << markdown_cell(
                   fmt::format("{}:{}:{}: {}", n.span.path, n.span.start.line, n.span.start.column, n.message));
      out << " |\n";
    }
  }
}

}  // namespace miglint::report
