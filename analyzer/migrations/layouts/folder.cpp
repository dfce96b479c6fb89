// folder: <version>_<name>/up.sql + down.sql (diesel, sqlx); folder names may
// contain spaces, versions may be diesel's YYYY-MM-DD-HHMMSS[-NNNN].
//
// Transaction mode: diesel wraps each migration in a transaction unless its
// metadata.toml says `run_in_transaction = false`.
#include <fcntl.h>
#include <toml++/toml.h>

#include <filesystem>
#include <string>

#include "analyzer/migrations/dir_listing.h"
#include "analyzer/migrations/layout.h"
#include "analyzer/migrations/reader_findings.h"
#include "analyzer/source/display_path.h"
#include "analyzer/source/file_io.h"

namespace miglint::layouts {
namespace {

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

void read_metadata(FolderReader& reader, const std::string& p, Candidate& c) {
  std::string text, err;
  if (!read_file_bytes_at(AT_FDCWD, p.c_str(), text, &err)) {
    reader.unreadable(p, err);
    return;
  }
  try {
    toml::table t = toml::parse(text, p);
    if (auto v = t["run_in_transaction"].value<bool>()) c.in_transaction = *v;
  } catch (const toml::parse_error& e) {
    reader.report(
        invalid_metadata_finding(display_path(p), e.description(), e.source().begin.line, e.source().begin.column));
  }
}

class Folder final : public LayoutKind {
 public:
  std::string_view name() const override { return "folder"; }

  Detect detect() const override { return Detect::None; }
  bool claims_dir(std::string_view name, FolderReader& reader) const override {
    Candidate c;
    if (!match_folder_name(name, c)) return false;
    // From the listing, which loading the directory needs again.
    const DirListing& l = reader.listing(reader.path_of(name));
    return l.has("up.sql") || l.has("down.sql");
  }

  void collect(FolderReader& reader) const override {
    for (std::string_view f : reader.top_files())
      if (ends_with(f, ".sql")) reader.unmatched(f);
    std::vector<std::string_view> files, dirs;
    for (std::string_view name : reader.top_dirs()) {
      Candidate base;
      base.rel = name;
      if (!match_folder_name(name, base)) {
        reader.unmatched(std::string(name) + "/");
        continue;
      }
      files.clear();
      dirs.clear();
      reader.list(reader.path_of(name), files, dirs);
      bool any = false;
      for (std::string_view fname : files) {
        if (fname == "up.sql" || fname == "down.sql") {
          const bool up = fname == "up.sql";
          std::string p = reader.path_of(name, up ? "/up.sql" : "/down.sql");
          reader.check_readable(p);
          (up ? base.up : base.down) = Range{};
          (up ? base.up_file : base.down_file) = reader.add_sql_file(p);
          any = true;
        } else if (fname == "metadata.toml") {
          read_metadata(reader, reader.path_of(name, "/metadata.toml"), base);
        }
      }
      if (!any) {
        reader.unmatched(std::string(name) + "/");
        continue;
      }
      base.part = Part::Both;
      reader.add(std::move(base));
    }
  }
  bool migration_is_folder() const override { return true; }
  bool in_transaction_by_default() const override { return true; }

  std::string_view stem(std::string_view file) const override {
    // <folder>/up.sql: the folder's name.
    std::string_view dir = file.substr(0, file.size() - file_name(file).size());
    if (dir.ends_with('/')) dir.remove_suffix(1);
    return file_name(dir);
  }
  bool version_of(const std::vector<std::string>& parts, Candidate& c) const override {
    return parts.size() == 2 && (parts[1] == "up.sql" || parts[1] == "down.sql") && match_folder_name(parts[0], c);
  }

  Downs downs() const override { return Downs::Expected; }
  std::string missing_down_help(const Migration& m) const override {
    return "add down.sql to " + std::filesystem::path(m.up->file.str()).parent_path().filename().string() + "/";
  }
};

}  // namespace

const LayoutKind& folder_layout() {
  static const Folder kind;
  return kind;
}

}  // namespace miglint::layouts
