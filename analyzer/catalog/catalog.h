// The schema model: what a PostgreSQL database (15, or the pg_version target)
// would hold after a sequence of migrations. Objects are immutable values shared between states; a
// mutation replaces one object and records the previous value in an undo
// journal, so a replay can checkpoint, try a down migration and roll back in
// time proportional to what the migration touched, never to the schema size.
#pragma once
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/catalog/boxed.h"
#include "analyzer/catalog/compact.h"
#include "analyzer/catalog/hash_index.h"
#include "analyzer/diag/diagnostic.h"

namespace miglint::catalog {

template <typename T>
using Ptr = std::shared_ptr<const T>;

// A schema-qualified name. Names arrive folded and truncated by the parser;
// they compare byte-wise.
struct QName {
  std::string schema;
  std::string name;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 flags the 0 of a defaulted <=>
  auto operator<=>(const QName&) const = default;
  bool operator==(const QName&) const = default;
  std::string str() const;  // "schema.name", quoted where PostgreSQL would quote
  std::string key() const { return schema + '\x1f' + name; }
};

// Quotes an identifier the way quote_ident() does.
std::string quote_ident(std::string_view id);

struct Column;
// " NOT NULL", with its constraint's name and NOT VALID from 18 on; "" when nullable.
std::string not_null_sql(const Column& c);

// An expression as stored: display text (deparsed) and a canonical form that
// is equal exactly when PostgreSQL would store the same expression (docs/PG_FACTS.md §5).
struct Expr {
  std::string text;
  std::string canon;
  bool operator==(const Expr& o) const { return canon == o.canon; }
};

// A view's query as stored. The tree is kept; its text and canonical form
// are worked out when first asked for, as most definitions are only ever
// compared with a tree written the same way (a down restoring the view its
// up replaced), which a walk of both trees settles. Copies share one state;
// thread-safe.
class ViewQuery {
 public:
  struct State;
  ViewQuery() = default;
  explicit ViewQuery(Expr e);                    // text and form already known
  explicit ViewQuery(std::shared_ptr<State> s);  // expr.h make_view_query
  const std::string& text() const;
  const std::string& canon() const;
  // Equal exactly when the canonical forms are.
  bool operator==(const ViewQuery& o) const;

 private:
  std::shared_ptr<State> s_;
};

struct Column {
  std::string name;
  std::string type;  // canonical display name, e.g. "character varying(20)[]"
  bool not_null = false;
  char identity = 0;               // 0, 'a' (ALWAYS), 'd' (BY DEFAULT)
  bool generated_virtual = false;  // GENERATED … VIRTUAL (PostgreSQL 18), else STORED
  // PostgreSQL 18 keeps NOT NULL as a named constraint (docs/PG18_FACTS.md):
  // its name (empty before 18) and whether it was added NOT VALID.
  bool not_null_invalid = false;
  RareText not_null_name;
  Boxed<Expr> default_expr;
  Boxed<Expr> generated;
  RareText collation;
  RareText default_seq;    // sequence key ("schema\x1fname") the default's nextval uses
  NameSet generated_uses;  // columns the generated expression reads
};

enum class ConstraintKind { PrimaryKey, Unique, Check, ForeignKey, Exclude };
std::string_view constraint_kind_name(ConstraintKind k);

struct Constraint {
  std::string name;
  ConstraintKind kind = ConstraintKind::Check;
  std::vector<std::string> columns;  // key columns (FK: referencing columns)
  std::vector<std::string> include;
  Boxed<Expr> check;
  QName ref_table;
  std::vector<std::string> ref_columns;
  char on_update = 'a', on_delete = 'a', match = 's';
  bool deferrable = false, initially_deferred = false;
  bool not_valid = false;
  bool no_inherit = false;
  std::string exclude_def;  // canonical text of the EXCLUDE elements
  Boxed<Expr> where;        // EXCLUDE ... WHERE
  std::string method;       // EXCLUDE USING
  bool nulls_not_distinct = false;
  NameSet uses;  // every column of the own table it involves (not compared)
};

struct Table {
  QName name;
  std::vector<Column> columns;  // attnum order
  std::vector<Constraint> constraints;
  bool unlogged = false;
  std::string partition_by;           // "RANGE (a)" when partitioned
  std::optional<QName> partition_of;  // parent when a partition
  std::string partition_bound;        // canonical bound text
  std::vector<QName> inherits;
  std::set<std::string> rls;  // "enabled", "forced"
  // Columns dropped since the table was created: PostgreSQL keeps their
  // attribute numbers, which count toward the column limit (not compared).
  size_t dropped_columns = 0;

  const Column* column(std::string_view n) const;
  Column* column(std::string_view n);
  const Constraint* constraint(std::string_view n) const;
  // The column whose NOT NULL constraint (PostgreSQL 18) has that name.
  const Column* not_null_constraint(std::string_view n) const;
  Column* not_null_constraint(std::string_view n);
};

struct IndexKey {
  std::string column;  // a plain column, or empty
  Boxed<Expr> expr;    // an expression
  RareText opclass;
  RareText collation;
  bool desc = false;
  int nulls = 0;  // 0 default, 1 first, 2 last
  bool operator==(const IndexKey&) const = default;
};

struct Index {
  QName name;
  QName table;
  bool unique = false;
  bool nulls_not_distinct = false;
  std::string method = "btree";
  std::vector<IndexKey> keys;
  std::vector<std::string> include;
  Boxed<Expr> where;
  // Storage parameters as pg_get_indexdef prints them: "fillfactor='70', deduplicate_items=off".
  std::string with;
  std::string constraint;  // name of the constraint it backs (pkey/unique/exclude)
  bool invalid = false;
  NameSet uses;  // columns used anywhere in the definition (not compared)
};

struct Sequence {
  QName name;
  std::string type = "bigint";
  std::string start, increment, minvalue, maxvalue, cache;  // empty = default
  bool cycle = false;
  std::optional<QName> owned_table;
  std::string owned_column;
  bool identity = false;
};

struct View {
  QName name;
  bool materialized = false;
  ViewQuery query;
  std::vector<std::string> columns;  // explicit column aliases
  std::string check_option;
  std::set<std::string> uses;  // table_key/view_key of the relations the query reads
  // The columns its rule depends on, as pg_depend records them (view_deps.h
  // column_use_key): what ALTER COLUMN TYPE and DROP COLUMN must respect.
  std::set<std::string> column_uses;
  std::vector<std::string> output;  // its column names (aliases applied), when output_known
  bool output_known = false;
  // false: the query names something the model could not resolve (a relation
  // whose columns it does not know); column_uses is then a lower bound.
  bool resolved = true;
};

enum class TypeKind { Enum, Domain, Composite, Range, Base };
struct Type {
  QName name;
  TypeKind kind = TypeKind::Enum;
  std::vector<std::string> labels;                              // enum labels in order
  std::string base;                                             // domain base type / range subtype
  bool not_null = false;                                        // domain NOT NULL
  std::optional<Expr> default_expr;                             // domain default
  std::vector<std::pair<std::string, Expr>> checks;             // domain CHECKs (name, expr)
  std::vector<std::pair<std::string, std::string>> attributes;  // composite (name, type)
};

struct Function {
  QName name;
  std::string args;       // canonical argument types, "integer, text"
  std::string arg_names;  // display of the full argument list
  std::string returns;
  std::string language;
  std::string body;
  std::string attributes;  // volatility, security definer, ... canonical
  bool procedure = false;
  std::string signature() const { return name.str() + "(" + args + ")"; }
};

struct Trigger {
  std::string name;
  QName table;
  QName function;
  std::string definition;  // canonical text: timing, events, level, when, args
};

struct Extension {
  std::string name;
  std::string schema;
};

// What a statement did to one named object.
enum class ObjectKind {
  Schema,
  Table,
  Column,
  Constraint,
  Index,
  Sequence,
  View,
  MaterializedView,
  Type,
  Function,
  Trigger,
  Extension,
  Comment,
  Other
};
std::string_view object_kind_name(ObjectKind k);

struct ObjectRef {
  ObjectKind kind = ObjectKind::Other;
  QName name;          // the object (for columns/constraints/triggers: the table)
  std::string member;  // column, constraint or trigger name; function signature args
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 flags the 0 of a defaulted <=>
  auto operator<=>(const ObjectRef&) const = default;
  bool operator==(const ObjectRef&) const = default;
  std::string str() const;
};

// What the model does not know about an object or a name, and why. A
// statement it could not apply (unmodelled, not parsed, or depending on
// something unknown) may have created, dropped or changed what it names; a
// table made from a query has columns the model never saw. Schema checks do
// not report what depends on such knowledge (docs/rules/unmodeled-statement.md).
struct Unsure {
  enum : unsigned {
    Contents = 1,  // an object's members (columns, constraints, indexes, triggers, labels) may differ
    Presence = 2,  // an object of the model may have been dropped or replaced
    Name = 4,      // an object of this name the model does not hold may exist
    Derived = 8,   // … and so may the names PostgreSQL derives from it (`name_…`: keys, sequences)
  };
  unsigned what = 0;
  std::string why;   // "a statement that did not parse names it"
  Span cause;        // the statement behind it
  std::string note;  // what the note on `cause` says
};

struct Slice;

// The catalog. Cheap to keep across 100,000 migrations: every mutation costs
// O(log n + size of the object), and a checkpoint/rollback costs the number
// of mutations since the checkpoint.
class Catalog {
 public:
  Catalog();

  // ---- search_path ----
  const std::vector<std::string>& search_path() const { return search_path_; }
  void set_search_path(std::vector<std::string> path);
  // First schema of the path that exists ("public" when none does).
  std::string creation_schema() const;

  // ---- target server ----
  // The PostgreSQL major version the migrations run on (pg_version): what
  // changed the catalog in a release (named NOT NULL constraints in 18) is
  // modelled only from that release on.
  int pg_version() const { return pg_version_; }
  void set_pg_version(int v) { pg_version_ = v; }

  // ---- lookup ----
  Ptr<Table> table(const QName& n) const { return find(tables_, n.key()); }
  Ptr<View> view(const QName& n) const { return find(views_, n.key()); }
  Ptr<Index> index(const QName& n) const { return find(indexes_, n.key()); }
  Ptr<Sequence> sequence(const QName& n) const { return find(sequences_, n.key()); }
  Ptr<Type> type(const QName& n) const { return find(types_, n.key()); }
  Ptr<Function> function(const std::string& sigkey) const { return find(functions_, sigkey); }
  Ptr<Trigger> trigger(const QName& table, const std::string& name) const {
    return find(triggers_, table.key() + '\x1f' + name);
  }
  bool has_schema(const std::string& s) const { return schemas_.count(s) != 0; }
  // Whether the migrations made or dropped schema s at some point: one they
  // never did (`auth`, `pg_catalog`) exists or not outside what they say.
  bool knows_schema(const std::string& s) const { return has_schema(s) || seen_schemas_.count(s) != 0; }
  Ptr<Extension> extension(const std::string& n) const { return find(extensions_, n); }
  std::optional<std::string> comment(const std::string& objkey) const;
  // Any relation (table, view, matview, index, sequence, composite type) of that name.
  bool relation_exists(const QName& n) const;
  bool constraint_name_used(const std::string& schema, const std::string& name) const;
  // Functions named n with any signature.
  std::vector<Ptr<Function>> functions_named(const QName& n) const;

  // Resolves an unqualified name through search_path with a predicate.
  template <typename Pred>
  std::optional<QName> resolve(const std::string& schema, const std::string& name, Pred exists) const {
    if (!schema.empty()) {
      QName q{schema, name};
      return exists(q) ? std::optional<QName>(q) : std::nullopt;
    }
    for (const auto& s : search_path_) {
      QName q{s, name};
      if (exists(q)) return q;
    }
    return std::nullopt;
  }

  // ---- mutation ----
  void put_table(Ptr<Table> t);
  void erase_table(const QName& n);
  void put_view(Ptr<View> v);
  void erase_view(const QName& n);
  void put_index(Ptr<Index> i);
  void erase_index(const QName& n);
  void put_sequence(Ptr<Sequence> s);
  void erase_sequence(const QName& n);
  void put_type(Ptr<Type> t);
  void erase_type(const QName& n);
  void put_function(Ptr<Function> f);
  void erase_function(const std::string& sigkey);
  void put_trigger(Ptr<Trigger> t);
  void erase_trigger(const QName& table, const std::string& name);
  void add_schema(const std::string& s);
  void erase_schema(const std::string& s);
  void put_extension(Ptr<Extension> e);
  void erase_extension(const std::string& n);
  void set_comment(const std::string& objkey, std::optional<std::string> text);
  // Objects a statement could not model: rules stay silent about them.
  void mark_uncertain(const std::string& objkey);
  bool uncertain(const std::string& objkey) const { return uncertain_.count(objkey) != 0; }

  // What the model does not know (see Unsure). Keys are object keys
  // ("table:<key>", ...) or "name:<name>" for a name in any schema, of any
  // kind. Marks merge; a drop clears them.
  void mark_unsure(const std::string& key, unsigned what, const Unsure& cause);
  void forget_unsure(const std::string& key);
  // The object key's marks, or null.
  const Unsure* unsure(const std::string& key) const;
  // Why a name the model does not hold may exist anyway (null: it does not):
  // the name marked, or a name it derives from (`orders_pkey` from `orders`).
  const Unsure* unsure_name(const std::string& name) const;
  // True the first time it is asked for that key: each unsure object is
  // reported once, not at every reference (not rolled back).
  bool first_report(const std::string& key) { return reported_.insert(key).second; }

  // Reverse dependencies: keys ("table:<key>", "view:<key>", "index:<key>",
  // "trigger:<key>", "fk:<table key>\x1f<constraint>", "sequence:<key>") of the
  // objects that depend on target ("table:<key>", "type:<key>", ...).
  std::vector<std::string> dependents(const std::string& target) const;

  // ---- checkpoints ----
  // A point to roll back to or compare with (slice_at, touched_since). From
  // here on the journal keeps one entry per object: the value it had here.
  size_t checkpoint();
  // A statement's start: rolled back when the statement fails.
  size_t statement_begin() const { return journal_.size(); }
  // After a statement that stands: drops its journal entries for objects
  // already journaled since the last checkpoint, so that a migration of N
  // statements on one table keeps one old version of it, not N.
  void statement_done();
  void rollback(size_t cp);
  // Forgets the undo information (the replay will never roll back past here).
  void commit();
  // Objects touched since cp, as (store, key) pairs, sorted, each once (a
  // sorted vector: a migration can touch 100,000 objects).
  using Touched = std::vector<std::pair<int, std::string>>;
  Touched touched_since(size_t cp) const;
  // The current values of the given objects, or all objects.
  Slice slice(const Touched& keys) const;
  Slice slice_all() const;
  // The values the given objects had at checkpoint cp.
  Slice slice_at(size_t cp, const Touched& keys) const;

  // ---- enumeration (sorted by key) ----
  const std::map<std::string, Ptr<Table>>& tables() const { return tables_; }
  const std::map<std::string, Ptr<View>>& views() const { return views_; }
  const std::map<std::string, Ptr<Index>>& indexes() const { return indexes_; }
  const std::map<std::string, Ptr<Sequence>>& sequences() const { return sequences_; }
  const std::map<std::string, Ptr<Type>>& types() const { return types_; }
  const std::map<std::string, Ptr<Function>>& functions() const { return functions_; }
  const std::map<std::string, Ptr<Trigger>>& triggers() const { return triggers_; }
  const std::map<std::string, Ptr<Extension>>& extensions() const { return extensions_; }
  const std::map<std::string, Ptr<std::string>>& comments() const { return comments_; }
  const std::map<std::string, Ptr<int>>& schemas() const { return schemas_; }

 private:
  template <typename T>
  static Ptr<T> find(const std::map<std::string, Ptr<T>>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? nullptr : it->second;
  }
  template <typename T>
  void store(int id, std::map<std::string, Ptr<T>>& m, const std::string& k, Ptr<T> v);
  static std::string dep_key(const std::string& target, const std::string& dependent);
  void add_dep(const std::string& target, const std::string& dependent, int delta);
  // A table's counted entries (constraint names, dependencies), and the
  // change from one version of a table to the next (null: none).
  void table_dep_keys(const Table& t, std::vector<std::string>& connames, std::vector<std::string>& deps) const;
  void shift_counts(int id, std::map<std::string, Ptr<int>>& m, std::vector<std::string>& removed,
                    std::vector<std::string>& added);
  void replace_table_deps(const Table* old, const Table* now);
  void domain_connames(const Type& t, int delta);
  // Gives each NOT NULL column its constraint name (18), or clears them (< 18).
  void name_not_nulls(Table& t) const;
  void view_deps(const View& v, int delta);

  struct Entry {
    int store;
    std::string key;
    std::shared_ptr<const void> prev;
  };
  // A deque: entries never move, and a journal of 100,000 objects does not
  // hold twice the room it uses.
  std::deque<Entry> journal_;
  // Entries from checkpoint_at_ to compacted_end_ name each object once;
  // `journaled_` holds their positions, by the hash of (store, key).
  size_t checkpoint_at_ = 0;
  size_t compacted_end_ = 0;
  HashIndex journaled_;
  static size_t entry_hash(int store, const std::string& key);
  // The slot in journaled_ of the entry for (store, key), or HashIndex::npos.
  size_t journaled(int store, const std::string& key, size_t hash) const;
  std::vector<std::string> search_path_;
  int pg_version_ = 15;
  std::map<std::string, Ptr<Table>> tables_;
  std::map<std::string, Ptr<View>> views_;
  std::map<std::string, Ptr<Index>> indexes_;
  std::map<std::string, Ptr<Sequence>> sequences_;
  std::map<std::string, Ptr<Type>> types_;
  std::map<std::string, Ptr<Function>> functions_;
  std::map<std::string, Ptr<Trigger>> triggers_;
  std::map<std::string, Ptr<int>> schemas_;
  std::map<std::string, Ptr<Extension>> extensions_;
  std::map<std::string, Ptr<std::string>> comments_;
  std::map<std::string, Ptr<int>> uncertain_;
  std::map<std::string, Ptr<Unsure>> unsure_;
  std::map<std::string, Ptr<int>> seen_schemas_;
  std::set<std::string> reported_;
  std::map<std::string, Ptr<int>> connames_;  // "schema\x1fname" -> use count
  std::map<std::string, Ptr<int>> deps_;      // "target\x1edependent" -> count
};

// A set of object values (part of a catalog state), what diff() compares.
struct Slice {
  std::map<std::string, Ptr<Table>> tables;
  std::map<std::string, Ptr<View>> views;
  std::map<std::string, Ptr<Index>> indexes;
  std::map<std::string, Ptr<Sequence>> sequences;
  std::map<std::string, Ptr<Type>> types;
  std::map<std::string, Ptr<Function>> functions;
  std::map<std::string, Ptr<Trigger>> triggers;
  std::map<std::string, Ptr<int>> schemas;
  std::map<std::string, Ptr<Extension>> extensions;
  std::map<std::string, Ptr<std::string>> comments;
};

// Key prefixes used by dependents().
std::string table_key(const QName& n);
std::string view_key(const QName& n);
std::string index_key(const QName& n);
std::string sequence_key(const QName& n);
std::string type_key(const QName& n);
std::string function_key(const std::string& sig);
std::string trigger_key(const QName& table, const std::string& name);

// PostgreSQL's implicit-name builder (indexcmds.c makeObjectName), byte lengths,
// clipped on UTF-8 character boundaries.
std::string make_object_name(std::string_view name1, std::string_view name2, std::string_view label);
// ChooseRelationName: relation names in the schema (plus constraint names when
// the index backs a constraint) and names already taken in this command.
std::string choose_relation_name(const Catalog& c, const std::string& schema, std::string_view name1,
                                 std::string_view name2, std::string_view label, bool avoid_constraints,
                                 const std::set<std::string>& taken = {});
// ChooseConstraintName: constraint names in the schema plus those in `taken`.
std::string choose_constraint_name(const Catalog& c, const std::string& schema, std::string_view name1,
                                   std::string_view name2, std::string_view label,
                                   const std::set<std::string>& taken = {});

}  // namespace miglint::catalog
