#include "analyzer/migrations/git.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "analyzer/source/display_path.h"

namespace fs = std::filesystem;

namespace miglint {
namespace {

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

struct FileActions {
  posix_spawn_file_actions_t fa;
  FileActions() { posix_spawn_file_actions_init(&fa); }
  ~FileActions() { posix_spawn_file_actions_destroy(&fa); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
};

fs::path canonical_or_normal(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal() : c;
}

// NUL-separated output (-z) → entries.
std::vector<std::string> split_z(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t z = s.find('\0', pos);
    if (z == std::string::npos) z = s.size();
    if (z > pos) out.push_back(s.substr(pos, z - pos));
    pos = z + 1;
  }
  return out;
}

std::string first_line(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  size_t nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

// Looks the program up on PATH first: where posix_spawnp falls back to
// fork+exec, a missing program only shows as exit code 127.
bool on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t pos = 0;
  while (pos <= dirs.size()) {
    size_t colon = dirs.find(':', pos);
    if (colon == std::string::npos) colon = dirs.size();
    std::string d = dirs.substr(pos, colon - pos);
    if (d.empty()) d = ".";
    if (::access(d.append("/").append(program).c_str(), X_OK) == 0) return true;
    pos = colon + 1;
  }
  return false;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& args) {
  if (args.empty()) throw GitError("no program to run");
  if (!on_path(args[0])) throw GitError("cannot run " + args[0] + ": not found on PATH");
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw GitError(std::string("pipe: ") + std::strerror(errno));
  Fd out_r(out_pipe[0]), out_w(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) throw GitError(std::string("pipe: ") + std::strerror(errno));
  Fd err_r(err_pipe[0]), err_w(err_pipe[1]);

  FileActions fa;
  posix_spawn_file_actions_addopen(&fa.fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa.fa, out_w.fd, 1);
  posix_spawn_file_actions_adddup2(&fa.fa, err_w.fd, 2);

  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &fa.fa, nullptr, argv.data(), environ);
  if (rc != 0) throw GitError("cannot run " + args[0] + ": " + std::strerror(rc));
  out_w.reset();
  err_w.reset();

  ProcessResult result;
  // Read both pipes together so a chatty stderr cannot block the child.
  pollfd fds[2] = {{out_r.fd, POLLIN, 0}, {err_r.fd, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    int n = ::poll(fds, 2, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t r = ::read(fds[i].fd, buf, sizeof buf);
      if (r > 0) {
        sinks[i]->append(buf, static_cast<size_t>(r));
      } else if (r == 0 || errno != EINTR) {
        fds[i].fd = -1;  // the Fd objects close them
        --open_fds;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return result;
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool GitChanges::touches(const fs::path& p) const { return changed.count(canonical_or_normal(p)) > 0; }

bool GitChanges::touches(const Migration& m) const {
  return (m.up && touches(m.up->file.str())) || (m.down && touches(m.down->file.str()));
}

bool GitChanges::existed_at_ref(const Migration& m) const {
  return (m.up && existed.count(canonical_or_normal(m.up->file.str()))) ||
         (m.down && existed.count(canonical_or_normal(m.down->file.str())));
}

GitChanges git_changes_since(const fs::path& dir, const std::string& ref) {
  if (ref.empty() || ref[0] == '-') throw GitError("invalid git revision '" + ref + "'");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw GitError(dir.string() + " is not a directory");
  const std::string d = dir.string();
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", d});
    return run_process(args);
  };

  ProcessResult top = git({"rev-parse", "--show-toplevel"});
  if (top.exit_code != 0)
    throw GitError(display_path(dir) + " is not inside a git work tree (" + first_line(top.err) + ")");
  fs::path root = canonical_or_normal(first_line(top.out));

  ProcessResult verify = git({"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"});
  if (verify.exit_code != 0) throw GitError("unknown git revision '" + ref + "'");
  std::string commit = first_line(verify.out);

  GitChanges changes;
  changes.ref = ref;
  auto collect = [&](const std::vector<std::string>& args, std::set<fs::path>& into, const char* what) {
    ProcessResult r = git(args);
    if (r.exit_code != 0) throw GitError(std::string("git ") + what + " failed: " + first_line(r.err));
    for (const std::string& rel : split_z(r.out)) into.insert(canonical_or_normal(root / rel));
  };
  // Paths from diff, ls-files --full-name and ls-tree --full-name are relative to the top level.
  collect({"diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", commit, "--", "."}, changes.changed, "diff");
  collect({"ls-files", "--others", "--exclude-standard", "--full-name", "-z", "--", "."}, changes.changed, "ls-files");
  collect({"ls-tree", "-r", "--name-only", "--full-name", "-z", commit, "--", "."}, changes.existed, "ls-tree");
  return changes;
}

}  // namespace miglint
