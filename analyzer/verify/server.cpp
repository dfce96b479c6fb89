#include "analyzer/verify/server.h"

#include <pwd.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace miglint::verify {
namespace {

constexpr const char* kSuperuser = "miglint";

std::string quote_ident(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// key='value' pairs for a child's -d option: libpq's quoting.
std::string conninfo_string(const ConnParams& p) {
  std::string out;
  for (const auto& [k, v] : p) {
    if (k == "password") continue;  // in the environment only
    std::string q;
    for (char c : v) {
      if (c == '\\' || c == '\'') q += '\\';
      q += c;
    }
    out += fmt::format("{}{}='{}'", out.empty() ? "" : " ", k, q);
  }
  return out;
}

int major_of(const fs::path& bin_dir) {
  // /usr/lib/postgresql/15/bin → 15; else ask the binary.
  const std::string name = bin_dir.parent_path().filename().string();
  if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) return std::atoi(name.c_str());
  ProcessSpec spec;
  spec.argv = {(bin_dir / "pg_dump").string(), "--version"};
  try {
    const auto r = run_process(spec);
    const auto pos = r.out.find_last_of(' ');
    if (r.status == 0 && pos != std::string::npos) return std::atoi(r.out.c_str() + pos + 1);
  } catch (const std::exception&) {
  }
  return 0;
}

std::vector<fs::path> candidate_bin_dirs() {
  std::vector<fs::path> out;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream ss(path);
    std::string d;
    while (std::getline(ss, d, ':'))
      if (!d.empty()) out.emplace_back(d);
  }
  std::vector<std::pair<int, fs::path>> versions;
  std::error_code ec;
  for (fs::directory_iterator it("/usr/lib/postgresql", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string n = it->path().filename().string();
    if (!n.empty() && std::all_of(n.begin(), n.end(), ::isdigit))
      versions.emplace_back(std::atoi(n.c_str()), it->path() / "bin");
  }
  std::sort(versions.rbegin(), versions.rend());
  for (auto& [v, p] : versions) out.push_back(p);
  return out;
}

bool executable(const fs::path& p) { return access(p.c_str(), X_OK) == 0 && fs::is_regular_file(p); }

// Where the started server lives: a tmpfs when there is room (the server is
// throwaway, and copying a database there is several times faster).
// As root the server runs as another user, who must reach the directory.
bool others_can_reach(const fs::path& dir) {
  std::error_code ec;
  for (fs::path p = fs::absolute(dir, ec); !ec; p = p.parent_path()) {
    const auto perms = fs::status(p, ec).permissions();
    if (ec || (perms & fs::perms::others_exec) == fs::perms::none) return false;
    if (p == p.root_path()) return true;
  }
  return false;
}

fs::path temp_parent() {
  if (const char* t = std::getenv("TMPDIR"); t && *t && (geteuid() != 0 || others_can_reach(t))) return t;
  struct statvfs st {};
  if (access("/dev/shm", W_OK | X_OK) == 0 && statvfs("/dev/shm", &st) == 0 &&
      static_cast<unsigned long long>(st.f_bavail) * st.f_frsize >= (1ULL << 30))
    return "/dev/shm";
  return "/tmp";
}

std::string tail(const fs::path& p, size_t lines) {
  std::ifstream in(p);
  std::vector<std::string> all;
  for (std::string l; std::getline(in, l);) all.push_back(l);
  std::string out;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += all[i] + "\n";
  return out;
}

}  // namespace

fs::path find_pg_bin(const fs::path& given, const char* needed) {
  if (!given.empty()) return executable(given / needed) ? given : fs::path();
  for (const auto& d : candidate_bin_dirs())
    if (executable(d / needed) && (std::string_view(needed) != "postgres" || executable(d / "initdb"))) return d;
  return {};
}

std::unique_ptr<Server> Server::open(const ServerOptions& o) {
  std::unique_ptr<Server> s(new Server());
  if (o.database_url.empty()) s->start_ephemeral(o);
  else s->connect_url(o);
  const Rows v = s->admin_->query("SHOW server_version_num");
  s->version_num_ = std::atoi(v.rows.at(0).at(0).value_or("0").c_str());
  s->version_text_ = s->admin_->server_version_text();
  s->find_pg_dump(o);
  return s;
}

void Server::start_ephemeral(const ServerOptions& o) {
  const fs::path bin = find_pg_bin(o.pg_bin, "postgres");
  if (bin.empty() || !executable(bin / "initdb"))
    throw std::runtime_error(
        o.pg_bin.empty() ? "no PostgreSQL server binaries found (postgres and initdb on PATH or in "
                           "/usr/lib/postgresql/*/bin): install postgresql, or give --pg-bin DIR or --database-url URL"
                         : fmt::format("{} holds no postgres and initdb", o.pg_bin.string()));
  std::string tmpl = (temp_parent() / "miglint-verify-XXXXXX").string();
  if (!mkdtemp(tmpl.data()))
    throw std::runtime_error(fmt::format("cannot create a directory in {}", temp_parent().string()));
  dir_ = tmpl;
  std::optional<std::pair<unsigned, unsigned>> run_as;
  if (geteuid() == 0) {
    // PostgreSQL refuses to run as root: the server runs as `nobody`.
    const passwd* pw = getpwnam("nobody");
    if (!pw) throw std::runtime_error("running as root, and there is no user `nobody` to run the server as");
    run_as = std::make_pair(pw->pw_uid, pw->pw_gid);
    if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      throw std::runtime_error("cannot hand " + dir_.string() + " to the server's user");
  }
  ProcessSpec init;
  init.argv = {(bin / "initdb").string(),
               "-D",
               (dir_ / "data").string(),
               "-U",
               kSuperuser,
               "--auth=trust",
               "--encoding=UTF8",
               "--locale=C.UTF-8",
               "--no-sync"};
  init.run_as = run_as;
  const auto r = run_process(init);
  if (r.status != 0) throw std::runtime_error("initdb failed:\n" + r.err);
  fs::create_directory(dir_ / "sock");
  if (run_as && chown((dir_ / "sock").c_str(), run_as->first, run_as->second) != 0)
    throw std::runtime_error("cannot hand the socket directory to the server's user");
  ProcessSpec pg;
  pg.argv = {(bin / "postgres").string(),
             "-D",
             (dir_ / "data").string(),
             "-k",
             (dir_ / "sock").string(),
             "-p",
             "5432",  // not PGPORT's: the server reads it too
             "-c",
             "listen_addresses=",
             "-c",
             "fsync=off",
             "-c",
             "full_page_writes=off",
             "-c",
             "synchronous_commit=off",
             "-c",
             "max_connections=64"};
  pg.run_as = run_as;
  pg.stdout_file = (dir_ / "server.log").string();
  pid_ = start_process(pg);
  base_ = {{"host", (dir_ / "sock").string()}, {"port", "5432"}, {"user", kSuperuser}};
  maintenance_db_ = "postgres";
  const auto params = this->params(maintenance_db_);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!accepts_connections(params)) {
    throw_if_interrupted();
    if (process_exited(pid_)) {
      pid_ = -1;
      throw std::runtime_error("the PostgreSQL server did not start:\n" + tail(dir_ / "server.log", 20));
    }
    if (std::chrono::steady_clock::now() > until)
      throw std::runtime_error("the PostgreSQL server did not accept connections within 60 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  admin_ = std::make_unique<Connection>(params);
  where_ = fmt::format("started for this run from {}, removed at the end", bin.string());
}

void Server::connect_url(const ServerOptions& o) {
  ConnParams p;
  try {
    p = parse_conninfo(o.database_url);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("--database-url: ") + e.what());
  }
  maintenance_db_ = p.count("dbname") ? p["dbname"] : "";
  base_ = p;
  base_.erase("dbname");
  admin_ = std::make_unique<Connection>(p);
  if (maintenance_db_.empty())
    maintenance_db_ = admin_->query("SELECT current_database()").rows.at(0).at(0).value_or("");
  if (!o.allow_non_empty) {
    const Rows r = admin_->query(
        "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
        "AND n.nspname NOT LIKE 'pg\\_temp%') + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = "
        "p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'))");
    if (r.rows.at(0).at(0).value_or("0") != "0")
      throw std::runtime_error(fmt::format(
          "database {} is not empty: verify only creates scratch databases beside it, but refuses a database that "
          "looks in use (give --allow-non-empty to go on)",
          maintenance_db_));
  }
  where_ = describe(p);
}

void Server::find_pg_dump(const ServerOptions& o) {
  const int major = version_num_ / 10000;
  if (!o.pg_bin.empty()) {
    if (!executable(o.pg_bin / "pg_dump")) throw std::runtime_error(o.pg_bin.string() + " holds no pg_dump");
    pg_dump_ = o.pg_bin / "pg_dump";
    return;
  }
  if (pid_ >= 0) {
    pg_dump_ = find_pg_bin({}, "postgres") / "pg_dump";
    if (executable(pg_dump_)) return;
  }
  // pg_dump refuses a newer server: the same major is best, else the newest.
  fs::path best;
  int best_major = 0;
  for (const auto& d : candidate_bin_dirs()) {
    if (!executable(d / "pg_dump")) continue;
    const int m = major_of(d);
    if (m == major) {
      pg_dump_ = d / "pg_dump";
      return;
    }
    if (m > best_major) best_major = m, best = d / "pg_dump";
  }
  if (best.empty() || best_major < major)
    throw std::runtime_error(
        fmt::format("no pg_dump for PostgreSQL {} or newer (on PATH or in /usr/lib/postgresql/*/bin): install "
                    "postgresql-client-{}, or give --pg-bin DIR",
                    major, major));
  pg_dump_ = best;
}

Server::~Server() {
  if (admin_) {
    for (const auto& db : std::set<std::string>(scratch_)) {
      if (!admin_->run_regardless("DROP DATABASE IF EXISTS " + quote_ident(db) + " WITH (FORCE)")) break;
    }
  }
  admin_.reset();
  if (pid_ >= 0) stop_process(pid_, std::chrono::seconds(5));
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string Server::create_database(const std::string& template_db) {
  const std::lock_guard lock(admin_mu_);
  std::string name = fmt::format("miglint_verify_{}_{}", getpid(), ++counter_);
  if (auto e = admin_->run(fmt::format("CREATE DATABASE {} TEMPLATE {}", quote_ident(name), quote_ident(template_db))))
    throw std::runtime_error(fmt::format("cannot create a scratch database: {}", e->message));
  scratch_.insert(name);
  return name;
}

void Server::drop_database(const std::string& name) {
  const std::lock_guard lock(admin_mu_);
  if (auto e = admin_->run("DROP DATABASE IF EXISTS " + quote_ident(name) + " WITH (FORCE)"))
    throw std::runtime_error(fmt::format("cannot drop scratch database {}: {}", name, e->message));
  scratch_.erase(name);
}

ConnParams Server::params(const std::string& db) const {
  ConnParams p = base_;
  p["dbname"] = db;
  p["application_name"] = "miglint-verify";
  return p;
}

std::string Server::dump(const std::string& db) const {
  ProcessSpec spec;
  const ConnParams p = params(db);
  spec.argv = {pg_dump_.string(), "--schema-only", "--no-owner", "--no-privileges", "-d", conninfo_string(p)};
  if (auto it = p.find("password"); it != p.end()) spec.env["PGPASSWORD"] = it->second;
  const auto r = run_process(spec);
  if (r.status != 0) throw ServerLost("pg_dump failed: " + r.err);
  std::string out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (line.rfind("--", 0) == 0 || line.rfind("SET ", 0) == 0 || line.rfind("SELECT pg_catalog.set_config", 0) == 0 ||
        line.rfind("\\restrict", 0) == 0 || line.rfind("\\unrestrict", 0) == 0)
      continue;
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace miglint::verify
