#include "analyzer/source/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace miglint {

namespace {
std::atomic<std::size_t> max_bytes{kDefaultMaxFileBytes};

const char* not_regular(mode_t mode) {
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}
}  // namespace

void set_max_file_bytes(std::size_t limit) { max_bytes = limit; }
std::size_t max_file_bytes() { return max_bytes; }

std::string too_large_reason(std::size_t limit) {
  const std::size_t mib = std::size_t{1} << 20;
  const std::string size = limit % mib == 0 ? std::to_string(limit / mib) + " MiB" : std::to_string(limit) + " bytes";
  return "larger than the " + size + " limit (max_file_size_mb in miglint.toml)";
}

bool read_file_bytes(const std::filesystem::path& p, std::string& out, std::string* error, std::size_t limit) {
  return read_file_bytes_at(AT_FDCWD, p.c_str(), out, error, limit);
}

bool read_file_bytes_at(int dirfd, const char* rel, std::string& out, std::string* error, std::size_t limit) {
  out.clear();
  if (limit == 0) limit = max_file_bytes();
  // open(2) directly: O_NONBLOCK so that opening a FIFO cannot hang us.
  int fd = ::openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    if (error) *error = std::strerror(EISDIR);
    return false;
  }
  // A device or a FIFO may never end: only regular files are read.
  if (!S_ISREG(st.st_mode)) {
    if (error) *error = std::string("not a regular file (") + not_regular(st.st_mode) + ")";
    return false;
  }
  const auto too_large = [&] {
    out.clear();
    out.shrink_to_fit();
    if (error) *error = too_large_reason(limit);
    return false;
  };
  if (static_cast<std::uintmax_t>(st.st_size) > limit) return too_large();
  out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      if (error) *error = std::strerror(errno);
      return false;
    }
    // The file may grow while it is read.
    if (out.size() + static_cast<std::size_t>(n) > limit) return too_large();
    out.append(buf, static_cast<std::size_t>(n));
  }
}

bool write_file_atomically(const std::filesystem::path& p, std::string_view bytes, std::string* error) {
  const auto fail = [&](int e) {
    if (error) *error = std::strerror(e);
    return false;
  };
  // Hidden, so that a folder listing meanwhile skips it.
  std::string name = ".";
  name += p.filename().native();
  name += ".miglint-XXXXXX";
  std::string tmpl = (p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path()) / name;
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return fail(errno);
  struct stat st {};
  if (::stat(p.c_str(), &st) == 0) (void)::fchmod(fd, st.st_mode & 07777);
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = n < 0 ? errno : EIO;
      ::close(fd);
      ::unlink(tmpl.c_str());
      return fail(e);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int e = errno;
    ::unlink(tmpl.c_str());
    return fail(e);
  }
  if (::rename(tmpl.c_str(), p.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmpl.c_str());
    return fail(e);
  }
  return true;
}

int readable_error_at(int dirfd, const char* rel) { return ::faccessat(dirfd, rel, R_OK, 0) == 0 ? 0 : errno; }

OpenDirectory::OpenDirectory(const std::filesystem::path& dir)
    : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}

OpenDirectory::~OpenDirectory() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace miglint
