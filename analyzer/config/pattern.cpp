#include "analyzer/config/pattern.h"

#include <re2/re2.h>

namespace miglint {

std::optional<Pattern> Pattern::compile(const std::string& text, std::string* error) {
  RE2::Options options;
  options.set_log_errors(false);  // the caller reports the error where it was written
  auto re = std::make_shared<const RE2>(text, options);
  if (!re->ok()) {
    if (error) *error = re->error();
    return std::nullopt;
  }
  return Pattern(std::move(re));
}

bool Pattern::search(std::string_view s) const { return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re_); }

const std::string& Pattern::text() const { return re_->pattern(); }

namespace {

// The RE2 text of a glob (unanchored); false on an unclosed class.
bool glob_regex(std::string_view g, std::string& re, std::string* error) {
  for (size_t i = 0; i < g.size(); ++i) {
    const char c = g[i];
    if (c == '*' && i + 1 < g.size() && g[i + 1] == '*') {
      ++i;
      if (i + 1 < g.size() && g[i + 1] == '/') {
        re += "(?:.*/)?";  // any number of directories, none included
        ++i;
      } else {
        re += ".*";
      }
    } else if (c == '*') {
      re += "[^/]*";
    } else if (c == '?') {
      re += "[^/]";
    } else if (c == '[') {
      size_t j = i + 1;
      if (j < g.size() && (g[j] == '!' || g[j] == '^')) ++j;
      if (j < g.size() && g[j] == ']') ++j;  // a leading ] is a member
      while (j < g.size() && g[j] != ']') ++j;
      if (j >= g.size()) {
        if (error) *error = "unclosed `[` (write `[[]` for a literal bracket)";
        return false;
      }
      std::string members(g.substr(i + 1, j - i - 1));
      if (!members.empty() && members[0] == '!') members[0] = '^';
      re += '[';
      for (char m : members) re += m == '\\' ? std::string("\\\\") : std::string(1, m);
      re += ']';
      i = j;
    } else {
      re += RE2::QuoteMeta(re2::StringPiece(&g[i], 1));
    }
  }
  return true;
}

}  // namespace

bool PathFilter::add(const std::string& glob, const std::filesystem::path& base, std::string* error) {
  std::string_view g = glob;
  while (g.starts_with("./")) g.remove_prefix(2);
  const bool dir_only = g.size() > 1 && g.ends_with('/');
  if (dir_only) g.remove_suffix(1);
  if (g.empty()) {
    if (error) *error = "an empty glob excludes nothing";
    return false;
  }
  const bool by_name = g.find('/') == std::string_view::npos;
  std::string re = "^";
  if (!by_name && !g.starts_with('/')) re += RE2::QuoteMeta(dir_prefix_of(base));
  if (!glob_regex(g, re, error)) return false;
  re += '$';
  auto compiled = Pattern::compile(re, error);
  if (!compiled) return false;
  globs_.push_back({std::move(*compiled), by_name, dir_only});
  texts_.push_back(glob);
  return true;
}

bool PathFilter::excluded(const std::string& dir_prefix, std::string_view name, bool dir) const {
  std::string path;
  for (const Glob& g : globs_) {
    if (g.dir_only && !dir) continue;
    if (g.by_name) {
      if (g.re.search(name)) return true;
      continue;
    }
    if (path.empty()) path = dir_prefix + std::string(name);
    if (g.re.search(path)) return true;
  }
  return false;
}

std::string PathFilter::dir_prefix_of(const std::filesystem::path& dir) {
  std::error_code ec;
  std::string p = std::filesystem::absolute(dir, ec).lexically_normal().native();
  if (p.empty() || p.back() != '/') p += '/';
  return p;
}

}  // namespace miglint
