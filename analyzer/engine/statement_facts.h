// What a statement does to the tables it touches, read off the PostgreSQL AST
// (docs/PG_FACTS.md §9): the lock each table gets and whether it is scanned, rewritten
// or indexed. Shared by the locking, timeout and transaction rules so they
// agree on every statement.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pg_query/pg_query.pb.h>

#include "analyzer/engine/context.h"
#include "analyzer/engine/locks.h"

namespace miglint {

// "schema.table" as written (no schema when none was written).
std::string relation_name(const pg_query::RangeVar& rv);
// The last part of a dotted name list (DROP objects, type names).
std::string last_name(const pg_query::Node& list);
std::string dotted_name(const google::protobuf::RepeatedPtrField<pg_query::Node>& parts);

struct TableLock {
  std::string name;     // as written, for messages
  std::string relname;  // unqualified, for "created earlier?"
  LockMode mode = LockMode::AccessShare;
  TableWork work = TableWork::None;
  bool is_index = false;  // the name is an index (DROP INDEX, REINDEX INDEX): its table is unknown
};

// The table locks a statement takes, strongest first per table; empty for
// statements that lock no table (or only new rows).
std::vector<TableLock> statement_locks(const pg_query::Node& stmt, int pg_version);

// The strongest of them on a table that existed before this statement
// (created_earlier tables carry no risk); nullopt when there is none.
std::optional<TableLock> strongest_existing_lock(const StatementContext& ctx);
std::optional<TableLock> strongest_existing_lock(const UnitContext& ctx, const Statement& stmt);

// Volatility of a column default expression, as far as the AST tells.
enum class Volatility { Immutable, Stable, Volatile, Unknown };
// function: the volatile or unknown function found (for messages).
Volatility default_volatility(const pg_query::Node& expr, std::string* function = nullptr);

// What ADD COLUMN does to an existing table.
struct AddColumnFacts {
  bool has_default = false;  // DEFAULT given (not NULL)
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  bool serial = false;  // serial/bigserial/smallserial
  bool identity = false;
  bool generated = false;         // GENERATED ALWAYS AS (…), stored or virtual
  bool stored_generated = false;  // … STORED: computed for every row when added
  Volatility default_volatility = Volatility::Immutable;
  std::string volatile_function;  // for messages
  const pg_query::Node* default_expr = nullptr;
  std::string type;  // as written
};
AddColumnFacts add_column_facts(const pg_query::ColumnDef& col);
// Does ADD COLUMN rewrite the table on this server version? why: the reason.
bool add_column_rewrites(const AddColumnFacts& f, int pg_version, std::string* why = nullptr);

// A type name as written, "varchar(20)", "public.money_t", "int[]".
std::string type_text(const pg_query::TypeName& t);

// The runner sends the unit as one multi-statement query (golang-migrate,
// dbmate without transaction): an implicit transaction block. goose and Flyway
// send statements one by one.
bool sent_as_one_query(const UnitContext& ctx);
// The same for `statements` statements of `file` (verify runs them so).
bool sent_as_one_query(const ParsedFile& file, bool in_transaction, size_t statements);

// The name PostgreSQL gives a constraint: its own, else the implicit
// <table>_<col>_<fkey|check|...> when it needs no truncation; empty if unknown.
std::string constraint_name(const pg_query::Constraint& c, std::string_view relname);

// Fix for ADD CONSTRAINT without NOT VALID: append NOT VALID and a separate
// VALIDATE CONSTRAINT statement. Only for a single-subcommand ALTER TABLE
// whose constraint name is known.
std::optional<Fix> not_valid_fix(const StatementContext& ctx, const pg_query::AlterTableStmt& at,
                                 const pg_query::Constraint& c);

// How a statement changes session setting `name` (SET [LOCAL], RESET,
// SELECT set_config(...)): +1 set to a non-zero value, -1 cleared (0,
// DEFAULT, RESET), 0 not about it.
int setting_change(const pg_query::Node& n, std::string_view name);

// The first statement of the unit that runs while session setting `name` is
// off and takes a lock `needs` accepts (one per unit: one SET covers every
// statement), with that lock, and whether the file had set the setting and
// switched it off again before it.
struct StatementWithoutSetting {
  const Statement* statement = nullptr;
  TableLock lock;
  bool after_reset = false;
};
std::optional<StatementWithoutSetting> first_without_setting(const UnitContext& ctx, std::string_view name,
                                                             bool (*needs)(const TableLock&));
// `SET name = value;` at the start of the unit, or right before the statement
// when the file switched the setting off (a SET at the start would no longer
// hold there). `advice` ends the description, e.g. " (adjust the value)".
Fix set_setting_fix(const UnitContext& ctx, const StatementWithoutSetting& at, std::string_view name,
                    std::string_view value, std::string_view advice = {});

// Is `node` a statement that only controls the session or the transaction
// (BEGIN, COMMIT, SET, RESET)?
bool is_control_statement(const pg_query::Node& stmt);

}  // namespace miglint
