// The default format: a code frame per finding, as rustc and ruff print them.
#include <fmt/format.h>

#include <map>

#include "analyzer/output/output.h"
#include "analyzer/source/source_file.h"

namespace miglint {
namespace {

struct Style {
  bool on;
  std::string operator()(std::string_view code, std::string_view text) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::Error: return "1;31";
    case Severity::Warning: return "1;33";
    case Severity::Info: return "1;36";
  }
  return "1";
}

// Tabs become spaces so the caret line lines up.
std::string expand(std::string_view line) {
  std::string out;
  for (char c : line) out += c == '\t' ? std::string("    ") : std::string(1, c);
  return out;
}

size_t display_width(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_sequence_length(s, i);
    w += s[i] == '\t' ? 4 : 1;
    i += n == 0 ? 1 : n;
  }
  return w;
}

void frame(std::string& out, const SourceFile& src, const Span& span, const Style& st, std::string_view color) {
  const uint32_t first = span.start.line;
  // Long spans show their first lines only.
  const uint32_t last = std::min(span.stop.line, first + 3);
  const size_t gutter = fmt::format("{}", last).size();
  out += fmt::format("{} {}\n", std::string(gutter, ' '), st("1;34", "|"));
  for (uint32_t line = first; line <= last && line <= src.line_count(); ++line) {
    const std::string_view text = src.line_text(line);
    out += fmt::format("{} {} {}\n", st("1;34", fmt::format("{:>{}}", line, gutter)), st("1;34", "|"), expand(text));
    const size_t ls = src.line_start(line);
    const size_t b = line == first ? span.begin - ls : 0;
    size_t e = line == span.stop.line ? span.end - ls : text.size();
    e = std::min(e, text.size());
    if (line == span.stop.line && span.end == span.begin) e = b;
    const size_t pad = display_width(text.substr(0, std::min(b, text.size())));
    const size_t width = e > b ? display_width(text.substr(b, e - b)) : 1;
    if (line == span.stop.line || e > b)
      out += fmt::format("{} {} {}{}\n", std::string(gutter, ' '), st("1;34", "|"), std::string(pad, ' '),
                         st(color, std::string(std::max<size_t>(width, 1), '^')));
  }
  if (span.stop.line > last) out += fmt::format("{} {} ...\n", std::string(gutter, ' '), st("1;34", "|"));
}

}  // namespace

void write_human(std::ostream& out, const AnalysisResult& result, const OutputOptions& options) {
  const Style st{options.color};
  std::map<std::string, const SourceFile*, std::less<>> sources;
  for (const auto& fa : result.folders)
    for (const auto& f : fa.files) sources[f->source->path()] = f->source.get();
  size_t counts[3] = {0, 0, 0};
  std::string buf;
  for (const auto& d : result.diagnostics) {
    counts[static_cast<int>(d.severity)]++;
    const auto color = severity_color(d.severity);
    buf += fmt::format("{}{} {}\n", st(color, fmt::format("{}[{}]", severity_name(d.severity), d.rule)),
                       st("1", ":"), st("1", d.message));
    buf += fmt::format("  {} {}:{}:{}\n", st("1;34", "-->"), d.span.path, d.span.start.line, d.span.start.column);
    const auto it = sources.find(d.span.path);
    if (it != sources.end() && it->second->size() > 0) frame(buf, *it->second, d.span, st, color);
    if (!d.help.empty()) buf += fmt::format("  {} {}: {}\n", st("1;34", "="), st("1", "help"), d.help);
    for (const auto& n : d.notes)
      buf += fmt::format("  {} {}: {}:{}:{}: {}\n", st("1;34", "="), st("1", "note"), n.span.path, n.span.start.line,
                         n.span.start.column, n.message);
    if (d.fix) buf += fmt::format("  {} {}: {}\n", st("1;34", "="), st("1", "fix available"), d.fix->description);
    buf += '\n';
    if (buf.size() > (1u << 16)) {
      out << buf;
      buf.clear();
    }
  }
  const auto plural = [](size_t n, std::string_view w) { return fmt::format("{} {}{}", n, w, n == 1 ? "" : "s"); };
  if (result.diagnostics.empty()) {
    buf += st("1;32", fmt::format("No findings in {} ({}).", plural(result.files, "file"), plural(result.migrations, "migration")));
  } else {
    buf += fmt::format("Found {}, {}, {} in {} ({}).", st("1;31", plural(counts[2], "error")),
                       st("1;33", plural(counts[1], "warning")), plural(counts[0], "info"),
                       plural(result.files, "file"), plural(result.migrations, "migration"));
  }
  out << buf << '\n';
}

}  // namespace miglint
