// Reading files as bytes, and checking them, from a path or relative to a
// directory held open.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace miglint {

// The largest file read: 64 MiB unless `max_file_size_mb` in miglint.toml
// says otherwise (set once per analysis, before any file is read). Larger
// files, and files that are no regular file (devices, FIFOs, sockets), are
// refused with the reason, never read until memory runs out.
inline constexpr std::size_t kDefaultMaxFileBytes = std::size_t{64} << 20;
void set_max_file_bytes(std::size_t limit);
std::size_t max_file_bytes();
// "larger than the 64 MiB limit (max_file_size_mb in miglint.toml)"
std::string too_large_reason(std::size_t limit);

// Reads a whole regular file as bytes, up to `limit` bytes (default:
// max_file_bytes()); false (and the reason in *error) when it cannot.
bool read_file_bytes(const std::filesystem::path& p, std::string& out, std::string* error = nullptr,
                     std::size_t limit = 0);
// The same for `rel`, relative to the open directory `dirfd` (a folder's
// files: the kernel looks up one name, not the whole path); AT_FDCWD for a
// path relative to the working directory.
bool read_file_bytes_at(int dirfd, const char* rel, std::string& out, std::string* error = nullptr,
                        std::size_t limit = 0);

// Replaces `p` with `bytes` atomically (a temporary file in the same
// folder, renamed over it; a reader never sees half a file), keeping an
// existing file's permissions; false (and why in *error) when it cannot.
bool write_file_atomically(const std::filesystem::path& p, std::string_view bytes, std::string* error = nullptr);

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
