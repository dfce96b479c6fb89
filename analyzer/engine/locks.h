// PostgreSQL table lock modes and what each one blocks (docs/PG_FACTS.md §8), so
// every locking finding names its lock the same way.
#pragma once
#include <string>
#include <string_view>

namespace miglint {

enum class LockMode {
  AccessShare,
  RowShare,
  RowExclusive,
  ShareUpdateExclusive,
  Share,
  ShareRowExclusive,
  Exclusive,
  AccessExclusive,
};

std::string_view lock_name(LockMode m);  // "ACCESS EXCLUSIVE"
// What concurrent sessions cannot do while it is held: "blocks reads and writes".
std::string_view lock_blocks(LockMode m);
// "takes an ACCESS EXCLUSIVE lock on users (blocks reads and writes)"
std::string lock_phrase(LockMode m, std::string_view table);

enum class TableWork { None, Scan, Rewrite, IndexBuild };
std::string_view table_work_phrase(TableWork w);  // "rewrites the whole table"
// "takes an ACCESS EXCLUSIVE lock on users (blocks reads and writes) and
// rewrites the whole table and its indexes while holding the lock"
std::string lock_work_phrase(LockMode m, std::string_view table, TableWork w);

}  // namespace miglint
