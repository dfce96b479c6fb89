// `protected-object`: a migration drops, alters or renames an object listed
// under [[protect]] in miglint.toml — directly, or as a consequence of what it
// names (dropping the table drops its indexes; changing a column's type
// rebuilds the indexes on it). Touches come from the schema model's effects,
// never from text, so comments and string literals that mention the object
// are not touches.
#include <fmt/format.h>

#include "analyzer/catalog/replay.h"
#include "analyzer/effects/summary.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/runner.h"
#include "rules/support/folder_support.h"

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

  void check_folder(FolderContext& ctx) const override {
    const auto& fa = ctx.folder();
    const auto& config = ctx.config();
    if (!fa.replay || config.protect.empty()) return;
    const auto& replay = *fa.replay;
    const auto ever = effects::ever_named(replay);
    for (const auto& entry : config.protect) {
      std::string error;
      const auto pattern = effects::parse_pattern(entry.kind, entry.name, &error);
      const auto where = config_span(config, entry.origin, fa);
      if (!pattern) {
        ctx.report(where, fmt::format("[[protect]] {} entry cannot be read: {}", entry.kind, error),
                   "write the name as PostgreSQL would: `[schema.]table.column`, `[schema.]name`, `table.constraint`");
        continue;
      }
      bool known = pattern->kind == ObjectKind::Schema && pattern->name == "public";
      for (const auto& r : ever)
        if (pattern->matches(r)) {
          known = true;
          break;
        }
      if (!known) {
        ctx.report(where,
                   fmt::format("protected {} {} never exists in {}: the entry protects nothing", entry.kind,
                               entry.name, display_path(fa.folder.dir)),
                   "fix the name (unquoted names fold to lower case, quoted ones keep their case) or remove the "
                   "entry");
        continue;
      }
      check_entry(ctx, fa, entry, *pattern);
    }
  }

 private:
  static void check_entry(FolderContext& ctx, const FolderAnalysis& fa, const ProtectEntry& entry,
                          const ObjectPattern& p) {
    const auto& replay = *fa.replay;
    // The migration that creates the object may shape it (its up and its down).
    std::set<std::string> creators;
    for (const auto& se : replay.effects)
      if (!se.down)
        for (const auto& e : se.effects)
          if (e.action == Action::Created && p.matches(e.object)) creators.insert(se.version);
    const auto note = config_span(ctx.config(), entry.origin, fa);
    for (const auto& se : replay.effects) {
      if (creators.count(se.version) || !se.file || !se.statement) continue;
      const Effect* best = nullptr;
      int rank = 0;
      for (const auto& e : se.effects) {
        const int r = touch_rank(p, e);
        if (r > rank) {
          rank = r;
          best = &e;
        }
      }
      if (!best) continue;
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
      auto& d = ctx.report(*se.file->source, b, e, std::move(msg),
                           "leave the object alone; if the change is really wanted, get it reviewed and remove or "
                           "narrow its [[protect]] entry in the same change");
      d.notes.push_back({note, "listed under [[protect]] here"});
    }
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
      cause = fmt::format("{} {}", cause_action == Action::Dropped   ? "dropping"
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
