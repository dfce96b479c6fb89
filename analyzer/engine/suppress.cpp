#include "analyzer/engine/suppress.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace miglint {
namespace {

bool id_char(char c) {
  return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' ||
         c == '_' || std::isupper(static_cast<unsigned char>(c));
}

// Parses the directive inside one comment; false when it is not one.
bool parse_directive(std::string_view text, size_t base, Suppression& s) {
  size_t i = 0;
  if (text.substr(0, 2) == "--") i = 2;
  else if (text.substr(0, 2) == "/*") {
    i = 2;
    if (text.size() >= 4 && text.substr(text.size() - 2) == "*/") text = text.substr(0, text.size() - 2);
  } else {
    return false;
  }
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  constexpr std::string_view kFile = "miglint-ignore-file";
  constexpr std::string_view kNext = "miglint-ignore";
  if (text.substr(i, kFile.size()) == kFile) {
    s.file_wide = true;
    i += kFile.size();
  } else if (text.substr(i, kNext.size()) == kNext) {
    i += kNext.size();
  } else {
    return false;
  }
  if (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != ':') return false;
  // Rule ids up to ':' (the reason follows it).
  while (i < text.size() && text[i] != ':') {
    if (id_char(text[i])) {
      const size_t b = i;
      while (i < text.size() && id_char(text[i])) ++i;
      s.entries.push_back({std::string(text.substr(b, i - b)), base + b, base + i, false});
    } else {
      ++i;
    }
  }
  if (i < text.size()) {
    std::string_view reason = text.substr(i + 1);
    while (!reason.empty() && std::isspace(static_cast<unsigned char>(reason.front()))) reason.remove_prefix(1);
    while (!reason.empty() && std::isspace(static_cast<unsigned char>(reason.back()))) reason.remove_suffix(1);
    s.reason = std::string(reason);
  }
  return true;
}

}  // namespace

std::vector<Suppression> collect_suppressions(const ParsedFile& file) {
  std::vector<Suppression> out;
  if (file.comments.empty()) return out;
  std::vector<ByteRange> targets;
  for (const auto& s : file.statements) targets.push_back({s.begin, s.end});
  for (const auto& f : file.failed) targets.push_back(f);
  std::sort(targets.begin(), targets.end(), [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  const SourceFile& src = *file.source;
  for (const auto& c : file.comments) {
    const std::string_view text = file.comment_text(c);
    if (text.find("miglint-ignore") == std::string_view::npos) continue;
    Suppression s;
    if (!parse_directive(text, c.begin, s)) continue;
    s.comment_begin = c.begin;
    s.comment_end = c.end;
    if (!s.file_wide) {
      const uint32_t line = src.position(c.begin).line;
      for (const auto& t : targets) {
        // A trailing comment on a line the statement occupies covers it.
        if (t.begin < c.begin && src.position(t.begin).line <= line && line <= src.position(t.end).line) {
          s.target_begin = t.begin;
          s.target_end = t.end;
          s.has_target = true;
          break;
        }
        if (t.begin >= c.end) {
          s.target_begin = t.begin;
          s.target_end = t.end;
          s.has_target = true;
          break;
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

// `-- miglint-ignore all`: every rule's findings on the statement (or file).
constexpr std::string_view kEveryRule = "all";

void apply_suppressions(std::vector<Suppression>& sups, const std::string& path, std::vector<Diagnostic>& diags) {
  if (sups.empty()) return;
  std::erase_if(diags, [&](const Diagnostic& d) {
    if (d.span.path != path) return false;
    bool hit = false;
    for (auto& s : sups) {
      if (!s.file_wide && !(s.has_target && d.span.begin >= s.target_begin && d.span.begin <= s.target_end)) continue;
      for (auto& e : s.entries) {
        if (e.rule == d.rule || e.rule == kEveryRule) {
          e.used = true;
          hit = true;
        }
      }
    }
    return hit;
  });
}

std::vector<Diagnostic> suppression_findings(const std::vector<Suppression>& sups, const SourceFile& file,
                                             const std::function<bool(std::string_view)>& known,
                                             const std::function<bool(std::string_view)>& enabled) {
  std::vector<Diagnostic> out;
  for (const auto& s : sups) {
    if (s.entries.empty()) {
      out.push_back(empty_suppression_finding(file, s));
      continue;
    }
    if (lacks_reason(s)) out.push_back(missing_reason_finding(file, s));
    for (const auto& e : s.entries) {
      const bool every = e.rule == kEveryRule;
      if (!every && !known(e.rule)) out.push_back(unknown_rule_finding(file, s, e));
      else if (!e.used && (every || enabled(e.rule))) out.push_back(unused_suppression_finding(file, s, e));
    }
  }
  return out;
}

}  // namespace miglint
