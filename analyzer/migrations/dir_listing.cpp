#include "analyzer/migrations/dir_listing.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace miglint {

namespace fs = std::filesystem;

DirListing list_directory(const fs::path& dir) {
  DirListing out;
  // readdir, not std::filesystem::directory_iterator: the iterator builds a
  // full path per entry, which cost more than the listing itself in folders
  // of 100,000 files.
  DIR* d = ::opendir(dir.c_str());
  if (!d) {
    out.error = std::strerror(errno);
    return out;
  }
  out.opened = true;
  out.names_ = std::make_unique<std::pmr::monotonic_buffer_resource>();
  const int fd = ::dirfd(d);
  while (true) {
    errno = 0;
    const dirent* ent = ::readdir(d);
    if (!ent) {
      if (errno != 0) out.error = std::strerror(errno);
      break;
    }
    const std::string_view name = ent->d_name;
    if (name == "." || name == "..") continue;
    DirEntry e;
    char* kept = static_cast<char*>(out.names_->allocate(name.size() + 1, 1));
    std::memcpy(kept, name.data(), name.size() + 1);  // with its NUL
    e.name = std::string_view(kept, name.size());
    unsigned char type = ent->d_type;
    if (type == DT_LNK || type == DT_UNKNOWN) {
      // Only symlinks (and file systems that do not say) need a stat to
      // learn what the entry is or points at.
      struct stat st;
      if (type == DT_UNKNOWN && ::fstatat(fd, ent->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
        type = DT_LNK;
      e.symlink = type == DT_LNK;
      if (::fstatat(fd, ent->d_name, &st, 0) != 0) e.error = errno;
      else if (S_ISDIR(st.st_mode)) e.kind = DirEntry::Kind::Dir;
      else if (S_ISREG(st.st_mode)) e.kind = DirEntry::Kind::File;
    } else if (type == DT_DIR) {
      e.kind = DirEntry::Kind::Dir;
    } else if (type == DT_REG) {
      e.kind = DirEntry::Kind::File;
    }
    out.entries.push_back(std::move(e));
  }
  ::closedir(d);
  std::sort(out.entries.begin(), out.entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

bool DirListing::has(std::string_view name) const {
  const auto it = std::lower_bound(entries.begin(), entries.end(), name,
                                   [](const DirEntry& e, std::string_view n) { return e.name < n; });
  return it != entries.end() && it->name == name && it->error == 0;
}

const DirListing& DirListings::get(const fs::path& dir) {
  {
    std::lock_guard lock(mu_);
    if (const auto it = by_dir_.find(dir.native()); it != by_dir_.end()) return *it->second;
  }
  auto listing = std::make_unique<DirListing>(list_directory(dir));
  std::lock_guard lock(mu_);
  auto [it, fresh] = by_dir_.try_emplace(dir.native(), std::move(listing));
  return *it->second;
}

void DirListings::clear() {
  std::lock_guard lock(mu_);
  by_dir_.clear();
}

}  // namespace miglint
