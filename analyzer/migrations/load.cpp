// Reading a migrations folder: what is common to every layout (layout.h):
// detection, pairing of ups and downs, order and transaction mode.
#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <optional>
#include <unordered_map>

#include "analyzer/config/pattern.h"
#include "analyzer/migrations/dir_listing.h"
#include "analyzer/migrations/layout.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/migrations/reader_findings.h"
#include "analyzer/migrations/section_span.h"
#include "analyzer/migrations/sections.h"
#include "analyzer/source/display_path.h"
#include "analyzer/source/file_io.h"

namespace fs = std::filesystem;

namespace miglint {

using layouts::ends_with;

std::optional<std::string> read_section(const Section& s) {
  std::string bytes;
  if (!read_file_bytes(s.file.str(), bytes)) return std::nullopt;
  size_t b = std::min(s.begin, bytes.size());
  size_t e = std::min(s.end, bytes.size());
  if (e < b) e = b;
  return bytes.substr(b, e - b);
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

std::optional<Section> section_of(Symbol file, const std::optional<Range>& r) {
  if (!r) return std::nullopt;
  return Section{file, r->begin, r->end};
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

class Loader final : public FolderReader {
 public:
  Loader(const fs::path& dir, const Config& cfg, DirListings* listings)
      : cfg_(cfg), listings_(listings ? *listings : own_listings_), top_prefix_(child_prefix(dir)) {
    folder_.dir = dir;
  }

  MigrationFolder run() {
    scan_top();
    if (!top_ok_) return std::move(folder_);
    const LayoutKind& kind = choose_layout();
    folder_.layout = &kind;
    collect(kind);
    build(kind);
    // When no layout explains the folder, its .sql files are still analysed
    // one by one, so their statement findings are not lost.
    if (nothing_recognised_)
      for (std::string_view f : top_files_)
        if (ends_with(f, ".sql")) folder_.sql_files.emplace_back(path_of(f));
    std::sort(folder_.sql_files.begin(), folder_.sql_files.end(), path_less);
    folder_.sql_files.erase(std::unique(folder_.sql_files.begin(), folder_.sql_files.end(), std::equal_to<>()),
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

  // ---- FolderReader

  const fs::path& dir() const override { return folder_.dir; }
  const std::vector<std::string_view>& top_files() const override { return top_files_; }
  const std::vector<std::string_view>& top_dirs() const override { return top_dirs_; }

  std::string path_of(std::string_view rel, std::string_view tail = {}) const override {
    std::string p;
    p.reserve(top_prefix_.size() + rel.size() + tail.size());
    p += top_prefix_;
    p += rel;
    p += tail;
    return p;
  }

  const DirListing& listing(const fs::path& d) override { return listings_.get(d); }

  void list(const fs::path& d, std::vector<std::string_view>& files, std::vector<std::string_view>& dirs) override {
    list_dir(d, files, dirs, false);
  }

  const std::string* text(std::string_view name) override {
    auto [it, fresh] = texts_.try_emplace(name);
    if (fresh) {
      const std::string path = path_of(name);
      std::string bytes, err;
      if (read_file_bytes_at(AT_FDCWD, path.c_str(), bytes, &err)) it->second = std::move(bytes);
      else unreadable(path, err);
    }
    return it->second ? &*it->second : nullptr;
  }

  std::string_view keep(std::string s) override { return kept_.emplace_back(std::move(s)); }

  void unreadable(const std::string& p, const std::string& why) override {
    folder_.unreadable.emplace_back(p);
    folder_.diagnostics.push_back(unreadable_file_finding(UnreadableWhat::FolderEntry, display_path(p), why));
  }

  // Only the first few are named in the message.
  void unmatched(std::string_view rel) override {
    if (unmatched_.size() < 5) unmatched_.emplace_back(rel);
    ++unmatched_count_;
  }

  void report(Diagnostic d) override { folder_.diagnostics.push_back(std::move(d)); }

  // The engine reads the files later; an unreadable one is reported once, here.
  void check_readable(const std::string& p) override {
    if (int e = readable_error_at(AT_FDCWD, p.c_str())) unreadable(p, std::strerror(e));
  }

  Symbol add_sql_file(const std::string& p) override { return folder_.sql_files.emplace_back(p); }

  void add_whole(Candidate c, bool top) override {
    std::string p = path_of(c.rel);
    if (top) check_readable_top(c.rel, p);
    else check_readable(p);
    (c.part == Part::Up ? c.up : c.down) = Range{};
    c.up_file = c.down_file = add_sql_file(p);
    cands_.push_back(std::move(c));
  }

  void add(Candidate c) override { cands_.push_back(std::move(c)); }

  void runner_wraps_in_transaction() override { runner_wraps_ = true; }

  // ---- loading

  // The file that holds a candidate's up or down half.
  static const Symbol& file_of(const Candidate& c, bool up) { return up ? c.up_file : c.down_file; }

  std::optional<Section> section(const Candidate& c, bool up) const {
    const std::optional<Range>& r = up ? c.up : c.down;
    if (!r) return std::nullopt;
    return section_of(file_of(c, up), r);
  }

  // `report_dir_error`: the folder itself, which cannot be loaded when it
  // cannot be listed.
  void list_dir(const fs::path& d, std::vector<std::string_view>& files, std::vector<std::string_view>& dirs,
                bool report_dir_error) {
    const DirListing& listing = listings_.get(d);
    if (!listing.opened) {
      if (report_dir_error) unreadable(d.native(), listing.error);
      top_ok_ = top_ok_ && !report_dir_error;
      return;
    }
    const std::string excluded_in = cfg_.exclude.empty() ? std::string() : PathFilter::dir_prefix_of(d);
    for (const DirEntry& e : listing.entries) {
      if (e.name.empty() || e.name[0] == '.') continue;  // .keep, editor files
      if (!excluded_in.empty() && cfg_.exclude.excluded(excluded_in, e.name, e.kind == DirEntry::Kind::Dir)) continue;
      if (e.error != 0) unreadable(child_prefix(d) + std::string(e.name), std::strerror(e.error));
      else if (e.kind == DirEntry::Kind::Dir) dirs.push_back(e.name);
      else if (e.kind == DirEntry::Kind::File) files.push_back(e.name);
      // A FIFO, device or socket named like a migration is never read.
      else if (e.name.ends_with(".sql")) unreadable(child_prefix(d) + std::string(e.name), "not a regular file");
    }
    if (!listing.error.empty()) unreadable(d.native(), listing.error);
  }

  void scan_top() {
    list_dir(folder_.dir, top_files_, top_dirs_, true);
    if (top_ok_) top_dir_.emplace(folder_.dir);
  }

  // The layout that claims a top-level .sql file, asking layouts that tell
  // by the name, then (once the file is read) by the text, then the fallback.
  const LayoutKind* claim(std::string_view f) {
    using Detect = LayoutKind::Detect;
    for (const LayoutKind* k : all_layouts())
      if (k->detect() == Detect::ByName && k->claims_file(f, nullptr)) return k;
    const std::string* text = this->text(f);
    if (!text) return nullptr;
    for (Detect tier : {Detect::ByText, Detect::Fallback})
      for (const LayoutKind* k : all_layouts())
        if (k->detect() == tier && k->claims_file(f, text)) return k;
    return nullptr;
  }

  static const LayoutKind& fallback_layout() {
    for (const LayoutKind* k : all_layouts())
      if (k->detect() == LayoutKind::Detect::Fallback) return *k;
    return *all_layouts().back();
  }

  const LayoutKind& choose_layout() {
    if (const LayoutKind* explicit_layout = find_layout(cfg_.layout)) return *explicit_layout;
    const std::vector<const LayoutKind*>& kinds = all_layouts();
    std::vector<size_t> counts(kinds.size());
    const auto count = [&](const LayoutKind* k) {
      ++counts[static_cast<size_t>(std::find(kinds.begin(), kinds.end(), k) - kinds.begin())];
    };
    for (std::string_view f : top_files_)
      if (ends_with(f, ".sql"))
        if (const LayoutKind* k = claim(f)) count(k);
    for (std::string_view name : top_dirs_)
      for (const LayoutKind* k : kinds)
        if (k->claims_dir(name, *this)) {
          count(k);
          break;
        }
    // Files of the fallback beside a structured layout are strays, not a layout of their own.
    const LayoutKind& fallback = fallback_layout();
    std::vector<std::pair<const LayoutKind*, size_t>> seen;
    size_t fallback_count = 0;
    for (size_t i = 0; i < kinds.size(); ++i) {
      if (counts[i] == 0) continue;
      if (kinds[i] == &fallback) fallback_count = counts[i];
      else seen.emplace_back(kinds[i], counts[i]);
    }
    if (seen.empty()) {
      if (fallback_count > 0) return fallback;
      size_t sql = 0;
      for (std::string_view f : top_files_) sql += ends_with(f, ".sql");
      std::string what = std::to_string(top_files_.size()) + " file(s) (" + std::to_string(sql) + " .sql) and " +
                         std::to_string(top_dirs_.size()) + " folder(s)";
      nothing_recognised_ = true;
      folder_.diagnostics.push_back(no_migrations_recognised_finding(display_path(folder_.dir.native()), what));
      return fallback;
    }
    std::stable_sort(seen.begin(), seen.end(), [](auto& a, auto& b) { return a.second > b.second; });
    if (seen.size() > 1) {
      std::string parts;
      for (auto [k, n] : seen) {
        if (!parts.empty()) parts += ", ";
        parts += std::to_string(n) + " " + std::string(k->name());
      }
      folder_.diagnostics.push_back(
          mixed_layouts_finding(display_path(folder_.dir.native()), parts, seen[0].first->name()));
    }
    return *seen[0].first;
  }

  // The same as check_readable for a file of the folder itself, looked up
  // from the folder (one path component instead of the whole path, for
  // every file). `name` is a listing's, so NUL-terminated.
  void check_readable_top(std::string_view name, const std::string& p) {
    if (!top_dir_ || top_dir_->fd() < 0) return check_readable(p);
    if (int e = readable_error_at(top_dir_->fd(), name.data())) unreadable(p, std::strerror(e));
  }

  void collect(const LayoutKind& kind) {
    // At most one candidate per .sql file (or folder), and as many files
    // (two per folder): reserved, as growing the arrays would hold the old
    // and the new ones at once.
    size_t sql = 0;
    for (std::string_view f : top_files_) sql += ends_with(f, ".sql");
    cands_.reserve(kind.migration_is_folder() ? top_dirs_.size() : sql);
    folder_.sql_files.reserve(kind.migration_is_folder() ? 2 * top_dirs_.size() : sql);
    kind.collect(*this);
    texts_.clear();  // the sections are found
    if (unmatched_count_ > 0 && !nothing_recognised_) {
      std::string list;
      for (size_t i = 0; i < unmatched_.size(); ++i) list += (i ? ", " : "") + unmatched_[i];
      if (unmatched_count_ > 5) list += ", … (" + std::to_string(unmatched_count_ - 5) + " more)";
      folder_.diagnostics.push_back(
          unmatched_entries_finding(display_path(folder_.dir.native()), unmatched_count_, list, kind.name()));
    }
  }

  void build(const LayoutKind& kind) {
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
        if (c->part == Part::Both) plan.push_back({c});
        else (c->part == Part::Up ? ups : downs).push_back(c);
      }
      // A preferred file replaces the others of its version and part.
      for (auto* list : {&ups, &downs}) {
        bool specific = std::any_of(list->begin(), list->end(), [](const Candidate* c) { return c->preferred; });
        if (specific)
          list->erase(std::remove_if(list->begin(), list->end(), [](const Candidate* c) { return !c->preferred; }),
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
    const bool runner_tx = kind.in_transaction_by_default() || runner_wraps_;
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
  DirListings& listings_;     // its listings outlive loading: names are views into them
  MigrationFolder folder_;
  std::string top_prefix_;  // folder_.dir / name, less the name
  bool top_ok_ = true;
  std::optional<OpenDirectory> top_dir_;  // the folder, for check_readable_top
  bool nothing_recognised_ = false;       // already reported as a whole
  // Some name says that the folder's runner wraps each migration in a
  // transaction (LayoutKind::in_transaction_by_default aside).
  bool runner_wraps_ = false;
  std::vector<std::string_view> top_files_, top_dirs_;  // names of the folder's files and folders
  // Texts of the folder's files read so far (nullopt: unreadable, reported).
  std::unordered_map<std::string_view, std::optional<std::string>> texts_;
  std::vector<Candidate> cands_;
  std::deque<std::string> kept_;        // names the candidates view that no listing holds (Flyway's subfolders)
  std::vector<std::string> unmatched_;  // the first five
  size_t unmatched_count_ = 0;
};

}  // namespace

std::optional<std::pair<std::string, VersionKey>> version_from_relative_path(const fs::path& rel,
                                                                             const LayoutKind& layout) {
  std::vector<std::string> parts;
  for (const fs::path& p : rel) parts.push_back(p.string());
  if (parts.empty()) return std::nullopt;
  Candidate c;
  if (!layout.version_of(parts, c)) return std::nullopt;
  return std::make_pair(std::string(c.version), c.key);
}

std::string_view migration_stem(const Migration& m, const LayoutKind& layout) {
  // The loader matched this same name to make the migration.
  return layout.stem(m.primary_file());
}

void resection_from_text(MigrationFolder& folder, const Config& cfg, const Symbol& file, std::string_view text) {
  const LayoutKind& kind = *folder.layout;
  if (!kind.has_sections()) return;
  for (Migration& m : folder.migrations) {
    if (!(m.up && m.up->file == file) && !(m.down && m.down->file == file)) continue;
    Candidate c;
    kind.sections(text, c);
    m.up = section_of(file, c.up);
    m.down = section_of(file, c.down);
    m.in_transaction = transaction_of(c, cfg, kind.in_transaction_by_default());
  }
}

MigrationFolder load_migration_folder(const fs::path& dir, const Config& cfg, DirListings* listings) {
  check_layout_setting(cfg);
  return Loader(dir, cfg, listings).run();
}

}  // namespace miglint
