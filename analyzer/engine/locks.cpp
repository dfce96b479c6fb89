#include "analyzer/engine/locks.h"

#include <fmt/format.h>

namespace miglint {

std::string_view lock_name(LockMode m) {
  switch (m) {
    case LockMode::AccessShare: return "ACCESS SHARE";
    case LockMode::RowShare: return "ROW SHARE";
    case LockMode::RowExclusive: return "ROW EXCLUSIVE";
    case LockMode::ShareUpdateExclusive: return "SHARE UPDATE EXCLUSIVE";
    case LockMode::Share: return "SHARE";
    case LockMode::ShareRowExclusive: return "SHARE ROW EXCLUSIVE";
    case LockMode::Exclusive: return "EXCLUSIVE";
    case LockMode::AccessExclusive: return "ACCESS EXCLUSIVE";
  }
  return "ACCESS EXCLUSIVE";
}

std::string_view lock_blocks(LockMode m) {
  switch (m) {
    case LockMode::AccessShare: return "blocks only ACCESS EXCLUSIVE DDL";
    case LockMode::RowShare: return "blocks EXCLUSIVE and ACCESS EXCLUSIVE locks";
    case LockMode::RowExclusive: return "blocks index builds and other DDL";
    case LockMode::ShareUpdateExclusive:
      return "blocks other DDL, VACUUM and concurrent index builds; reads and writes go on";
    case LockMode::Share: return "blocks writes; reads go on";
    case LockMode::ShareRowExclusive: return "blocks writes and other DDL; reads go on";
    case LockMode::Exclusive: return "blocks writes and SELECT ... FOR UPDATE; plain reads go on";
    case LockMode::AccessExclusive: return "blocks reads and writes";
  }
  return "";
}

std::string lock_phrase(LockMode m, std::string_view table) {
  // "an ACCESS EXCLUSIVE", "an EXCLUSIVE", but "a SHARE", "a ROW EXCLUSIVE".
  const std::string_view name = lock_name(m);
  const bool vowel = name.front() == 'A' || name.front() == 'E';
  return fmt::format("takes {} {} lock on {} ({})", vowel ? "an" : "a", name, table, lock_blocks(m));
}

std::string_view table_work_phrase(TableWork w) {
  switch (w) {
    case TableWork::None: return "";
    case TableWork::Scan: return "scans the whole table while holding the lock";
    case TableWork::Rewrite: return "rewrites the whole table and its indexes while holding the lock";
    case TableWork::IndexBuild: return "builds an index while holding the lock";
  }
  return "";
}

std::string lock_work_phrase(LockMode m, std::string_view table, TableWork w) {
  std::string out = lock_phrase(m, table);
  if (w != TableWork::None) out += fmt::format(" and {}", table_work_phrase(w));
  return out;
}

}  // namespace miglint
