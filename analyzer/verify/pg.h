// What `verify` needs of a PostgreSQL server, through libpq: a connection
// that runs one statement at a time under a client-side deadline (a
// migration may change statement_timeout itself), child processes
// (initdb, postgres, pg_dump) and the interruption that stops them all.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;

namespace miglint::verify {

// Ctrl-C, SIGTERM or SIGHUP arrived: every query in flight is cancelled and
// every child process signalled; the run unwinds and cleans up.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

// The server went away or cannot be reached: the run stops with what it
// has proven so far.
class ServerLost : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Blocks SIGINT, SIGTERM and SIGHUP in every thread and waits for them on a
// thread of its own. Create one before any other thread starts.
class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;
  int signal() const;  // the signal that arrived, or 0
};
bool interrupted();
void throw_if_interrupted();

// Connection parameters as libpq keywords. The password, when any, is only
// ever handed to libpq and to child processes' environment.
using ConnParams = std::map<std::string, std::string>;
// A URL or key=value string parsed by libpq; throws std::invalid_argument
// with libpq's reason (which never repeats the password).
ConnParams parse_conninfo(const std::string& conninfo);
// host:port/dbname, never the user's password: what messages show.
std::string describe(const ConnParams& p);

// Whether a server answers at these parameters (PQping).
bool accepts_connections(const ConnParams& params);

struct PgError {
  std::string sqlstate;
  std::string message;  // the primary message
  std::string detail;   // DETAIL and HINT lines, when any
  int position = 0;     // 1-based character in the statement, 0 when none
  bool timed_out = false;
};

struct Rows {
  std::vector<std::vector<std::optional<std::string>>> rows;
};

class Connection {
 public:
  explicit Connection(const ConnParams& params);  // throws ServerLost
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement (or a few, for administration), waiting at most
  // `timeout` (zero: no limit) before cancelling it. The error, if any.
  // `copy_data`: the lines a COPY … FROM STDIN reads (psql sends the ones
  // that follow the statement in the file).
  std::optional<PgError> run(const std::string& sql, std::chrono::milliseconds timeout = {},
                             std::string_view copy_data = {});
  // Runs a query that must succeed and returns its rows.
  Rows query(const std::string& sql);
  // Runs a statement even after an interruption (cleaning up), without
  // waiting on a deadline; whether it succeeded.
  bool run_regardless(const std::string& sql);
  bool in_transaction() const;  // inside a transaction block (open or failed)
  int backend_pid() const;
  int server_version() const;  // e.g. 150018
  std::string server_version_text() const;

 private:
  pg_conn* conn_ = nullptr;
};

// A child process: argv[0] is a path. Its stdout and stderr are captured,
// `env` is added to the environment; as root with `run_as` set, the child
// runs as that user. The child starts a session of its own, so Ctrl-C at the
// terminal reaches miglint only, which stops its children itself.
struct ProcessResult {
  int status = -1;  // exit status, or 128 + signal
  std::string out;
  std::string err;
};
struct ProcessSpec {
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;
  std::optional<std::pair<unsigned, unsigned>> run_as;  // uid, gid
  std::string stdout_file;                              // instead of capturing
};
ProcessResult run_process(const ProcessSpec& spec);
// Starts a long-running child (the server) and returns its pid.
int start_process(const ProcessSpec& spec);
// Whether the pid has exited (reaped when it has).
bool process_exited(int pid);
// SIGINT, then SIGQUIT after `grace`, then SIGKILL; waits for it.
void stop_process(int pid, std::chrono::milliseconds grace);

}  // namespace miglint::verify
