// What miglint knows about each ALTER TABLE subcommand type, in one table: the
// lock PostgreSQL takes for it and the work it does on the table (read by the
// lock facts, analyzer/engine/statement_facts.cpp), and whether it changes
// anything the schema model holds (read by analyzer/effects/). Subcommands
// whose lock or work depends on their arguments (ADD COLUMN, ADD CONSTRAINT,
// ATTACH/DETACH PARTITION) and those the model applies are handled where they
// are read; a type absent here takes ACCESS EXCLUSIVE and is modeled or not.
#pragma once
#include <pg_query/pg_query.pb.h>

namespace miglint {

struct AlterTableSubtype {
  // The lock AlterTableGetLockLevel (tablecmds.c) asks for.
  enum class Lock { AccessExclusive, ShareUpdateExclusive, ShareRowExclusive };
  // What the subcommand does to the table's rows on its own.
  enum class Work { None, Scan, Rewrite };

  pg_query::AlterTableType type;
  Lock lock = Lock::AccessExclusive;
  Work work = Work::None;
  // Storage, statistics, ownership, trigger firing: nothing the model holds.
  bool outside_model = false;
  // Also harmless on a relation that is not a table (index, view, sequence):
  // ownership, storage parameters, tablespace.
  bool any_relation = false;
};

inline constexpr AlterTableSubtype kAlterTableSubtypes[] = {
    {pg_query::AT_AlterColumnType, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::Rewrite},
    {pg_query::AT_SetLogged, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::Rewrite},
    {pg_query::AT_SetUnLogged, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::Rewrite},
    {pg_query::AT_SetAccessMethod, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::Rewrite},
    {pg_query::AT_SetTableSpace, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::Rewrite, true,
     true},
    {pg_query::AT_SetNotNull, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::Scan},
    {pg_query::AT_ValidateConstraint, AlterTableSubtype::Lock::ShareUpdateExclusive, AlterTableSubtype::Work::Scan},
    {pg_query::AT_ChangeOwner, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::None, true, true},
    {pg_query::AT_SetStatistics, AlterTableSubtype::Lock::ShareUpdateExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_SetOptions, AlterTableSubtype::Lock::ShareUpdateExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_ResetOptions, AlterTableSubtype::Lock::ShareUpdateExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_SetStorage, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_SetCompression, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_ClusterOn, AlterTableSubtype::Lock::ShareUpdateExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_DropCluster, AlterTableSubtype::Lock::ShareUpdateExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_SetRelOptions, AlterTableSubtype::Lock::ShareUpdateExclusive, AlterTableSubtype::Work::None, true,
     true},
    {pg_query::AT_ResetRelOptions, AlterTableSubtype::Lock::ShareUpdateExclusive, AlterTableSubtype::Work::None, true,
     true},
    {pg_query::AT_ReplaceRelOptions, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_ReplicaIdentity, AlterTableSubtype::Lock::AccessExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_DetachPartitionFinalize, AlterTableSubtype::Lock::ShareUpdateExclusive},
    {pg_query::AT_EnableTrig, AlterTableSubtype::Lock::ShareRowExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_EnableAlwaysTrig, AlterTableSubtype::Lock::ShareRowExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_EnableReplicaTrig, AlterTableSubtype::Lock::ShareRowExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_DisableTrig, AlterTableSubtype::Lock::ShareRowExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_EnableTrigAll, AlterTableSubtype::Lock::ShareRowExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_DisableTrigAll, AlterTableSubtype::Lock::ShareRowExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_EnableTrigUser, AlterTableSubtype::Lock::ShareRowExclusive, AlterTableSubtype::Work::None, true},
    {pg_query::AT_DisableTrigUser, AlterTableSubtype::Lock::ShareRowExclusive, AlterTableSubtype::Work::None, true},
};

// The entry for `type`; a default one (ACCESS EXCLUSIVE, no work, modeled)
// when the table does not list it.
inline AlterTableSubtype alter_table_subtype(pg_query::AlterTableType type) {
  for (const AlterTableSubtype& s : kAlterTableSubtypes)
    if (s.type == type) return s;
  return {type};
}

}  // namespace miglint
