// Applies one parsed statement to the schema model and says what it did:
// the effects on named objects (for rules such as protected-object and
// unintended-drop) and the problems PostgreSQL would report (unknown-object,
// duplicate-object, dependent-objects) or that the model cannot follow
// (unmodeled-statement).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/catalog/catalog.h"
#include "analyzer/diag/diagnostic.h"

namespace miglint::effects {

enum class Action { Created, Dropped, Altered, Renamed };
std::string_view action_name(Action a);

// What an effect says beyond its object; most effects (a created column, a
// dropped table) have none of it, so it is kept apart and allocated only when
// set: a large folder holds millions of effects.
struct EffectLinks {
  std::string new_name;  // for renames
  std::string detail;    // "type", "default", "not null", ... for alterations
  // For indexes: the table they belong to; for owned sequences: the table and
  // column (member) that own them (kind Other when none or unknown).
  catalog::ObjectRef owner;
  // For dropped indexes and constraints: the columns of their table they use.
  std::vector<std::string> uses;
};

struct Effect {
  Action action = Action::Altered;
  bool implied = false;  // a consequence (drop of a table's index, CASCADE), not named in the statement
  // Implied, and only because of CASCADE: a dependent the statement's object
  // does not own (another table's foreign key, a view), as opposed to what it
  // owns and what goes with it silently (its indexes, constraints, columns).
  bool cascade = false;
  catalog::ObjectRef object;
  size_t begin = 0, end = 0;  // file byte range of the most precise node

  Effect() = default;
  Effect(Effect&&) noexcept = default;
  Effect& operator=(Effect&&) noexcept = default;
  Effect(const Effect& o)
      : action(o.action),
        implied(o.implied),
        cascade(o.cascade),
        object(o.object),
        begin(o.begin),
        end(o.end),
        links_(o.links_ ? std::make_unique<EffectLinks>(*o.links_) : nullptr),
        via_(o.via_ ? std::make_unique<catalog::ObjectRef>(*o.via_) : nullptr) {}
  Effect& operator=(const Effect& o) {
    if (this != &o) *this = Effect(o);
    return *this;
  }

  const std::string& new_name() const { return links_ ? links_->new_name : none().new_name; }
  const std::string& detail() const { return links_ ? links_->detail : none().detail; }
  // For an implied effect: the object the statement named whose drop or
  // alteration caused it (kind Other when none).
  const catalog::ObjectRef& via() const { return via_ ? *via_ : no_object(); }
  const catalog::ObjectRef& owner() const { return links_ ? links_->owner : none().owner; }
  const std::vector<std::string>& uses() const { return links_ ? links_->uses : none().uses; }
  // For setting them.
  EffectLinks& links() {
    if (!links_) links_ = std::make_unique<EffectLinks>();
    return *links_;
  }
  // Apart from the rest: most implied effects (the columns of a table
  // created or dropped) have only this.
  void set_via(const catalog::ObjectRef& v) { via_ = std::make_unique<catalog::ObjectRef>(v); }

 private:
  static const EffectLinks& none() {
    static const EffectLinks empty;
    return empty;
  }
  static const catalog::ObjectRef& no_object() {
    static const catalog::ObjectRef empty;
    return empty;
  }
  std::unique_ptr<EffectLinks> links_;
  std::unique_ptr<catalog::ObjectRef> via_;
};

struct Issue {
  std::string rule;  // unknown-object, duplicate-object, dependent-objects, unmodeled-statement
  Severity severity = Severity::Error;
  size_t begin = 0, end = 0;
  std::string message;
  std::vector<Note> notes;  // e.g. the statement that left the model unsure
};

struct ApplyResult {
  std::vector<Effect> effects;
  std::vector<Issue> issues;
  bool modeled = true;  // false: the model could not apply it (see unmodeled-statement)
};

// Applies `stmt` (from `file`) to `cat`. A statement PostgreSQL would reject
// (unknown or duplicate object, dependent objects) leaves the catalog as it was.
ApplyResult apply_statement(catalog::Catalog& cat, const ParsedFile& file, const Statement& stmt);

// A statement of `file` (bytes [begin, end)) that did not parse: the model
// cannot apply it, so what it names becomes unsure (catalog::Unsure).
void apply_unparsed(catalog::Catalog& cat, const ParsedFile& file, size_t begin, size_t end);

// Resets per-session state (search_path) before a new file is applied.
void begin_file(catalog::Catalog& cat);

}  // namespace miglint::effects
