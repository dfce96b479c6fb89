// Reading files as bytes, and checking them, from a path or relative to a
// directory held open.
#pragma once
#include <filesystem>
#include <string>

namespace miglint {

// Reads a whole file as bytes; false (and errno text in *error) when it cannot.
bool read_file_bytes(const std::filesystem::path& p, std::string& out, std::string* error = nullptr);
// The same for `rel`, relative to the open directory `dirfd` (a folder's
// files: the kernel looks up one name, not the whole path); AT_FDCWD for a
// path relative to the working directory.
bool read_file_bytes_at(int dirfd, const char* rel, std::string& out, std::string* error = nullptr);

// 0 when `rel` (relative to `dirfd`, or AT_FDCWD) could be opened for
// reading, else the errno: what open(2) would say, without opening it.
int readable_error_at(int dirfd, const char* rel);

// A directory held open, so that its files are opened or checked by name
// relative to it (openat, faccessat): the kernel then looks up one name
// instead of walking the whole path for every file. fd() < 0 when it could
// not be opened.
class OpenDirectory {
 public:
  explicit OpenDirectory(const std::filesystem::path& dir);
  ~OpenDirectory();
  OpenDirectory(const OpenDirectory&) = delete;
  OpenDirectory& operator=(const OpenDirectory&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace miglint
