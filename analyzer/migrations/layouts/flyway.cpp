// flyway: V<ver>__<desc>.sql, undo U<ver>__<desc>.sql, repeatable
// R__<desc>.sql, in the folder and its subfolders (Flyway scans its locations
// recursively); versions may be dotted ("1.2.10").
//
// Transaction mode: Flyway runs each script in a transaction (PostgreSQL
// supports transactional DDL) unless <script>.sql.conf says
// `executeInTransaction=false`.
#include <fcntl.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <string>

#include "analyzer/migrations/layout.h"
#include "analyzer/source/file_io.h"

namespace fs = std::filesystem;

namespace miglint::layouts {
namespace {

// V<ver>__<desc>.sql, U<ver>__<desc>.sql, R__<desc>.sql
bool match_flyway(std::string_view file, Candidate& c) {
  static const std::regex re(R"(^([VUR])(\d+(?:[._]\d+)*)?__(.+)\.sql$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(file.begin(), file.end(), m, re)) return false;
  char kind = *m[1].first;
  bool has_version = m[2].matched;
  if ((kind == 'R') == has_version) return false;
  c.part = kind == 'U' ? Part::Down : Part::Up;
  c.repeatable = kind == 'R';
  c.version = std::string_view(m[2].first, m[2].second);  // empty when not matched
  c.name = std::string_view(m[3].first, m[3].second);
  c.stem = file.substr(0, file.size() - 4);
  if (has_version) {
    auto key = parse_version(c.version);
    if (!key) return false;
    c.key = *key;
  }
  return true;
}

// Flyway's per-script config: <script>.sql.conf with executeInTransaction=false.
void read_script_config(FolderReader& reader, Candidate& c) {
  std::string conf;
  if (!read_file_bytes_at(AT_FDCWD, reader.path_of(c.rel, ".conf").c_str(), conf)) return;
  for (const Line& l : split_lines(conf)) {
    std::string t = lower(trim(l.text));
    t.erase(std::remove_if(t.begin(), t.end(), [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); }),
            t.end());
    if (t == "executeintransaction=false") c.in_transaction = false;
    if (t == "executeintransaction=true") c.in_transaction = true;
  }
}

// Loops are cut by remembering every real directory visited.
void collect_dir(FolderReader& reader, const fs::path& d, const std::string& prefix, int depth,
                 std::set<std::string>& visited) {
  std::error_code ec;
  fs::path real = fs::canonical(d, ec);
  if (ec || !visited.insert(real.string()).second || depth > 16) return;
  std::vector<std::string_view> listed_files, listed_dirs;
  if (depth > 0) reader.list(d, listed_files, listed_dirs);
  const std::vector<std::string_view>& files = depth == 0 ? reader.top_files() : listed_files;
  const std::vector<std::string_view>& dirs = depth == 0 ? reader.top_dirs() : listed_dirs;
  for (std::string_view name : files) {
    if (!ends_with(name, ".sql")) continue;
    Candidate c;
    c.rel = depth == 0 ? name : reader.keep(prefix + std::string(name));
    if (!match_flyway(name, c)) {
      reader.unmatched(c.rel);
      continue;
    }
    read_script_config(reader, c);
    reader.add_whole(std::move(c), false);
  }
  for (std::string_view name : dirs)
    collect_dir(reader, d / name, prefix + std::string(name) + "/", depth + 1, visited);
}

class Flyway final : public LayoutKind {
 public:
  std::string_view name() const override { return "flyway"; }

  Detect detect() const override { return Detect::ByName; }
  bool claims_file(std::string_view name, const std::string*) const override {
    Candidate c;
    return match_flyway(name, c);
  }

  void collect(FolderReader& reader) const override {
    std::set<std::string> visited;
    collect_dir(reader, reader.dir(), "", 0, visited);
  }
  bool in_transaction_by_default() const override { return true; }

  std::string_view stem(std::string_view file) const override {
    Candidate c;
    match_flyway(file_name(file), c);
    return c.stem;
  }
  bool version_of(const std::vector<std::string>& parts, Candidate& c) const override {
    return match_flyway(parts.back(), c) && !c.repeatable;
  }

  // Undo scripts are optional; only a folder that uses them expects them.
  Downs downs() const override { return Downs::WhenUsed; }
  std::string missing_down_help(const Migration& m) const override {
    return "add U" + m.version + "__" + m.name + ".sql that undoes it";
  }
};

}  // namespace

const LayoutKind& flyway_layout() {
  static const Flyway kind;
  return kind;
}

}  // namespace miglint::layouts
