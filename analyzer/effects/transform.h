// Shared machinery of the statement translators (one transform_*.cpp per
// statement family). Internal to analyzer/effects.
#pragma once
#include <pg_query/pg_query.pb.h>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/catalog/catalog.h"
#include "analyzer/catalog/expr.h"
#include "analyzer/catalog/view_deps.h"
#include "analyzer/effects/apply.h"

namespace miglint::effects {

// The most columns a table can have, dropped ones included (docs/PG_FACTS.md §12).
inline constexpr size_t kMaxColumns = 1600;

using catalog::QName;

// What an unmodelled statement is, for what it may have touched.
enum class Unmodeled {
  Statement,  // a statement the model does not follow: what it names may have changed
  Aside,      // one that changes none of the objects the model holds (a policy, a cast): names it makes may exist
  Code,       // procedural code (DO): the same, unless it only reads and writes rows
  Call,       // a function or procedure call: what its body says, or anything named after its arguments
};

struct Ctx {
  catalog::Catalog& cat;
  const ParsedFile& file;
  const Statement& stmt;
  ApplyResult& out;
  bool failed = false;  // PostgreSQL would reject the statement
  // Not applied: it needs what the model does not know (an object it does not
  // hold but that may exist). What the statement names becomes unsure, and
  // `skip_target` (an object key), the object it changes, too.
  bool skipped = false;
  std::string skip_target;
  // The object the statement named that the current nested drop/alteration
  // stems from, and whether that chain went through CASCADE (see Effect).
  std::optional<catalog::ObjectRef> via;
  bool cascading = false;
  int depth = 0;  // DO blocks (and EXECUTE in them) this statement runs inside

  size_t at(int location) const { return stmt.offset(location); }
  void issue(std::string rule, int location, std::string message);
  void unknown(int location, std::string message) { issue("unknown-object", location, std::move(message)); }
  void duplicate(int location, std::string message) { issue("duplicate-object", location, std::move(message)); }
  // Reports the statement as unmodelled; the objects and names its text (and
  // for a call, `bodies`: those of the routines it calls, when the model
  // holds them) mentions become unsure. For code, `bodies` is the part of
  // it that is not followed: only what that part mentions becomes unsure.
  void unmodeled(std::string what, Unmodeled how = Unmodeled::Statement,
                 std::optional<std::string_view> bodies = std::nullopt);

  // ---- what the model does not know (catalog::Unsure) ----
  // Each is true when the model knows; when not, it says so once per object
  // (an unmodeled-statement info at `location`) and the caller judges nothing.
  // Everything key `key` holds: a table's columns, constraints, indexes and
  // triggers; a type's labels, attributes and constraints.
  bool knows_contents(const std::string& key, int location = -1);
  // That the object `key` of the model still exists as the model holds it.
  bool knows_presence(const std::string& key, int location = -1);
  // That no object named `name` exists where the model holds none: in
  // `schema`, or else in the schemas of the search path. A schema the
  // migrations never made nor dropped (`auth`) may hold anything.
  bool knows_absent(const std::string& name, int location = -1, const std::string& schema = {});
  // That schema s does not exist (the migrations made or dropped it, or a
  // statement the model could not apply did not name it).
  bool knows_schema_absent(const std::string& s, int location = -1);
  // The same for a function or procedure, which an extension may also have
  // brought into a schema of the search path (or `n.schema`).
  bool knows_routine_absent(const QName& n, int location = -1);
  // Whether the model is sure of object `key` (neither mark), silently: a
  // dependent it is unsure of does not block a drop.
  bool sure_of(const std::string& key) const;
  // A name the statement needs does not exist: unknown-object, or, when it
  // may exist after all, the statement is not applied (skip).
  void missing(int location, std::string message, const std::string& name, const std::string& schema = {});
  // Schema s does not exist: unknown-object, or the statement is not applied.
  void missing_schema(int location, const std::string& s);
  // An object the statement creates already exists: duplicate-object, or,
  // when it may be gone, the statement is not applied (skip).
  void present(int location, std::string message, const std::string& key);
  void skip(std::string target = {});
  // Object `key`, named `name`, was dropped: known absent from now on.
  void gone(const std::string& key, const std::string& name);
  // Object `from` is now `to` (renamed, moved): its marks follow it.
  void moved(const std::string& from, const std::string& to);
  // Marks object `key` unsure (kind `what`) because of this statement.
  void mark_unsure(const std::string& key, unsigned what, std::string why, std::string note);
  void effect(Action a, catalog::ObjectKind k, QName name, std::string member = {}, bool implied = false,
              int location = -1, std::string detail = {});

  catalog::ExprContext expr_ctx(std::string column_type = {}) const { return {std::move(column_type), &cat}; }
  // Name for a new object: explicit schema, else the creation schema of search_path.
  QName create_name(const std::string& schema, const std::string& name) const;
  QName create_name(const pg_query::RangeVar& rv) const { return create_name(rv.schemaname(), rv.relname()); }
  std::optional<QName> find_table(const pg_query::RangeVar& rv) const;
  std::optional<QName> find_table(const std::string& schema, const std::string& name) const;
  std::optional<QName> find_relation_of(const std::string& schema, const std::string& name,
                                        bool (*pred)(const catalog::Catalog&, const QName&)) const;
  std::optional<QName> find_type(const std::vector<std::string>& names) const;
};

// Marks the effects made while it lives as consequences of `ref` (the first,
// outermost scope wins), through CASCADE when `cascade`.
class CauseScope {
 public:
  CauseScope(Ctx& c, catalog::ObjectRef ref, bool cascade = false)
      : c_(c), prev_via_(c.via), prev_cascading_(c.cascading) {
    if (!c.via) c.via = std::move(ref);
    c.cascading = c.cascading || cascade;
  }
  ~CauseScope() {
    c_.via = std::move(prev_via_);
    c_.cascading = prev_cascading_;
  }
  CauseScope(const CauseScope&) = delete;
  CauseScope& operator=(const CauseScope&) = delete;

 private:
  Ctx& c_;
  std::optional<catalog::ObjectRef> prev_via_;
  bool prev_cascading_;
};

// The key of the relation (or type) named q that the model holds, for
// knows_presence(): "table:…", "view:…", "index:…", "sequence:…", "type:…".
std::string relation_key(const catalog::Catalog& cat, const QName& q);

// (schema, name) from a dotted name list (["s","t"] or ["t"]).
QName split_name(const std::vector<std::string>& names);

// A dependent key `<prefix><table key>\x1f<member>` (a trigger, a column, a
// default): the table and the member; nullopt for a key of another kind.
std::optional<std::pair<QName, std::string>> dependent_member(const std::string& d, std::string_view prefix);

// A column whose definition the model may not show as PostgreSQL does (a
// type it does not follow): that definition, the constraints reading the
// column and the table's indexes are left out of comparisons.
void column_definition_unsure(Ctx& c, const QName& table, const std::string& column);

// CREATE TABLE AS / SELECT … INTO: a table whose columns are the query's
// output (names, types; no constraint or default), `columns` naming the first;
// a null query (one that is no SELECT) leaves the columns unknown.
void create_table_from_query(Ctx& c, const QName& name, const pg_query::SelectStmt* query,
                             const std::vector<std::string>& columns, int location, std::string_view what);

// Applies `stmt` into `out` (a statement a DO block runs when depth > 0)
// without closing it in the journal, so that the caller can still undo it:
// PostgreSQL undoes a whole DO block when one of its statements fails.
void run_statement(catalog::Catalog& cat, const ParsedFile& file, const Statement& stmt, ApplyResult& out, int depth);

// ---- per-family entry points ----
void transform_create_table(Ctx& c, const pg_query::CreateStmt& s);
void transform_alter_table(Ctx& c, const pg_query::AlterTableStmt& s);
void transform_rename(Ctx& c, const pg_query::RenameStmt& s);
void transform_drop(Ctx& c, const pg_query::DropStmt& s);
void transform_index(Ctx& c, const pg_query::IndexStmt& s);
void transform_create_sequence(Ctx& c, const pg_query::CreateSeqStmt& s);
void transform_alter_sequence(Ctx& c, const pg_query::AlterSeqStmt& s);
void transform_view(Ctx& c, const pg_query::ViewStmt& s);
void transform_create_table_as(Ctx& c, const pg_query::CreateTableAsStmt& s);
void transform_do(Ctx& c, const pg_query::DoStmt& s);
void transform_create_enum(Ctx& c, const pg_query::CreateEnumStmt& s);
void transform_alter_enum(Ctx& c, const pg_query::AlterEnumStmt& s);
void transform_create_domain(Ctx& c, const pg_query::CreateDomainStmt& s);
void transform_alter_domain(Ctx& c, const pg_query::AlterDomainStmt& s);
void transform_composite_type(Ctx& c, const pg_query::CompositeTypeStmt& s);
void transform_create_function(Ctx& c, const pg_query::CreateFunctionStmt& s);
void transform_create_trigger(Ctx& c, const pg_query::CreateTrigStmt& s);
void transform_comment(Ctx& c, const pg_query::CommentStmt& s);

// ---- shared by several families ----
// Adds a column (CREATE TABLE / ADD COLUMN): serial expansion, inline constraints.
// Table-level constraints found inline are appended to `pending`.
struct PendingConstraint {
  const pg_query::Constraint* con = nullptr;
  std::string column;  // for column constraints
  // A column constraint followed by [NOT] DEFERRABLE / INITIALLY …: the
  // constraint with those applied (con points at it).
  std::shared_ptr<pg_query::Constraint> with_attrs = nullptr;
};
bool add_column(Ctx& c, catalog::Table& t, const pg_query::ColumnDef& def, std::vector<PendingConstraint>& pending,
                std::set<std::string>& taken_relnames, bool in_create);
// Adds a table constraint (PK/UNIQUE/CHECK/FK/EXCLUDE) with PostgreSQL's implicit names.
bool add_constraint(Ctx& c, catalog::Table& t, const pg_query::Constraint& con, const std::string& column,
                    std::set<std::string>& taken_connames, std::set<std::string>& taken_relnames, bool in_create);
// Applies collected constraints in PostgreSQL's order (CHECK, PK, UNIQUE/EXCLUDE, FK).
bool apply_pending_constraints(Ctx& c, catalog::Table& t, const std::vector<PendingConstraint>& pending,
                               std::set<std::string>& taken_relnames, bool in_create);
// Sequence options from DefElems into `seq`.
void apply_sequence_options(Ctx& c, catalog::Sequence& seq,
                            const google::protobuf::RepeatedPtrField<pg_query::Node>& opts);

// DROP machinery: returns false (and reports dependent-objects) when refused.
// `named`: keys of every object the statement names (they may depend on each other).
bool drop_table(Ctx& c, const QName& q, bool cascade, const std::set<std::string>& named, bool implied, int loc);
bool drop_view(Ctx& c, const QName& q, bool cascade, const std::set<std::string>& named, bool implied, int loc);
bool drop_index(Ctx& c, const QName& q, bool cascade, bool implied, int loc);
bool drop_sequence(Ctx& c, const QName& q, bool cascade, bool implied, int loc);
bool drop_column(Ctx& c, const QName& table, const std::string& col, bool cascade, int loc);
bool drop_constraint(Ctx& c, const QName& table, const std::string& name, bool cascade, int loc);

std::string constraint_def(const catalog::Constraint& k);

// Whether the rule of a view that reads a relation depends on one of its
// columns; Unknown when the view names something the model could not
// resolve: nothing is judged then.
enum class ColumnUse { No, Yes, Unknown };
inline ColumnUse view_column_use(const catalog::View& v, const std::string& relation_key, const std::string& col) {
  if (v.column_uses.count(catalog::column_use_key(relation_key, col))) return ColumnUse::Yes;
  return v.resolved ? ColumnUse::No : ColumnUse::Unknown;
}

// Functions/procedures an ObjectWithArgs names (by argument types unless unspecified).
std::vector<catalog::Ptr<catalog::Function>> find_routines(Ctx& c, const pg_query::ObjectWithArgs& ow);

// A partition gets its parent's indexes and index-backed constraints (when it
// has no such constraint yet), named for the partition; plain indexes are
// cloned from `src` under names chosen for `t`.
void clone_partition_indexes(Ctx& c, catalog::Table& part, const catalog::Table& parent,
                             std::set<std::string>& taken_relnames);
void clone_plain_indexes(Ctx& c, catalog::Table& t, const QName& src, std::set<std::string>& taken_relnames);

// An expression written as SQL text, built the way the parser would build it
// for a column of type `coltype`; {sql, sql} when it does not parse.
catalog::Expr expr_from_sql(Ctx& c, const std::string& sql, const std::string& coltype);

// Storage parameters (`WITH (…)`, `SET (…)`, `RESET (…)` of DefElems) applied
// to `current`, in pg_get_indexdef's spelling: a later one replaces an earlier
// one of the same name in place, a new one goes at the end.
std::string apply_storage_parameters(const std::string& current,
                                     const google::protobuf::RepeatedPtrField<pg_query::Node>& d, bool reset);

// Renames a table or moves it to another schema; what depends on it follows.
void move_table(Ctx& c, const QName& from, const QName& to);
// Moves a sequence or a view to another schema (SET SCHEMA, schema renames).
void move_sequence(Ctx& c, const QName& from, const QName& to);
void move_view(Ctx& c, const QName& from, const QName& to);

}  // namespace miglint::effects
