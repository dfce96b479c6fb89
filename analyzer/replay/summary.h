// What each migration does to the schema, from the replay's effects: the
// effects of its up and down, a one-line human summary, and the object
// history (which objects exist before a migration, which ever existed) that
// the protected-object and unintended-drop rules and the audit report share.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/catalog/catalog.h"
#include "analyzer/replay/replay.h"
#include "analyzer/effects/apply.h"

namespace miglint::effects {

// One effect with the statement that made it.
struct EffectAt {
  const Effect* effect = nullptr;
  const ParsedFile* file = nullptr;
  const Statement* statement = nullptr;
  bool down = false;
};

struct MigrationEffects {
  std::string version;
  std::vector<EffectAt> up;
  std::vector<EffectAt> down;
  std::string summary;       // of the up: "drops table runtime_image_pins; touches nothing else"
  std::string down_summary;  // of the down
};

// Per version, in replay order (only migrations that have an up).
std::vector<MigrationEffects> migration_effects(const catalog::ReplayResult& replay);

// One line: "creates table x, index y; alters table z (adds column c)".
std::string summarize(const std::vector<EffectAt>& effects);

// "table runtime_image_pins", "column runtime_image_digest of workspaces":
// names without the default `public.` schema.
std::string display(const catalog::ObjectRef& ref);
std::string display_name(const catalog::QName& q);

// The statement's first line, whitespace collapsed, cut to `max` characters.
std::string statement_excerpt(const ParsedFile& file, const Statement& st, size_t max = 80);

// ---- naming objects in config entries and intent directives ----

// A name as a user writes it: `[schema.]name`, `[schema.]table.column`,
// `table.constraint`, `name(args)` for functions. Unquoted parts are folded
// as PostgreSQL folds them (ASCII only), quoted ones kept.
struct ObjectPattern {
  catalog::ObjectKind kind = catalog::ObjectKind::Other;
  std::string schema;  // empty: any schema
  std::string table;   // column and constraint: the table
  std::string name;    // the object (column, constraint, index, ...)
  std::string text;    // as written, for messages
  bool matches(const catalog::ObjectRef& ref) const;
  // For columns and constraints: does ref name the table they belong to?
  bool matches_table(const catalog::QName& table) const;
  std::string str() const;  // "table runtime_image_pins"
};

// kind: table, column, index, constraint, type, view, materialized view,
// function, schema, sequence. nullopt (and *error) when unreadable.
std::optional<ObjectPattern> parse_pattern(std::string_view kind, std::string_view name, std::string* error);
// Identifier parts of a dotted name, folded; nullopt when malformed.
std::optional<std::vector<std::string>> split_identifiers(std::string_view text);

// Columns, constraints and triggers: named by their table and their own name.
bool table_member(catalog::ObjectKind k);
// What a renamed object is called afterwards.
catalog::ObjectRef rename_target(const catalog::ObjectRef& o, std::string_view new_name);

// Does the effect name an object the pattern matches (a renamed object
// under either name)?
bool names(const ObjectPattern& p, const Effect& e);

// Every object named by the effects added so far (a renamed object under
// both names), asked only "was anything matching this pattern ever named?".
// Kept as one 64-bit hash per object of what a pattern compares, so that a
// walk over a large folder holds a few megabytes instead of the objects; two
// different names share a hash with a probability of about 2^-64 per pair.
// A pattern without a schema asks each schema named (a folder has few).
class NamedObjects {
 public:
  void add(const Effect& e);
  bool any(const ObjectPattern& p) const;

 private:
  void add_ref(const catalog::ObjectRef& r);
  void add_key(uint64_t k);
  bool has(uint64_t k) const;
  // A deque: growing it never copies the keys (a vector would hold two
  // copies for a moment, which could be the peak of the whole run).
  std::deque<uint64_t> keys_;
  size_t sorted_ = 0;  // keys_[0, sorted_) is sorted and unique
  std::set<std::string> schemas_;
};

}  // namespace miglint::effects
