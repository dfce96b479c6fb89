// `protected-object`: a migration drops, alters or renames an object listed
// under [[protect]] in miglint.toml — directly, or as a consequence of what it
// names (dropping the table drops its indexes; changing a column's type
// rebuilds the indexes on it). Touches come from the schema model's effects,
// never from text, so comments and string literals that mention the object
// are not touches.
#include <fmt/format.h>

#include <optional>
#include <utility>

#include "analyzer/replay/replay.h"
#include "analyzer/replay/summary.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/runner.h"
#include "rules/support/folder_support.h"
#include "analyzer/source/display_path.h"

namespace miglint {
namespace {

using catalog::ObjectKind;
using effects::Action;
using effects::Effect;
using effects::ObjectPattern;

bool table_member(ObjectKind k) {
  return k == ObjectKind::Column || k == ObjectKind::Constraint || k == ObjectKind::Trigger;
}

bool table_matches(const ObjectPattern& p, const catalog::QName& q) {
  return q.name == p.name && (p.schema.empty() || q.schema == p.schema);
}

// How strongly an effect touches the protected object: 0 not at all, 3 the
// statement names it, 2 a consequence of what it names, 1 its table changes.
int touch_rank(const ObjectPattern& p, const Effect& e) {
  if (e.action == Action::Created) return 0;
  if (p.matches(e.object)) return e.implied ? 2 : 3;
  if (p.kind == ObjectKind::Table) {
    if (table_member(e.object.kind) && table_matches(p, e.object.name)) return 1;
    if (e.object.kind == ObjectKind::Index && e.owner().kind == ObjectKind::Table && table_matches(p, e.owner().name))
      return 1;
  }
  if ((p.kind == ObjectKind::Column || p.kind == ObjectKind::Constraint) && e.object.kind == ObjectKind::Table &&
      e.action == Action::Renamed && p.matches_table(e.object.name))
    return 1;
  return 0;
}

std::string_view verb(Action a) {
  switch (a) {
    case Action::Dropped: return "drops";
    case Action::Renamed: return "renames";
    default: return "alters";
  }
}

class ProtectedObject final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"protected-object", Severity::Error,
                            "a migration drops, alters or renames an object listed under [[protect]]", "schema"};
    return m;
  }

  std::unique_ptr<FolderWalk> walk_folder(const FolderContext& ctx) const override {
    if (ctx.config().protect.empty()) return nullptr;
    auto walk = std::make_unique<Walk>();
    for (const auto& entry : ctx.config().protect) {
      Entry e;
      e.entry = &entry;
      e.pattern = effects::parse_pattern(entry.kind, entry.name, &e.error);
      e.where = config_span(ctx.config(), entry.origin, ctx.folder());
      e.known = e.pattern && e.pattern->kind == ObjectKind::Schema && e.pattern->name == "public";
      walk->entries.push_back(std::move(e));
    }
    return walk;
  }

 private:
  struct Entry {
    const ProtectEntry* entry = nullptr;
    std::optional<ObjectPattern> pattern;
    std::string error;             // why the pattern cannot be read
    Span where;                    // the entry in miglint.toml
    bool known = false;            // some statement named the object
    std::vector<Diagnostic> held;  // touches found while it was not known
  };

  struct Walk final : FolderWalk {
    std::vector<Entry> entries;

    std::unique_ptr<FolderWalk> clone() const override { return std::make_unique<Walk>(*this); }

    void step(FolderContext& ctx, const FolderStep& st) override {
      for (auto& en : entries) {
        if (!en.pattern) continue;
        const ObjectPattern& p = *en.pattern;
        // The migration that creates the object may shape it (its up and its down).
        bool creates = false;
        for (const auto& se : st)
          for (const auto& e : se.effects) {
            en.known = en.known || effects::names(p, e);
            creates = creates || (!se.down && e.action == Action::Created && p.matches(e.object));
          }
        if (creates) continue;
        for (const auto& se : st)
          if (auto d = touch(ctx, en, se)) {
            if (en.known) ctx.emit(std::move(*d));
            else en.held.push_back(std::move(*d));
          }
        if (en.known)
          for (auto& d : std::exchange(en.held, {})) ctx.emit(std::move(d));
      }
    }

    // What cannot be decided before the whole folder is walked.
    void finish(FolderContext& ctx) override {
      for (auto& en : entries) {
        if (!en.pattern) {
          ctx.report(en.where, fmt::format("[[protect]] {} entry cannot be read: {}", en.entry->kind, en.error),
                     "write the name as PostgreSQL would: `[schema.]table.column`, `[schema.]name`, "
                     "`table.constraint`");
        } else if (!en.known) {
          ctx.report(en.where,
                     fmt::format("protected {} {} never exists in {}: the entry protects nothing", en.entry->kind,
                                 en.entry->name, display_path(ctx.folder().dir)),
                     "fix the name (unquoted names fold to lower case, quoted ones keep their case) or remove the "
                     "entry");
        }
        en.held.clear();
      }
    }
  };

  // The finding on one statement that touches the protected object, if it does.
  static std::optional<Diagnostic> touch(FolderContext& ctx, const Entry& en, const catalog::StatementEffects& se) {
    if (!se.file || !se.statement) return std::nullopt;
    const ObjectPattern& p = *en.pattern;
    const ProtectEntry& entry = *en.entry;
    const Effect* best = nullptr;
    int rank = 0;
    for (const auto& e : se.effects) {
      const int r = touch_rank(p, e);
      if (r > rank) {
        rank = r;
        best = &e;
      }
    }
    if (!best) return std::nullopt;
    const std::string stmt = effects::statement_excerpt(*se.file, *se.statement);
    const std::string object = fmt::format("protected {}", effects::display(best->object));
    std::string msg;
    if (rank == 3) {
      msg = fmt::format("`{}` {} {}", stmt, verb(best->action), object);
      if (best->action == Action::Renamed && !best->new_name().empty())
        msg += " to " + catalog::quote_ident(best->new_name());
      if (best->action == Action::Altered && !best->detail().empty()) msg += " (" + best->detail() + ")";
    } else if (rank == 2) {
      msg = fmt::format("`{}` {} {}: {}", stmt, verb(best->action), object, how(se.effects, *best));
    } else if (best->object.kind == ObjectKind::Table) {
      msg = fmt::format("`{}` renames the table of protected {} {}", stmt, entry.kind, p.text);
    } else {
      msg = fmt::format("`{}` changes protected table {}: it {} {}", stmt, p.text, verb(best->action),
                        effects::display(best->object));
    }
    msg += entry.reason.empty() ? fmt::format(" (protected in {})", entry.origin)
                                : fmt::format(" (protected: {})", entry.reason);
    const size_t b = best->begin < best->end ? best->begin : se.statement->begin;
    const size_t e = best->begin < best->end ? best->end : se.statement->end;
    auto d = ctx.make(make_span(*se.file->source, b, e), std::move(msg),
                      "leave the object alone; if the change is really wanted, get it reviewed and remove or "
                      "narrow its [[protect]] entry in the same change");
    d.notes.push_back({en.where, "listed under [[protect]] here"});
    return d;
  }

  // "dropping table workspaces also drops index idx_…"
  static std::string how(const std::vector<Effect>& all, const Effect& e) {
    if (e.via().kind == ObjectKind::Other) return fmt::format("it {} {}", verb(e.action), effects::display(e.object));
    Action cause_action = Action::Altered;
    std::string detail;
    for (const auto& x : all)
      if (x.object == e.via() && !x.implied) {
        cause_action = x.action;
        detail = x.detail();
        break;
      }
    std::string cause;
    if (cause_action == Action::Altered && detail == "type")
      cause = "changing the type of " + effects::display(e.via());
    else
      cause = fmt::format("{} {}",
                          cause_action == Action::Dropped   ? "dropping"
                          : cause_action == Action::Renamed ? "renaming"
                                                            : "altering",
                          effects::display(e.via()));
    if (e.cascade) cause += " CASCADE";
    if (e.action == Action::Altered && e.detail() == "rebuilt")
      return fmt::format("{} rebuilds {}", cause, effects::display(e.object));
    return fmt::format("{} also {} {}", cause, verb(e.action), effects::display(e.object));
  }
};

}  // namespace

std::unique_ptr<Rule> make_protected_object() { return std::make_unique<ProtectedObject>(); }

}  // namespace miglint
