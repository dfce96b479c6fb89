#include "analyzer/verify/pg.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace miglint::verify {
namespace {

std::atomic<int> g_signal{0};
std::mutex g_mu;
std::set<PGcancel*> g_cancels;  // queries in flight
std::set<int> g_children;       // short-lived children (pg_dump, initdb)

void cancel_everything() {
  const std::lock_guard lock(g_mu);
  char buf[256];
  for (PGcancel* c : g_cancels) PQcancel(c, buf, sizeof buf);
  for (int pid : g_children) kill(-pid, SIGTERM);
}

sigset_t watched_signals() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  sigaddset(&s, SIGTERM);
  sigaddset(&s, SIGHUP);
  return s;
}

std::atomic<bool> g_watch_stop{false};
std::thread g_watch;

struct CancelRegistration {
  PGcancel* cancel;
  explicit CancelRegistration(PGconn* conn) : cancel(PQgetCancel(conn)) {
    const std::lock_guard lock(g_mu);
    if (cancel) g_cancels.insert(cancel);
  }
  ~CancelRegistration() {
    const std::lock_guard lock(g_mu);
    if (cancel) {
      g_cancels.erase(cancel);
      PQfreeCancel(cancel);
    }
  }
  CancelRegistration(const CancelRegistration&) = delete;
  CancelRegistration& operator=(const CancelRegistration&) = delete;
  void fire() const {
    char buf[256];
    if (cancel) PQcancel(cancel, buf, sizeof buf);
  }
};

std::string field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v ? v : "";
}

}  // namespace

InterruptWatch::InterruptWatch() {
  const sigset_t s = watched_signals();
  pthread_sigmask(SIG_BLOCK, &s, nullptr);
  ::signal(SIGPIPE, SIG_IGN);  // a server that goes away is an error, not death
  g_watch_stop = false;
  g_watch = std::thread([] {
    const sigset_t set = watched_signals();
    const timespec tick{0, 100'000'000};
    while (!g_watch_stop) {
      const int sig = sigtimedwait(&set, nullptr, &tick);
      if (sig > 0 && g_signal == 0) {
        g_signal = sig;
        cancel_everything();
      } else if (sig > 0) {
        cancel_everything();  // a second Ctrl-C: cancel again
      }
    }
  });
}

InterruptWatch::~InterruptWatch() {
  g_watch_stop = true;
  if (g_watch.joinable()) g_watch.join();
}

int InterruptWatch::signal() const { return g_signal; }

bool interrupted() { return g_signal != 0; }

void throw_if_interrupted() {
  if (interrupted()) throw Interrupted();
}

ConnParams parse_conninfo(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
  if (!opts) {
    std::string why = err ? err : "invalid connection string";
    PQfreemem(err);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    throw std::invalid_argument(why);
  }
  ConnParams out;
  for (PQconninfoOption* o = opts; o->keyword; ++o)
    if (o->val && *o->val) out[o->keyword] = o->val;
  PQconninfoFree(opts);
  return out;
}

std::string describe(const ConnParams& p) {
  auto get = [&](const char* k, const char* def) {
    auto it = p.find(k);
    return it == p.end() ? std::string(def) : it->second;
  };
  return fmt::format("{}:{}/{}", get("host", "localhost"), get("port", "5432"), get("dbname", "(default)"));
}

namespace {

// libpq's keyword and value arrays, null-terminated, pointing into `p`.
struct ParamArrays {
  std::vector<const char*> keys, values;
  explicit ParamArrays(const ConnParams& p) {
    for (const auto& [k, v] : p) {
      keys.push_back(k.c_str());
      values.push_back(v.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
  }
};

}  // namespace

bool accepts_connections(const ConnParams& params) {
  const ParamArrays a(params);
  return PQpingParams(a.keys.data(), a.values.data(), 0) == PQPING_OK;
}

Connection::Connection(const ConnParams& params) {
  const ParamArrays a(params);
  conn_ = PQconnectdbParams(a.keys.data(), a.values.data(), 0);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string why = conn_ ? PQerrorMessage(conn_) : "out of memory";
    while (!why.empty() && why.back() == '\n') why.pop_back();
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
    throw ServerLost(fmt::format("cannot connect to {}: {}", describe(params), why));
  }
  // NOTICEs (`… does not exist, skipping`) are the migration's business.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

std::optional<PgError> Connection::run(const std::string& sql, std::chrono::milliseconds timeout,
                                       std::string_view copy_data) {
  throw_if_interrupted();
  auto lost = [&] {
    std::string why = PQerrorMessage(conn_);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    return ServerLost("the server closed the connection: " + why);
  };
  if (!PQsendQuery(conn_, sql.c_str())) throw lost();
  const CancelRegistration cancel(conn_);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  std::optional<PgError> error;
  for (;;) {
    while (PQisBusy(conn_)) {
      pollfd p{PQsocket(conn_), POLLIN, 0};
      const int n = poll(&p, 1, 100);
      if (n < 0 && errno != EINTR) throw lost();
      if (!PQconsumeInput(conn_)) throw lost();
      if (timeout.count() > 0 && !timed_out && std::chrono::steady_clock::now() > deadline) {
        timed_out = true;
        cancel.fire();
      }
    }
    PGresult* r = PQgetResult(conn_);
    if (!r) break;
    switch (PQresultStatus(r)) {
      case PGRES_FATAL_ERROR:
        if (!error) {
          PgError e;
          e.sqlstate = field(r, PG_DIAG_SQLSTATE);
          e.message = field(r, PG_DIAG_MESSAGE_PRIMARY);
          if (e.message.empty()) e.message = PQresultErrorMessage(r);
          const std::string detail = field(r, PG_DIAG_MESSAGE_DETAIL), hint = field(r, PG_DIAG_MESSAGE_HINT);
          e.detail = detail.empty() ? "" : "DETAIL: " + detail;
          if (!hint.empty()) e.detail += (e.detail.empty() ? "" : "\n") + ("HINT: " + hint);
          const std::string pos = field(r, PG_DIAG_STATEMENT_POSITION);
          e.position = pos.empty() ? 0 : std::atoi(pos.c_str());
          error = e;
        }
        break;
      case PGRES_COPY_IN:
        if (!copy_data.empty() && PQputCopyData(conn_, copy_data.data(), static_cast<int>(copy_data.size())) != 1)
          throw lost();
        if (PQputCopyEnd(conn_, nullptr) != 1) throw lost();
        break;
      case PGRES_COPY_OUT: {
        char* buf = nullptr;
        while (PQgetCopyData(conn_, &buf, 0) > 0) PQfreemem(buf);
        break;
      }
      default: break;
    }
    PQclear(r);
    if (PQstatus(conn_) == CONNECTION_BAD) throw lost();
  }
  if (PQstatus(conn_) == CONNECTION_BAD) throw lost();
  throw_if_interrupted();
  if (error && timed_out && error->sqlstate == "57014") error->timed_out = true;
  return error;
}

Rows Connection::query(const std::string& sql) {
  throw_if_interrupted();
  PGresult* r = PQexec(conn_, sql.c_str());
  if (PQstatus(conn_) == CONNECTION_BAD) {
    PQclear(r);
    throw ServerLost(std::string("the server closed the connection: ") + PQerrorMessage(conn_));
  }
  const auto st = PQresultStatus(r);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
    std::string why = PQresultErrorMessage(r);
    PQclear(r);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    throw std::runtime_error("query failed: " + why);
  }
  Rows out;
  for (int i = 0; i < PQntuples(r); ++i) {
    auto& row = out.rows.emplace_back();
    for (int c = 0; c < PQnfields(r); ++c)
      row.push_back(PQgetisnull(r, i, c) ? std::nullopt : std::optional<std::string>(PQgetvalue(r, i, c)));
  }
  PQclear(r);
  return out;
}

bool Connection::run_regardless(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  PQclear(r);
  return ok;
}

int Connection::backend_pid() const { return PQbackendPID(conn_); }

bool Connection::in_transaction() const {
  const auto s = PQtransactionStatus(conn_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR;
}

int Connection::server_version() const { return PQserverVersion(conn_); }

std::string Connection::server_version_text() const {
  const char* v = PQparameterStatus(conn_, "server_version");
  return v ? v : fmt::format("{}", server_version());
}

namespace {

struct PreparedChild {
  std::vector<std::string> env_strings;
  std::vector<char*> argv, envp;
};

PreparedChild prepare(const ProcessSpec& spec) {
  PreparedChild c;
  for (char** e = environ; *e; ++e) {
    const std::string_view kv(*e);
    const std::string key(kv.substr(0, kv.find('=')));
    if (!spec.env.count(key)) c.env_strings.emplace_back(kv);
  }
  for (const auto& [k, v] : spec.env) c.env_strings.push_back(std::string(k).append("=").append(v));
  for (const auto& a : spec.argv) c.argv.push_back(const_cast<char*>(a.c_str()));
  c.argv.push_back(nullptr);
  for (auto& s : c.env_strings) c.envp.push_back(s.data());
  c.envp.push_back(nullptr);
  return c;
}

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const ProcessSpec& spec, PreparedChild& c, int out_fd, int err_fd) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  setsid();
  if (out_fd >= 0) dup2(out_fd, 1);
  if (err_fd >= 0) dup2(err_fd, 2);
  const int devnull = open("/dev/null", O_RDONLY);
  if (devnull >= 0) dup2(devnull, 0);
  if (spec.run_as) {
    if (setgroups(0, nullptr) != 0 || setgid(spec.run_as->second) != 0 || setuid(spec.run_as->first) != 0) _exit(126);
  }
  // Should miglint die without cleaning up (SIGKILL), the server goes too
  // (set after setuid, which clears it).
  prctl(PR_SET_PDEATHSIG, SIGQUIT);
  execve(c.argv[0], c.argv.data(), c.envp.data());
  _exit(127);
}

}  // namespace

ProcessResult run_process(const ProcessSpec& spec) {
  throw_if_interrupted();
  PreparedChild c = prepare(spec);
  int out[2] = {-1, -1}, err[2];
  int file_fd = -1;
  if (!spec.stdout_file.empty()) {
    file_fd = open(spec.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (file_fd < 0) throw std::runtime_error("cannot write " + spec.stdout_file + ": " + std::strerror(errno));
  } else if (pipe2(out, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  if (pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  int pid = 0;
  {
    const std::lock_guard lock(g_mu);  // registered before a signal can miss it
    pid = fork();
    if (pid == 0) exec_child(spec, c, file_fd >= 0 ? file_fd : out[1], err[1]);
    if (pid > 0) g_children.insert(pid);
  }
  if (file_fd >= 0) close(file_fd);
  if (out[1] >= 0) close(out[1]);
  close(err[1]);
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  ProcessResult r;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = (out[0] >= 0 ? 1 : 0) + 1;
  char buf[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, 200) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  {
    const std::lock_guard lock(g_mu);
    g_children.erase(pid);
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  throw_if_interrupted();
  return r;
}

int start_process(const ProcessSpec& spec) {
  PreparedChild c = prepare(spec);
  int fd = -1;
  if (!spec.stdout_file.empty()) {
    fd = open(spec.stdout_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + spec.stdout_file + ": " + std::strerror(errno));
    if (spec.run_as && fchown(fd, spec.run_as->first, spec.run_as->second) != 0) {
      // the child writes through the inherited descriptor: ownership is cosmetic
    }
  }
  const int pid = fork();
  if (pid == 0) exec_child(spec, c, fd, fd);
  if (fd >= 0) close(fd);
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  return pid;
}

bool process_exited(int pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == pid;
}

void stop_process(int pid, std::chrono::milliseconds grace) {
  const int steps[] = {SIGINT, SIGQUIT, SIGKILL};
  for (int sig : steps) {
    if (kill(pid, sig) != 0) break;  // already gone (or reaped)
    const auto until = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      const int w = waitpid(pid, &status, WNOHANG);
      if (w == pid || (w < 0 && errno == ECHILD)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
}

}  // namespace miglint::verify
