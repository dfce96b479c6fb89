#include "analyzer/source/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace miglint {

bool read_file_bytes(const std::filesystem::path& p, std::string& out, std::string* error) {
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

int readable_error_at(int dirfd, const char* rel) { return ::faccessat(dirfd, rel, R_OK, 0) == 0 ? 0 : errno; }

OpenDirectory::OpenDirectory(const std::filesystem::path& dir)
    : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}

OpenDirectory::~OpenDirectory() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace miglint
