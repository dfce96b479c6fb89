// A migrations layout (one tool's way of naming, splitting and running
// migrations) as a plug-in: one file per layout under layouts/, listed in
// layouts/all_layouts.cpp. The loader (load.cpp) asks the layout what the
// folder's entries are and keeps what is common to all: detection counts,
// pairing of ups and downs, order and transaction mode.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/source/strings.h"
#include "analyzer/migrations/migration.h"

namespace miglint {

struct DirListing;

enum class Part { Up, Down, Both };

// A byte range of a file; the whole file by default.
struct Range {
  size_t begin = 0;
  size_t end = SIZE_MAX;
};

// One file (or folder) that the layout recognised as (part of) a migration.
// It holds no copy of a path or a name: a large folder holds one per file.
// The strings are views into the file's name (in the directory listing,
// which outlives loading, or kept by FolderReader::keep); its files' paths
// (the folder's path plus rel) are Symbols, made once as they go into
// sql_files.
struct Candidate {
  std::string_view rel;  // relative name for messages and sorting
  std::string_view version;
  VersionKey key;
  std::string_view name;
  std::string_view stem;
  Part part = Part::Up;
  // Replaces the other files of its version and part (popx: the .postgres.
  // file wins over the neutral one).
  bool preferred = false;
  std::optional<bool> in_transaction;
  bool repeatable = false;
  std::optional<Range> up, down;  // Both: sections of one file; folders: up.sql / down.sql
  Symbol up_file, down_file;      // the same file but for diesel folders' up.sql / down.sql
};

// What a layout reads of the folder and gives back while it is loaded: the
// loader's side of the plug-in interface.
class FolderReader {
 public:
  virtual ~FolderReader() = default;

  virtual const std::filesystem::path& dir() const = 0;
  // The names of the folder's own files and folders (hidden entries left out).
  virtual const std::vector<std::string_view>& top_files() const = 0;
  virtual const std::vector<std::string_view>& top_dirs() const = 0;
  // What dir / rel + tail spells, as every path of the folder's files does.
  virtual std::string path_of(std::string_view rel, std::string_view tail = {}) const = 0;
  // A directory's listing, shared with discovery.
  virtual const DirListing& listing(const std::filesystem::path& d) = 0;
  // The names of a directory's files and folders (views into its listing);
  // entries that cannot be stat'ed are reported.
  virtual void list(const std::filesystem::path& d, std::vector<std::string_view>& files,
                    std::vector<std::string_view>& dirs) = 0;
  // The text of one of the folder's own files, read once; nullptr when it
  // cannot be read (reported then).
  virtual const std::string* text(std::string_view name) = 0;
  // Keeps a string as long as the candidates that view it.
  virtual std::string_view keep(std::string s) = 0;

  virtual void unreadable(const std::string& path, const std::string& why) = 0;
  // A .sql file (or a folder, named with its '/') that does not fit the layout.
  virtual void unmatched(std::string_view rel) = 0;
  virtual void report(Diagnostic d) = 0;
  // Reports the file as unreadable when it cannot be read.
  virtual void check_readable(const std::string& path) = 0;
  // Puts a file in sql_files; the Symbol is what its sections will name.
  virtual Symbol add_sql_file(const std::string& path) = 0;
  // A candidate that is one whole file (c.rel): of the folder itself when `top`.
  virtual void add_whole(Candidate c, bool top) = 0;
  // A candidate whose files and ranges are set.
  virtual void add(Candidate c) = 0;
  // The folder's names say that its runner wraps every migration in a
  // transaction, whatever the layout's default.
  virtual void runner_wraps_in_transaction() = 0;
};

class LayoutKind {
 public:
  virtual ~LayoutKind() = default;

  virtual std::string_view name() const = 0;

  // ---- detection (migrations.layout = auto)
  // When detection asks the layout about a top-level .sql file: layouts that
  // tell by the name first, then, once the file is read, those that tell by
  // its text, then the fallback (the one layout whose files are whatever
  // else is named like a migration; a folder where no other layout is
  // recognised is read as it).
  enum class Detect { None, ByName, ByText, Fallback };
  virtual Detect detect() const = 0;
  // `text`: the file's, from ByText on; null for ByName.
  virtual bool claims_file(std::string_view /*name*/, const std::string* /*text*/) const { return false; }
  // A top-level folder that is one of the layout's migrations.
  virtual bool claims_dir(std::string_view /*name*/, FolderReader& /*reader*/) const { return false; }

  // ---- loading
  // Turns the folder's entries into candidates (reader.add, add_whole) and
  // reports the .sql files that do not fit (reader.unmatched).
  virtual void collect(FolderReader& reader) const = 0;
  // A migration is a folder of files (diesel): its folder stands for it.
  virtual bool migration_is_folder() const { return false; }
  // The migrations follow from the names in the folder's own listing alone:
  // a folder whose directory did not change loads the same.
  virtual bool listing_decides() const { return false; }
  // Whether the runner wraps a migration in a transaction unless the
  // migration or the config says otherwise.
  virtual bool in_transaction_by_default() const = 0;

  // ---- names
  // The primary file's name without the layout's suffixes (its folder's
  // name, for a folder): what name_pattern matches. `file` is the path the
  // loader made the migration from.
  virtual std::string_view stem(std::string_view file) const = 0;
  // The version of the migration a path (relative to the folder, split into
  // its components) belongs to; false when it is none of the layout's.
  virtual bool version_of(const std::vector<std::string>& parts, Candidate& c) const = 0;

  // ---- sections
  // Both halves of a migration are sections of one file, found in its text.
  virtual bool has_sections() const { return false; }
  // The sections (and the transaction mode their annotations set) in `text`.
  virtual void sections(std::string_view /*text*/, Candidate& /*c*/) const {}

  // ---- downs
  // None: no down migrations at all; Expected: every up has one; WhenUsed:
  // optional, expected only in a folder where some migration has one.
  enum class Downs { None, Expected, WhenUsed };
  virtual Downs downs() const = 0;
  // How to add the down a migration lacks (missing-down's help, before its
  // common ending).
  virtual std::string missing_down_help(const Migration& m) const = 0;
};

// Every layout, in the order that breaks ties between layouts detected as
// often (layouts/all_layouts.cpp).
const std::vector<const LayoutKind*>& all_layouts();

// ---- helpers shared by layouts (layout.cpp) -----------------------------------
namespace layouts {

bool ends_with(std::string_view s, std::string_view suffix);
// The part of a path after its last '/'.
std::string_view file_name(std::string_view path);

// A line of a file, with its byte range.
struct Line {
  size_t begin, end, next;  // end excludes the terminator; next is the following line's start
  std::string_view text;    // without the terminator (and the first line without a BOM)
};
std::vector<Line> split_lines(std::string_view text);

// "<version>_<name>" or "V<version>.<name>" (authelia) or "<version>": the
// version's digits, then one of `seps` before the name.
bool split_version_name(std::string_view stem, std::string_view& version, std::string_view& name, bool allow_v,
                        std::string_view seps);
// <version><sep><name>.sql (goose, dbmate, plain).
bool match_single(std::string_view file, Candidate& c, std::string_view seps);

// Goose and dbmate: one <version>_<name>.sql per migration holding both
// halves as sections, recognised by its text (claims_file and sections are
// the layout's).
class SectionedFileLayout : public LayoutKind {
 public:
  Detect detect() const override { return Detect::ByText; }
  void collect(FolderReader& reader) const override;
  std::string_view stem(std::string_view file) const override;
  bool version_of(const std::vector<std::string>& parts, Candidate& c) const override;
  bool has_sections() const override { return true; }
};

}  // namespace layouts

}  // namespace miglint
