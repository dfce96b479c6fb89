// Helpers shared by the layouts' files.
#include "analyzer/migrations/layout.h"

#include <cctype>

#include "analyzer/source/display_path.h"

namespace miglint::layouts {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view file_name(std::string_view path) { return path.substr(path.rfind('/') + 1); }

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    size_t e = end;
    if (e > pos && text[e - 1] == '\r') --e;
    size_t b = pos;
    if (b == 0 && text.substr(0, 3) == "\xEF\xBB\xBF") b = 3;  // BOM
    lines.push_back({pos, e, next, text.substr(b, e - b)});
    pos = next;
  }
  return lines;
}

bool split_version_name(std::string_view stem, std::string_view& version, std::string_view& name, bool allow_v,
                        std::string_view seps) {
  size_t i = 0;
  if (allow_v && !stem.empty() && (stem[0] == 'V' || stem[0] == 'v')) i = 1;
  size_t j = i;
  while (j < stem.size() && std::isdigit(static_cast<unsigned char>(stem[j]))) ++j;
  if (j == i) return false;
  if (j < stem.size() && seps.find(stem[j]) == std::string_view::npos) return false;
  version = stem.substr(i, j - i);
  name = j < stem.size() ? stem.substr(j + 1) : std::string_view();
  return true;
}

bool match_single(std::string_view file, Candidate& c, std::string_view seps) {
  if (!ends_with(file, ".sql")) return false;
  std::string_view stem(file);
  stem.remove_suffix(4);
  if (!split_version_name(stem, c.version, c.name, false, seps)) return false;
  auto key = parse_version(c.version);
  if (!key) return false;
  c.key = *key;
  c.stem = stem;
  return true;
}

void SectionedFileLayout::collect(FolderReader& reader) const {
  for (std::string_view f : reader.top_files()) {
    if (!ends_with(f, ".sql")) continue;
    Candidate c;
    c.rel = f;
    if (!match_single(f, c, "_")) {
      reader.unmatched(f);
      continue;
    }
    const std::string* text = reader.text(f);
    if (!text) continue;
    if (!claims_file(f, text)) {
      reader.unmatched(f);
      continue;
    }
    c.part = Part::Both;
    sections(*text, c);
    c.up_file = c.down_file = reader.add_sql_file(reader.path_of(f));
    reader.add(std::move(c));
  }
}

std::string_view SectionedFileLayout::stem(std::string_view file) const {
  Candidate c;
  match_single(file_name(file), c, "_");
  return c.stem;
}

bool SectionedFileLayout::version_of(const std::vector<std::string>& parts, Candidate& c) const {
  return parts.size() == 1 && match_single(parts[0], c, "_");
}

}  // namespace miglint::layouts
