// The PostgreSQL server `verify` runs migrations on: one it starts itself
// (initdb in a temporary directory, unix socket only, removed at the end) or
// the one a URL names, where it only creates and drops its own scratch
// databases.
#pragma once
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "analyzer/verify/pg.h"

namespace miglint::verify {

struct ServerOptions {
  std::string database_url;      // empty: start a server
  std::filesystem::path pg_bin;  // the server's (or pg_dump's) binaries; empty: searched
  bool allow_non_empty = false;  // run against a URL whose database holds objects
};

class Server {
 public:
  // Starts or connects; throws std::runtime_error (or ServerLost) with a
  // message fit for the user (never the URL's password).
  static std::unique_ptr<Server> open(const ServerOptions& o);
  ~Server();  // drops the scratch databases left; stops and removes a started server
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // A fresh database, a copy of `template_db` (no one may be connected to it).
  std::string create_database(const std::string& template_db = "template0");
  void drop_database(const std::string& name);
  ConnParams params(const std::string& db) const;
  // The schema of `db`, as `pg_dump --schema-only --no-owner --no-privileges`
  // prints it with comment lines, blank lines and SET noise removed.
  std::string dump(const std::string& db) const;

  int version_num() const { return version_num_; }
  const std::string& version_text() const { return version_text_; }
  const std::string& where() const { return where_; }  // for the report: never a password

 private:
  Server() = default;
  void start_ephemeral(const ServerOptions& o);
  void connect_url(const ServerOptions& o);
  void find_pg_dump(const ServerOptions& o);

  ConnParams base_;  // without dbname
  std::string maintenance_db_;
  std::unique_ptr<Connection> admin_;
  mutable std::mutex admin_mu_;
  std::set<std::string> scratch_;
  unsigned counter_ = 0;
  std::filesystem::path pg_dump_;
  int version_num_ = 0;
  std::string version_text_;
  std::string where_;
  // A started server.
  std::filesystem::path dir_;
  int pid_ = -1;
};

// The PostgreSQL binary directory to use: `--pg-bin`, else the directory on
// PATH holding `postgres` and `initdb`, else the newest
// /usr/lib/postgresql/*/bin. Empty when none is found.
std::filesystem::path find_pg_bin(const std::filesystem::path& given, const char* needed);

}  // namespace miglint::verify
