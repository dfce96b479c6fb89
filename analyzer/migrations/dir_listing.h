// Directory listings shared by folder discovery and the loader within one
// analysis. Listing a directory costs several system calls; a folder of
// `<version>_<name>/up.sql` directories was listed once to find it and again
// to load it, which was a sixth of a whole check of such a folder.
#pragma once
#include <filesystem>
#include <memory>
#include <memory_resource>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace miglint {

struct DirEntry {
  enum class Kind { File, Dir, Other };
  // Into its listing, and followed by a NUL (name.data() is a C string). The
  // path is the directory's / name (built only where needed).
  std::string_view name;
  Kind kind = Kind::Other;  // of what the entry points at, for a symlink
  bool symlink = false;
  int error = 0;  // errno of the stat that failed (kind is then Other); 0: none
};

struct DirListing {
  std::string error;              // the directory itself could not be read (entries may be partial)
  bool opened = false;            // false: not even opened (error says why)
  std::vector<DirEntry> entries;  // sorted by name, hidden entries included

  // An entry of that name that could be stat'ed (what std::filesystem::exists
  // would say of dir / name).
  bool has(std::string_view name) const;

 private:
  friend DirListing list_directory(const std::filesystem::path& dir);
  // The entries' names, packed: a std::string per entry (and an allocation
  // for any name of 16 bytes or more) takes twice the bytes of the name. Behind
  // a pointer so that moving the listing leaves the names where they are.
  std::unique_ptr<std::pmr::monotonic_buffer_resource> names_;
};

// Lists one directory, following symlinked entries to learn their kind.
DirListing list_directory(const std::filesystem::path& dir);

// Listings remembered for the duration of one analysis (not across: the
// directory may change).
class DirListings {
 public:
  const DirListing& get(const std::filesystem::path& dir);
  // Forgets every listing (once loading is over: a large folder's listing
  // holds an entry per file).
  void clear();

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<DirListing>> by_dir_;
};

}  // namespace miglint
