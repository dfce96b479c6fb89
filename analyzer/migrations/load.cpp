// Reading a migrations folder: discovery, layout detection, pairing, order.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>
#include <toml++/toml.h>

#include "analyzer/migrations/migration.h"
#include "analyzer/migrations/reader_findings.h"
#include "analyzer/migrations/sections.h"
#include "analyzer/migrations/dir_listing.h"
#include "analyzer/source/strings.h"

namespace fs = std::filesystem;

namespace miglint {

bool read_file_bytes(const fs::path& p, std::string& out, std::string* error) {
  return read_file_bytes_at(AT_FDCWD, p.c_str(), out, error);
}

bool read_file_bytes_at(int dirfd, const char* rel, std::string& out, std::string* error) {
  out.clear();
  // open(2) directly: O_NONBLOCK so a FIFO in the folder cannot hang us.
  int fd = ::openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) return true;  // a FIFO with no writer: nothing to read
      if (error) *error = std::strerror(errno);
      return false;
    }
    out.append(buf, static_cast<size_t>(n));
  }
}

std::optional<std::string> read_section(const Section& s) {
  std::string bytes;
  if (!read_file_bytes(s.file.str(), bytes)) return std::nullopt;
  size_t b = std::min(s.begin, bytes.size());
  size_t e = std::min(s.end, bytes.size());
  if (e < b) e = b;
  return bytes.substr(b, e - b);
}

namespace {
// weakly_canonical resolves every component (one readlink each); files of a
// folder share their directory, so its resolution is remembered.
fs::path real_dir(const fs::path& dir) {
  static std::mutex mu;
  static std::unordered_map<std::string, fs::path> cache;
  std::lock_guard lock(mu);
  auto [it, fresh] = cache.try_emplace(dir.string());
  if (fresh) {
    std::error_code ec;
    it->second = fs::weakly_canonical(dir, ec);
    if (ec) it->second = dir;
  }
  return it->second;
}
}  // namespace

namespace {
std::string display_path_of(const fs::path& p, const fs::path& cwd) {
  fs::path abs = (p.is_absolute() ? p : cwd / p).lexically_normal();
  auto under = [&](const fs::path& a, const fs::path& base) -> std::optional<std::string> {
    fs::path rel = a.lexically_relative(base);
    if (rel.empty() || *rel.begin() == "..") return std::nullopt;
    return rel.string();
  };
  if (auto r = under(abs, cwd)) return *r;
  // The path may reach the working directory through a symlink.
  if (auto r = under(real_dir(abs.parent_path()) / abs.filename(), cwd)) return *r;
  return abs.string();
}
}  // namespace

namespace {
std::mutex g_pin_mutex;
int g_pins = 0;  // guarded by g_pin_mutex
// Readers keep what they loaded alive, whatever pins come and go meanwhile.
std::atomic<std::shared_ptr<const fs::path>> g_pinned_cwd;
}  // namespace

WorkingDirectoryPin::WorkingDirectoryPin() {
  std::lock_guard lock(g_pin_mutex);
  if (g_pins++ == 0) {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (!ec) g_pinned_cwd.store(std::make_shared<const fs::path>(std::move(cwd)));
  }
}

WorkingDirectoryPin::~WorkingDirectoryPin() {
  std::lock_guard lock(g_pin_mutex);
  if (--g_pins == 0) g_pinned_cwd.store(nullptr);
}

std::string display_path(const fs::path& p) { return display_path(p.native()); }

std::string display_path(const std::string& whole) {
  const std::shared_ptr<const fs::path> pinned = g_pinned_cwd.load();
  fs::path own;
  if (!pinned) {
    std::error_code ec;
    own = fs::current_path(ec);
    if (ec) return whole;
  }
  const fs::path& cwd = pinned ? *pinned : own;
  // Split as strings: building paths (each parses its components) cost more
  // than the rest of reading a small file.
  const size_t slash = whole.rfind('/');
  const std::string_view name = slash == std::string::npos ? std::string_view(whole) : std::string_view(whole).substr(slash + 1);
  if (name.empty() || name == "." || name == "..") return display_path_of(whole, cwd);
  // Every file of a folder shares its directory's display form.
  thread_local std::unordered_map<std::string, std::string> dirs;
  std::string key = cwd.native();
  key += '\0';
  if (slash != std::string::npos) key.append(whole, 0, slash == 0 ? 1 : slash);
  auto [it, fresh] = dirs.try_emplace(std::move(key));
  if (fresh) it->second = display_path_of(fs::path(slash == std::string::npos ? "." : whole.substr(0, slash == 0 ? 1 : slash)), cwd);
  if (it->second == ".") return std::string(name);
  std::string out = it->second;
  if (!out.ends_with('/')) out += '/';
  out += name;
  return out;
}

namespace {

// fs::path's order (component by component) without splitting paths into
// components: a separator sorts before every other character, so "v1/up.sql"
// comes before "v1-x/up.sql" as "v1" comes before "v1-x". For paths spelled
// the same way up to their file or folder name, as every file of a folder is.
bool path_less(std::string_view x, std::string_view y) {
  const size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    if (x[i] == y[i]) continue;
    if (x[i] == '/') return true;
    if (y[i] == '/') return false;
    return static_cast<unsigned char>(x[i]) < static_cast<unsigned char>(y[i]);
  }
  return x.size() < y.size();
}

enum class Part { Up, Down, Both };

// A byte range of a file; the whole file by default.
struct Range {
  size_t begin = 0;
  size_t end = SIZE_MAX;
};

// One file (or folder) that the layout recognised as (part of) a migration.
// It holds no copy of a path or a name: a large folder holds one per file.
// The strings are views into the file's name (in the directory listing,
// which outlives loading); its files' paths (the folder's path plus rel) are
// Symbols, made once as they go into sql_files.
struct Candidate {
  std::string_view rel;  // relative name for messages and sorting
  std::string_view version;
  VersionKey key;
  std::string_view name;
  std::string_view stem;
  Part part = Part::Up;
  bool pg_specific = false;  // popx: the .postgres. file wins over the neutral one
  bool popx_infix = false;   // a dialect or .autocommit. infix: only popx names files so
  bool authelia_name = false;  // V<version>.<Name>: only authelia names files so
  std::optional<bool> in_transaction;
  bool repeatable = false;
  std::optional<Range> up, down;  // Both: sections of one file; folders: up.sql / down.sql
  Symbol up_file, down_file;  // the same file but for diesel folders' up.sql / down.sql
};

std::optional<Section> section_of(Symbol file, const std::optional<Range>& r) {
  if (!r) return std::nullopt;
  return Section{file, r->begin, r->end};
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const std::set<std::string, std::less<>> kPgDialects = {"postgres", "postgresql", "pg", "pgx"};
const std::set<std::string, std::less<>> kOtherDialects = {"sqlite", "sqlite3", "mysql", "mariadb", "cockroach",
                                                           "cockroachdb", "crdb", "mssql", "sqlserver", "oracle",
                                                           "clickhouse", "spanner", "tidb", "redshift"};

// "<version>_<name>" or "V<version>.<name>" (authelia) or "<version>".
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

enum class UpdownMatch { No, Pg, OtherDialect };

// <version>_<name>[.<dialect>][.autocommit].(up|down).sql
UpdownMatch match_updown(std::string_view file, Candidate& c) {
  std::string_view base = file;
  if (ends_with(base, ".up.sql")) {
    c.part = Part::Up;
    base.remove_suffix(7);
  } else if (ends_with(base, ".down.sql")) {
    c.part = Part::Down;
    base.remove_suffix(9);
  } else {
    return UpdownMatch::No;
  }
  bool other = false;
  for (int k = 0; k < 2; ++k) {
    size_t dot = base.rfind('.');
    if (dot == std::string_view::npos) break;
    std::string infix = lower(base.substr(dot + 1));
    if (infix == "autocommit") {
      c.in_transaction = false;
    } else if (kPgDialects.count(infix)) {
      c.pg_specific = true;
    } else if (kOtherDialects.count(infix)) {
      other = true;
    } else {
      break;
    }
    c.popx_infix = true;
    base = base.substr(0, dot);
  }
  if (!split_version_name(base, c.version, c.name, true, "_.")) return UpdownMatch::No;
  auto key = parse_version(c.version);
  if (!key) return UpdownMatch::No;
  c.key = *key;
  c.stem = base;
  c.authelia_name = (base[0] == 'V' || base[0] == 'v') && base.size() > c.version.size() + 1 &&
                    base[c.version.size() + 1] == '.';
  return other ? UpdownMatch::OtherDialect : UpdownMatch::Pg;
}

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

// <version>_<name>.sql (goose, dbmate, plain)
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

// A diesel folder name: <version>_<name>, version digits or YYYY-MM-DD-HHMMSS[-NNNN].
bool match_folder_name(std::string_view dir, Candidate& c) {
  size_t us = dir.find('_');
  c.version = dir.substr(0, us);
  c.name = us == std::string_view::npos ? std::string_view() : dir.substr(us + 1);
  auto key = parse_version(c.version);
  if (!key || c.version.find('.') != std::string::npos) return false;
  c.key = *key;
  c.stem = dir;
  return true;
}

// Annotation lines of goose/dbmate files, with their byte ranges.
struct Line {
  size_t begin, end, next;  // end excludes the terminator; next is the following line's start
  std::string_view text;
};

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

// "-- +goose Up" → "up"; "" when the line is no goose annotation.
std::string goose_command(std::string_view line) {
  line = trim(line);
  if (line.substr(0, 2) != "--") return {};
  line = trim(line.substr(2));
  if (lower(line.substr(0, 6)) != "+goose") return {};
  std::string cmd = lower(trim(line.substr(6)));
  // Collapse inner whitespace: "NO  TRANSACTION".
  std::string out;
  for (char c : cmd)
    if (!(std::isspace(static_cast<unsigned char>(c)) && !out.empty() && out.back() == ' '))
      out.push_back(std::isspace(static_cast<unsigned char>(c)) ? ' ' : c);
  return out;
}

// "-- migrate:up transaction:false" → ("up", "transaction:false").
std::pair<std::string, std::string> dbmate_command(std::string_view line) {
  line = trim(line);
  if (line.substr(0, 2) != "--") return {};
  line = trim(line.substr(2));
  if (line.substr(0, 8) != "migrate:") return {};
  line.remove_prefix(8);
  size_t sp = line.find_first_of(" \t");
  std::string cmd(line.substr(0, sp));
  std::string opts = sp == std::string_view::npos ? std::string() : std::string(trim(line.substr(sp)));
  return {cmd, opts};
}

bool is_goose(std::string_view text) {
  for (const Line& l : split_lines(text)) {
    std::string cmd = goose_command(l.text);
    if (cmd == "up" || cmd == "down") return true;
  }
  return false;
}

bool is_dbmate(std::string_view text) {
  for (const Line& l : split_lines(text)) {
    auto [cmd, opts] = dbmate_command(l.text);
    if (cmd == "up" || cmd == "down") return true;
  }
  return false;
}

void goose_sections(std::string_view text, Candidate& c) {
  std::optional<size_t> up_begin, down_begin, up_end;
  for (const Line& l : split_lines(text)) {
    std::string cmd = goose_command(l.text);
    if (cmd == "up" && !up_begin) {
      up_begin = l.next;
    } else if (cmd == "down" && !down_begin) {
      down_begin = l.next;
      if (up_begin && !up_end) up_end = l.begin;
    } else if (cmd == "no transaction") {
      c.in_transaction = false;
    }
  }
  if (up_begin) c.up = Range{*up_begin, up_end.value_or(text.size())};
  if (down_begin) {
    // A Down before Up ends where Up starts.
    size_t end = text.size();
    if (up_begin && *up_begin > *down_begin) {
      for (const Line& l : split_lines(text))
        if (l.next == *up_begin) end = l.begin;
    }
    c.down = Range{*down_begin, end};
  }
}

void dbmate_sections(std::string_view text, Candidate& c) {
  std::optional<size_t> up_begin, up_end, down_begin, down_end;
  for (const Line& l : split_lines(text)) {
    auto [cmd, opts] = dbmate_command(l.text);
    if (cmd == "up" && !up_begin) {
      up_begin = l.next;
      if (down_begin && !down_end) down_end = l.begin;
      if (opts.find("transaction:false") != std::string::npos) c.in_transaction = false;
    } else if (cmd == "down" && !down_begin) {
      down_begin = l.next;
      if (up_begin && !up_end) up_end = l.begin;
    }
  }
  if (up_begin) c.up = Range{*up_begin, up_end.value_or(text.size())};
  if (down_begin) c.down = Range{*down_begin, down_end.value_or(text.size())};
}

// Whether the layout's runner wraps a migration in a transaction unless told
// otherwise; for updown, whether the folder's names say popx or authelia.
bool layout_default_tx(Layout l, bool updown_runner_tx) {
  switch (l) {
    case Layout::Updown: return updown_runner_tx;
    case Layout::Plain: return false;
    case Layout::Folder:
    case Layout::Goose:
    case Layout::Dbmate:
    case Layout::Flyway: return true;
  }
  return false;
}

// Whether the runner wraps the migration in a transaction: as its files
// say, else as configured, else the layout's way.
bool transaction_of(const Candidate& c, const Config& cfg, bool layout_default) {
  if (c.in_transaction) return *c.in_transaction;
  if (cfg.assume_in_transaction) return *cfg.assume_in_transaction;
  return layout_default;
}

// What dir / name spells, less the name: the paths of a folder's files are
// built from it, without a std::filesystem::path (and its list of
// components) per file.
std::string child_prefix(const fs::path& dir) {
  std::string p = (dir / "x").native();
  p.pop_back();
  return p;
}

class Loader {
 public:
  Loader(const fs::path& dir, const Config& cfg, DirListings* listings)
      : cfg_(cfg), listings_(listings ? *listings : own_listings_), top_prefix_(child_prefix(dir)) {
    folder_.dir = dir;
  }

  MigrationFolder run() {
    scan_top();
    if (!top_ok_) return std::move(folder_);
    Layout layout = choose_layout();
    folder_.layout = layout;
    collect(layout);
    build(layout);
    // When no layout explains the folder, its .sql files are still analysed
    // one by one, so their statement findings are not lost.
    if (nothing_recognised_)
      for (std::string_view f : top_files_)
        if (ends_with(f, ".sql")) folder_.sql_files.emplace_back(path_of(f));
    std::sort(folder_.sql_files.begin(), folder_.sql_files.end(), path_less);
    folder_.sql_files.erase(std::unique(folder_.sql_files.begin(), folder_.sql_files.end(),
                                        std::equal_to<>()),
                            folder_.sql_files.end());
    std::sort(folder_.unreadable.begin(), folder_.unreadable.end(), path_less);
    // Reported once here; the engine must not read (and report) them again.
    if (!folder_.unreadable.empty())
      std::erase_if(folder_.sql_files, [&](const Symbol& p) {
        return std::binary_search(folder_.unreadable.begin(), folder_.unreadable.end(), p, path_less);
      });
    return std::move(folder_);
  }

 private:
  // A migration to make: of c, with the down half of `down` when the two
  // halves were paired.
  struct Planned {
    Candidate* c;
    Candidate* down = nullptr;
  };

  // The path of a file of the folder, as folder_.dir / rel spells it.
  std::string path_of(std::string_view rel, std::string_view tail = {}) const {
    std::string p;
    p.reserve(top_prefix_.size() + rel.size() + tail.size());
    p += top_prefix_;
    p += rel;
    p += tail;
    return p;
  }

  // The file that holds a candidate's up or down half.
  static const Symbol& file_of(const Candidate& c, bool up) { return up ? c.up_file : c.down_file; }

  // Puts a file in sql_files; the Symbol is what its sections will name.
  Symbol add_sql_file(const std::string& p) { return folder_.sql_files.emplace_back(p); }

  std::optional<Section> section(const Candidate& c, bool up) const {
    const std::optional<Range>& r = up ? c.up : c.down;
    if (!r) return std::nullopt;
    return section_of(file_of(c, up), r);
  }

  void unreadable(const std::string& p, const std::string& why) {
    folder_.unreadable.emplace_back(p);
    folder_.diagnostics.push_back(unreadable_file_finding(UnreadableWhat::FolderEntry, display_path(p), why));
  }

  // The names of a directory's files and folders (views into its listing);
  // entries that cannot be stat'ed are reported.
  void list_dir(const fs::path& d, std::vector<std::string_view>& files, std::vector<std::string_view>& dirs,
                bool report_dir_error) {
    const DirListing& listing = listings_.get(d);
    if (!listing.opened) {
      if (report_dir_error) unreadable(d.native(), listing.error);
      top_ok_ = top_ok_ && !report_dir_error;
      return;
    }
    for (const DirEntry& e : listing.entries) {
      if (e.name.empty() || e.name[0] == '.') continue;  // .keep, editor files
      if (e.error != 0) unreadable(child_prefix(d) + std::string(e.name), std::strerror(e.error));
      else if (e.kind == DirEntry::Kind::Dir) dirs.push_back(e.name);
      else if (e.kind == DirEntry::Kind::File) files.push_back(e.name);
    }
    if (!listing.error.empty()) unreadable(d.native(), listing.error);
  }

  void scan_top() {
    list_dir(folder_.dir, top_files_, top_dirs_, true);
    if (top_ok_) top_dir_.emplace(folder_.dir);
  }

  // The text of a file of the folder, read once; nullptr when it cannot be
  // read (reported then).
  const std::string* read_top(std::string_view name) {
    auto [it, fresh] = texts_.try_emplace(name);
    if (fresh) {
      const std::string path = path_of(name);
      std::string text, err;
      if (read_file_bytes_at(AT_FDCWD, path.c_str(), text, &err))
        it->second = std::move(text);
      else
        unreadable(path, err);
    }
    return it->second ? &*it->second : nullptr;
  }

  // From the listing, which loading the directory needs again.
  bool folder_dir_has_parts(std::string_view name) {
    const DirListing& l = listings_.get(path_of(name));
    return l.has("up.sql") || l.has("down.sql");
  }

  Layout choose_layout() {
    if (auto explicit_layout = parse_layout(cfg_.layout)) return *explicit_layout;
    std::map<Layout, size_t> counts;
    for (std::string_view f : top_files_) {
      Candidate c;
      if (!ends_with(f, ".sql")) continue;
      if (match_updown(f, c) != UpdownMatch::No) {
        ++counts[Layout::Updown];
      } else if (match_flyway(f, c)) {
        ++counts[Layout::Flyway];
      } else if (const std::string* text = read_top(f)) {
        if (is_goose(*text))
          ++counts[Layout::Goose];
        else if (is_dbmate(*text))
          ++counts[Layout::Dbmate];
        else if (match_single(f, c, "_-."))
          ++counts[Layout::Plain];
      }
    }
    for (std::string_view name : top_dirs_) {
      Candidate c;
      if (match_folder_name(name, c) && folder_dir_has_parts(name)) ++counts[Layout::Folder];
    }
    // Plain files beside a structured layout are strays, not a layout of their own.
    std::vector<std::pair<Layout, size_t>> seen;
    for (auto [l, n] : counts)
      if (l != Layout::Plain) seen.emplace_back(l, n);
    if (seen.empty()) {
      if (counts[Layout::Plain] > 0) return Layout::Plain;
      size_t sql = 0;
      for (std::string_view f : top_files_) sql += ends_with(f, ".sql");
      std::string what = std::to_string(top_files_.size()) + " file(s) (" + std::to_string(sql) + " .sql) and " +
                         std::to_string(top_dirs_.size()) + " folder(s)";
      nothing_recognised_ = true;
      folder_.diagnostics.push_back(no_migrations_recognised_finding(display_path(folder_.dir.native()), what));
      return Layout::Plain;
    }
    std::stable_sort(seen.begin(), seen.end(), [](auto& a, auto& b) { return a.second > b.second; });
    if (seen.size() > 1) {
      std::string parts;
      for (auto [l, n] : seen) {
        if (!parts.empty()) parts += ", ";
        parts += std::to_string(n) + " " + std::string(layout_name(l));
      }
      folder_.diagnostics.push_back(
          mixed_layouts_finding(display_path(folder_.dir.native()), parts, layout_name(seen[0].first)));
    }
    return seen[0].first;
  }

  // Only the first few are named in the message.
  void unmatched(std::string_view rel) {
    if (unmatched_.size() < 5) unmatched_.emplace_back(rel);
    ++unmatched_count_;
  }

  // The engine reads the files later; an unreadable one is reported once, here.
  void check_readable(const std::string& p) {
    // access(2) asks what open(2) would, without opening the file.
    if (::access(p.c_str(), R_OK) != 0) unreadable(p, std::strerror(errno));
  }
  // The same for a file of the folder itself, looked up from the folder
  // (one path component instead of the whole path, for every file). `name`
  // is a listing's, so NUL-terminated.
  void check_readable_top(std::string_view name, const std::string& p) {
    if (!top_dir_ || top_dir_->fd() < 0) return check_readable(p);
    if (::faccessat(top_dir_->fd(), name.data(), R_OK, 0) != 0) unreadable(p, std::strerror(errno));
  }

  // A candidate that is one whole file: of the folder itself when `top`.
  void add_whole(Candidate c, bool top) {
    std::string p = path_of(c.rel);
    if (top)
      check_readable_top(c.rel, p);
    else
      check_readable(p);
    (c.part == Part::Up ? c.up : c.down) = Range{};
    c.up_file = c.down_file = add_sql_file(p);
    cands_.push_back(std::move(c));
  }

  void collect(Layout layout) {
    // At most one candidate per .sql file (or folder), and as many files
    // (two per folder): reserved, as growing the arrays would hold the old
    // and the new ones at once.
    size_t sql = 0;
    for (std::string_view f : top_files_) sql += ends_with(f, ".sql");
    cands_.reserve(layout == Layout::Folder ? top_dirs_.size() : sql);
    folder_.sql_files.reserve(layout == Layout::Folder ? 2 * top_dirs_.size() : sql);
    switch (layout) {
      case Layout::Updown:
        for (std::string_view f : top_files_) {
          Candidate c;
          c.rel = f;
          UpdownMatch m = match_updown(f, c);
          popx_ = popx_ || c.popx_infix;
          authelia_ = authelia_ || c.authelia_name;
          if (m == UpdownMatch::Pg)
            add_whole(std::move(c), true);
          else if (m == UpdownMatch::No && ends_with(f, ".sql"))
            unmatched(f);
        }
        break;
      case Layout::Flyway: collect_flyway(folder_.dir, "", 0); break;
      case Layout::Folder: collect_folders(); break;
      case Layout::Goose:
      case Layout::Dbmate:
        for (std::string_view f : top_files_) {
          if (!ends_with(f, ".sql")) continue;
          Candidate c;
          c.rel = f;
          if (!match_single(f, c, "_")) {
            unmatched(f);
            continue;
          }
          const std::string* text = read_top(f);
          if (!text) continue;
          bool ok = layout == Layout::Goose ? is_goose(*text) : is_dbmate(*text);
          if (!ok) {
            unmatched(f);
            continue;
          }
          c.part = Part::Both;
          if (layout == Layout::Goose)
            goose_sections(*text, c);
          else
            dbmate_sections(*text, c);
          c.up_file = c.down_file = add_sql_file(path_of(f));
          cands_.push_back(std::move(c));
        }
        break;
      case Layout::Plain:
        for (std::string_view f : top_files_) {
          if (!ends_with(f, ".sql")) continue;
          Candidate c;
          c.rel = f;
          c.part = Part::Up;
          if (match_single(f, c, "_-."))
            add_whole(std::move(c), true);
          else
            unmatched(f);
        }
        break;
    }
    texts_.clear();  // the sections are found
    if (unmatched_count_ > 0 && !nothing_recognised_) {
      std::string list;
      for (size_t i = 0; i < unmatched_.size(); ++i) list += (i ? ", " : "") + unmatched_[i];
      if (unmatched_count_ > 5) list += ", … (" + std::to_string(unmatched_count_ - 5) + " more)";
      folder_.diagnostics.push_back(
          unmatched_entries_finding(display_path(folder_.dir.native()), unmatched_count_, list, layout_name(layout)));
    }
  }

  // Flyway scans its locations recursively; loops are cut by remembering
  // every real directory visited.
  void collect_flyway(const fs::path& d, const std::string& prefix, int depth) {
    std::error_code ec;
    fs::path real = fs::canonical(d, ec);
    if (ec || !visited_.insert(real.string()).second || depth > 16) return;
    std::vector<std::string_view> listed_files, listed_dirs;
    if (depth > 0) list_dir(d, listed_files, listed_dirs, false);
    const std::vector<std::string_view>& files = depth == 0 ? top_files_ : listed_files;
    const std::vector<std::string_view>& dirs = depth == 0 ? top_dirs_ : listed_dirs;
    for (std::string_view name : files) {
      if (!ends_with(name, ".sql")) continue;
      Candidate c;
      c.rel = depth == 0 ? name : std::string_view(nested_rels_.emplace_back(prefix + std::string(name)));
      if (!match_flyway(name, c)) {
        unmatched(c.rel);
        continue;
      }
      // Flyway's per-script config: <script>.sql.conf with executeInTransaction=false.
      std::string conf;
      if (read_file_bytes_at(AT_FDCWD, path_of(c.rel, ".conf").c_str(), conf)) {
        for (const Line& l : split_lines(conf)) {
          std::string t = lower(trim(l.text));
          t.erase(std::remove_if(t.begin(), t.end(), [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); }),
                  t.end());
          if (t == "executeintransaction=false") c.in_transaction = false;
          if (t == "executeintransaction=true") c.in_transaction = true;
        }
      }
      add_whole(std::move(c), false);
    }
    for (std::string_view name : dirs) collect_flyway(d / name, prefix + std::string(name) + "/", depth + 1);
  }

  void collect_folders() {
    for (std::string_view f : top_files_)
      if (ends_with(f, ".sql")) unmatched(f);
    std::vector<std::string_view> files, dirs;
    for (std::string_view name : top_dirs_) {
      Candidate base;
      base.rel = name;
      if (!match_folder_name(name, base)) {
        unmatched(std::string(name) + "/");
        continue;
      }
      files.clear();
      dirs.clear();
      list_dir(path_of(name), files, dirs, false);
      bool any = false;
      for (std::string_view fname : files) {
        if (fname == "up.sql" || fname == "down.sql") {
          const bool up = fname == "up.sql";
          std::string p = path_of(name, up ? "/up.sql" : "/down.sql");
          check_readable(p);
          (up ? base.up : base.down) = Range{};
          (up ? base.up_file : base.down_file) = add_sql_file(p);
          any = true;
        } else if (fname == "metadata.toml") {
          read_metadata(path_of(name, "/metadata.toml"), base);
        }
      }
      if (!any) {
        unmatched(std::string(name) + "/");
        continue;
      }
      base.part = Part::Both;
      cands_.push_back(std::move(base));
    }
  }

  void read_metadata(const std::string& p, Candidate& c) {
    std::string text, err;
    if (!read_file_bytes_at(AT_FDCWD, p.c_str(), text, &err)) {
      unreadable(p, err);
      return;
    }
    try {
      toml::table t = toml::parse(text, p);
      if (auto v = t["run_in_transaction"].value<bool>()) c.in_transaction = *v;
    } catch (const toml::parse_error& e) {
      folder_.diagnostics.push_back(
          invalid_metadata_finding(display_path(p), e.description(), e.source().begin.line, e.source().begin.column));
    }
  }

  void build(Layout layout) {
    // Group by version (repeatables by description), groups in that order
    // and each in the order its candidates were found.
    const VersionKey none;
    const auto group_less = [&none](const Candidate* a, const Candidate* b) {
      const VersionKey& ka = a->repeatable ? none : a->key;
      const VersionKey& kb = b->repeatable ? none : b->key;
      if (ka != kb) return ka < kb;
      return (a->repeatable ? a->name : std::string_view()) < (b->repeatable ? b->name : std::string_view());
    };
    std::vector<Candidate*> order;
    order.reserve(cands_.size());
    for (Candidate& c : cands_) order.push_back(&c);
    std::stable_sort(order.begin(), order.end(), group_less);
    // Migrations are made once their order is known, straight into the
    // folder: sorting made ones takes a buffer of half of them.
    std::vector<Planned> plan;
    plan.reserve(cands_.size());
    std::vector<Candidate*> ups, downs, lone_ups, lone_downs;
    std::vector<bool> down_used;
    std::vector<std::pair<Candidate*, Candidate*>> pairs;
    for (size_t first = 0, end = 0; first < order.size(); first = end) {
      end = first + 1;
      while (end < order.size() && !group_less(order[first], order[end])) ++end;
      ups.clear();
      downs.clear();
      for (size_t i = first; i < end; ++i) {
        Candidate* c = order[i];
        if (c->part == Part::Both)
          plan.push_back({c});
        else
          (c->part == Part::Up ? ups : downs).push_back(c);
      }
      // popx: a dialect-specific file replaces the neutral one of the same version.
      for (auto* list : {&ups, &downs}) {
        bool specific = std::any_of(list->begin(), list->end(), [](const Candidate* c) { return c->pg_specific; });
        if (specific)
          list->erase(std::remove_if(list->begin(), list->end(), [](const Candidate* c) { return !c->pg_specific; }),
                      list->end());
      }
      auto by_rel = [](const Candidate* a, const Candidate* b) { return a->rel < b->rel; };
      std::sort(ups.begin(), ups.end(), by_rel);
      std::sort(downs.begin(), downs.end(), by_rel);
      down_used.assign(downs.size(), false);
      lone_ups.clear();
      pairs.clear();
      for (Candidate* u : ups) {
        bool paired = false;
        for (size_t i = 0; i < downs.size() && !paired; ++i)
          if (!down_used[i] && downs[i]->name == u->name) {
            down_used[i] = true;
            pairs.emplace_back(u, downs[i]);
            paired = true;
          }
        if (!paired) lone_ups.push_back(u);
      }
      lone_downs.clear();
      for (size_t i = 0; i < downs.size(); ++i)
        if (!down_used[i]) lone_downs.push_back(downs[i]);
      // One up and one down of the same version are a pair even when named differently.
      if (lone_ups.size() == 1 && lone_downs.size() == 1) {
        Candidate* u = lone_ups[0];
        Candidate* d = lone_downs[0];
        folder_.diagnostics.push_back(halves_named_differently_finding(display_path(file_of(*d, false).str()), d->name,
                                                                       display_path(file_of(*u, true).str()),
                                                                       u->version, u->name));
        pairs.emplace_back(u, d);
        lone_ups.clear();
        lone_downs.clear();
      }
      for (auto [u, d] : pairs) plan.push_back({u, d});
      for (Candidate* u : lone_ups) plan.push_back({u});
      for (Candidate* d : lone_downs) plan.push_back({d});
    }
    // The file that will represent the migration (Migration::primary_file).
    const auto primary_file = [](const Planned& p) -> const Symbol& {
      return p.c->up ? file_of(*p.c, true) : file_of(p.down ? *p.down : *p.c, false);
    };
    std::stable_sort(plan.begin(), plan.end(), [&](const Planned& a, const Planned& b) {
      if (a.c->repeatable != b.c->repeatable) return !a.c->repeatable;
      if (a.c->repeatable) return a.c->name < b.c->name;
      if (a.c->key != b.c->key) return a.c->key < b.c->key;
      return primary_file(a) < primary_file(b);
    });
    const bool runner_tx = layout_default_tx(layout, popx_ || authelia_);
    folder_.migrations.reserve(plan.size());
    for (const Planned& p : plan) {
      Candidate& c = *p.c;
      Migration& m = folder_.migrations.emplace_back();
      m.version = c.version;
      m.key = std::move(c.key);  // each candidate makes one migration
      m.name = c.name;
      m.up = section(c, true);
      m.down = p.down ? section(*p.down, false) : section(c, false);
      m.repeatable = c.repeatable;
      m.in_transaction = transaction_of(c, cfg_, runner_tx);
      // popx marks either file .autocommit; the up's word wins when both speak.
      if (p.down && !c.in_transaction && p.down->in_transaction) m.in_transaction = *p.down->in_transaction;
    }
  }

  const Config& cfg_;
  DirListings own_listings_;  // when the caller keeps none
  DirListings& listings_;  // its listings outlive loading: names are views into them
  MigrationFolder folder_;
  std::string top_prefix_;  // folder_.dir / name, less the name
  bool top_ok_ = true;
  std::optional<OpenDirectory> top_dir_;  // the folder, for check_readable_top
  bool nothing_recognised_ = false;  // already reported as a whole
  // Some updown file carries a dialect or .autocommit. infix: the folder is
  // run by popx, which wraps every migration not marked .autocommit. in a
  // transaction (golang-migrate and sqlx have no such infixes).
  bool popx_ = false;
  // Some updown file is named V<version>.<Name>: the folder is authelia's,
  // whose migrator applies the pending migrations in one transaction on
  // PostgreSQL.
  bool authelia_ = false;
  std::vector<std::string_view> top_files_, top_dirs_;  // names of the folder's files and folders
  // Texts of the folder's files read so far (nullopt: unreadable, reported).
  std::unordered_map<std::string_view, std::optional<std::string>> texts_;
  std::vector<Candidate> cands_;
  std::deque<std::string> nested_rels_;  // rel of files in Flyway's subfolders
  std::vector<std::string> unmatched_;  // the first five
  size_t unmatched_count_ = 0;
  std::set<std::string> visited_;
};

}  // namespace

std::optional<std::pair<std::string, VersionKey>> version_from_relative_path(const fs::path& rel, Layout layout) {
  std::vector<std::string> parts;
  for (const fs::path& p : rel) parts.push_back(p.string());
  if (parts.empty()) return std::nullopt;
  Candidate c;
  bool ok = false;
  switch (layout) {
    case Layout::Folder:
      ok = parts.size() == 2 && (parts[1] == "up.sql" || parts[1] == "down.sql") && match_folder_name(parts[0], c);
      break;
    case Layout::Flyway: ok = match_flyway(parts.back(), c) && !c.repeatable; break;
    case Layout::Updown: ok = parts.size() == 1 && match_updown(parts[0], c) == UpdownMatch::Pg; break;
    case Layout::Goose:
    case Layout::Dbmate: ok = parts.size() == 1 && match_single(parts[0], c, "_"); break;
    case Layout::Plain: ok = parts.size() == 1 && match_single(parts[0], c, "_-."); break;
  }
  if (!ok) return std::nullopt;
  return std::make_pair(std::string(c.version), c.key);
}

std::string_view migration_stem(const Migration& m, Layout layout) {
  // The loader matched this same name to make the migration.
  const std::string_view file = m.primary_file();
  std::string_view name = file.substr(file.rfind('/') + 1);
  Candidate c;
  switch (layout) {
    case Layout::Folder: {
      // <folder>/up.sql: the folder's name.
      std::string_view dir = file.substr(0, file.size() - name.size());
      if (dir.ends_with('/')) dir.remove_suffix(1);
      return dir.substr(dir.rfind('/') + 1);
    }
    case Layout::Updown: match_updown(name, c); break;
    case Layout::Flyway: match_flyway(name, c); break;
    case Layout::Goose:
    case Layout::Dbmate: match_single(name, c, "_"); break;
    case Layout::Plain: match_single(name, c, "_-."); break;
  }
  return c.stem;
}

void resection_from_text(MigrationFolder& folder, const Config& cfg, const Symbol& file, std::string_view text) {
  if (folder.layout != Layout::Goose && folder.layout != Layout::Dbmate) return;
  for (Migration& m : folder.migrations) {
    if (!(m.up && m.up->file == file) && !(m.down && m.down->file == file)) continue;
    Candidate c;
    if (folder.layout == Layout::Goose)
      goose_sections(text, c);
    else
      dbmate_sections(text, c);
    m.up = section_of(file, c.up);
    m.down = section_of(file, c.down);
    m.in_transaction = transaction_of(c, cfg, layout_default_tx(folder.layout, false));
  }
}

MigrationFolder load_migration_folder(const fs::path& dir, const Config& cfg, DirListings* listings) {
  return Loader(dir, cfg, listings).run();
}

}  // namespace miglint
