// The default format: a code frame per finding, as rustc and ruff print them.
#include <fmt/format.h>

#include <map>
#include <optional>

#include "analyzer/diag/fixes.h"
#include "analyzer/output/links.h"
#include "analyzer/output/output.h"
#include "analyzer/source/source_file.h"

namespace miglint {
namespace {

// Appends text, in the given SGR colour when colour is on.
struct Style {
  bool on;
  void put(std::string& out, std::string_view code, std::string_view text) const {
    if (!on) {
      out += text;
      return;
    }
    out += "\x1b[";
    out += code;
    out += 'm';
    out += text;
    out += "\x1b[0m";
  }
  std::string operator()(std::string_view code, std::string_view text) const {
    std::string out;
    put(out, code, text);
    return out;
  }
  void fill(std::string& out, std::string_view code, size_t n, char c) const {
    if (on) out.append("\x1b[").append(code).append("m");
    out.append(n, c);
    if (on) out += "\x1b[0m";
  }
};

// The start of a line under a finding: "  = label: ".
void label(std::string& out, const Style& st, std::string_view name) {
  out += "  ";
  st.put(out, "1;34", "=");
  out += ' ';
  st.put(out, "1", name);
  out += ": ";
}

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::Error: return "1;31";
    case Severity::Warning: return "1;33";
    case Severity::Info: return "1;36";
  }
  return "1";
}

// Tabs become spaces so the caret line lines up.
void append_expanded(std::string& out, std::string_view line) {
  for (char c : line) {
    if (c == '\t') out.append(4, ' ');
    else out += c;
  }
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

// "<gutter> | " in the frame colour.
void bar(std::string& out, size_t gutter, const Style& st) {
  out.append(gutter, ' ');
  out += ' ';
  st.put(out, "1;34", "|");
}

void frame(std::string& out, const SourceFile& src, const Span& span, const Style& st, std::string_view color) {
  const uint32_t first = span.start.line;
  // Long spans show their first lines only.
  const uint32_t last = std::min(span.stop.line, first + 3);
  const size_t gutter = fmt::formatted_size("{}", last);
  bar(out, gutter, st);
  out += '\n';
  for (uint32_t line = first; line <= last && line <= src.line_count(); ++line) {
    const std::string_view text = src.line_text(line);
    fmt::memory_buffer num;
    fmt::format_to(std::back_inserter(num), "{:>{}}", line, gutter);
    st.put(out, "1;34", std::string_view(num.data(), num.size()));
    out += ' ';
    st.put(out, "1;34", "|");
    out += ' ';
    append_expanded(out, text);
    out += '\n';
    const size_t ls = src.line_start(line);
    const size_t b = line == first ? span.begin - ls : 0;
    size_t e = line == span.stop.line ? span.end - ls : text.size();
    e = std::min(e, text.size());
    if (line == span.stop.line && span.end == span.begin) e = b;
    const size_t pad = display_width(text.substr(0, std::min(b, text.size())));
    const size_t width = e > b ? display_width(text.substr(b, e - b)) : 1;
    if (line == span.stop.line || e > b) {
      bar(out, gutter, st);
      out += ' ';
      out.append(pad, ' ');
      st.fill(out, color, std::max<size_t>(width, 1), '^');
      out += '\n';
    }
  }
  if (span.stop.line > last) {
    bar(out, gutter, st);
    out += " ...\n";
  }
}

// The fix's edits as the hunks of a unified diff (the path is the
// finding's), indented under the finding.
void fix_diff(std::string& out, const SourceFile& src, const Fix& fix, const Style& st) {
  const std::string diff = edits_diff(src.path(), src, compatible_edits({&fix}, src.path()));
  size_t at = diff.find("@@");  // past the ---/+++ header
  while (at != std::string::npos && at < diff.size()) {
    const size_t nl = diff.find('\n', at);
    const std::string_view line = std::string_view(diff).substr(at, (nl == std::string::npos ? diff.size() : nl) - at);
    out += "    ";
    const char mark = line.empty() ? ' ' : line[0];
    if (mark == '+') st.put(out, "32", line);
    else if (mark == '-') st.put(out, "31", line);
    else if (mark == '@') st.put(out, "36", line);
    else out += line;
    out += '\n';
    at = nl == std::string::npos ? nl : nl + 1;
  }
}

}  // namespace

void write_human(std::ostream& out, const AnalysisResult& result, const OutputOptions& options) {
  const Style st{options.color};
  std::map<std::string, const SourceFile*, std::less<>> sources;
  for (const auto& fa : result.folders)
    for (const auto& f : fa.files) sources[f->source->path()] = f->source.get();
  std::optional<SourceFile> archived;
  size_t counts[3] = {0, 0, 0};
  std::string buf, group;
  for (const auto& d : result.diagnostics) {
    counts[static_cast<int>(d.severity)]++;
    if (options.group)
      if (std::string g = options.group(d); g != group) {
        group = std::move(g);
        st.put(buf, "1;4", group);
        buf += "\n\n";
      }
    const auto color = severity_color(d.severity);
    {
      const std::string head = fmt::format("{}[{}]", severity_name(d.severity), d.rule);
      st.put(buf, color, head);
    }
    st.put(buf, "1", ":");
    buf += ' ';
    st.put(buf, "1", d.message);
    buf += "\n  ";
    st.put(buf, "1;34", "-->");
    fmt::format_to(std::back_inserter(buf), " {}:{}:{}\n", d.span.path, d.span.start.line, d.span.start.column);
    const SourceFile* src = nullptr;
    if (const auto it = sources.find(d.span.path); it != sources.end()) {
      src = it->second;
    } else {
      // A file whose parse was freed: its text is archived (findings come
      // file by file, so each is read back once).
      if (!archived || archived->path() != d.span.path)
        if (auto text = result.texts.text(d.span.path)) archived.emplace(d.span.path, std::move(*text));
      if (archived && archived->path() == d.span.path) src = &*archived;
    }
    if (src && src->size() > 0) frame(buf, *src, d.span, st, color);
    if (!d.help.empty()) {
      label(buf, st, "help");
      buf += d.help;
      buf += '\n';
    }
    for (const auto& n : d.notes) {
      label(buf, st, "note");
      fmt::format_to(std::back_inserter(buf), "{}:{}:{}: {}\n", n.span.path, n.span.start.line, n.span.start.column,
                     n.message);
    }
    if (d.fix) {
      label(buf, st, "fix");
      buf += d.fix->description;
      buf += d.fix->safety == FixSafety::Safe ? " (safe: `check --fix` applies it)"
                                              : " (unsafe: `check --fix --unsafe-fixes` applies it)";
      buf += '\n';
      if (src) fix_diff(buf, *src, *d.fix, st);
    }
    // The rule's page, a hyperlink where colour is on.
    label(buf, st, "docs");
    const std::string url = rule_doc_url(d.rule);
    buf += st.on ? terminal_link(url, url) : url;
    buf += '\n';
    buf += '\n';
    if (buf.size() > (1u << 16)) {
      out << buf;
      buf.clear();
    }
  }
  const auto plural = [](size_t n, std::string_view w) { return fmt::format("{} {}{}", n, w, n == 1 ? "" : "s"); };
  if (result.diagnostics.empty()) {
    buf += st("1;32", fmt::format("No findings in {} ({}).", plural(result.files, "file"),
                                  plural(result.migrations, "migration")));
  } else {
    buf += fmt::format("Found {}, {}, {} in {} ({}).", st("1;31", plural(counts[2], "error")),
                       st("1;33", plural(counts[1], "warning")), plural(counts[0], "info"),
                       plural(result.files, "file"), plural(result.migrations, "migration"));
  }
  out << buf << '\n';
}

}  // namespace miglint
