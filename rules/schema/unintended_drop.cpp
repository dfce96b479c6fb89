// `unintended-drop`: an up migration destroys something its declared intent
// does not name. Intent is a directive comment in the up,
//   -- miglint:intent drop table runtime_image_pins, drop index idx_x
// or, without one, a migration name `<version>_drop_<object>` /
// `<version>_remove_<object>` whose object resolves to exactly one object that
// exists before the migration and that the up really drops. Without either
// the rule says nothing.
//
// What an intended object owns (a table's columns, indexes, constraints,
// triggers, owned sequences; the indexes and constraints built on an intended
// column) is part of the intent. What merely depends on it and goes only with
// CASCADE (another table's foreign key, a view) is not.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "analyzer/replay/object_history.h"
#include "analyzer/replay/replay.h"
#include "analyzer/replay/summary.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/runner.h"
#include "analyzer/source/strings.h"

namespace miglint {
namespace {

using catalog::ObjectKind;
using catalog::ObjectRef;
using effects::Action;
using effects::Effect;
using effects::ObjectPattern;

// The kinds whose destruction the rule is about.
bool destroyable(ObjectKind k) {
  switch (k) {
    case ObjectKind::Table:
    case ObjectKind::Column:
    case ObjectKind::Index:
    case ObjectKind::Constraint:
    case ObjectKind::Type:
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
    case ObjectKind::Function:
    case ObjectKind::Schema: return true;
    default: return false;
  }
}

// The history indexes the names of the kinds a migration name may call for.
uint32_t destroyable_kinds() {
  uint32_t mask = 0;
  for (auto k = static_cast<unsigned>(ObjectKind::Schema); k <= static_cast<unsigned>(ObjectKind::Other); ++k)
    if (destroyable(static_cast<ObjectKind>(k))) mask |= 1u << k;
  return mask;
}
const uint32_t kIndexedKinds = destroyable_kinds();

using effects::table_member;

struct Intent {
  std::vector<ObjectPattern> items;
  std::string text;  // "drop table runtime_image_pins"
  // Where it was declared: a directive comment, or the migration name.
  const ParsedFile* file = nullptr;
  size_t begin = 0, end = 0;
  bool from_name = false;
  std::string name;  // the migration name when inferred
};

struct DirectiveError {
  size_t begin = 0, end = 0;
  std::string message;
};

// "drop table a, drop index s.b" → patterns; errors name the bad item.
void parse_directive(std::string_view body, Intent& intent, std::vector<std::string>& errors) {
  size_t start = 0;
  while (start <= body.size()) {
    size_t comma = body.find(',', start);
    if (comma == std::string_view::npos) comma = body.size();
    const std::string item(trim(body.substr(start, comma - start)));
    start = comma + 1;
    if (item.empty()) {
      if (comma == body.size()) break;
      continue;
    }
    std::string_view rest = item;
    auto word = [&]() {
      size_t i = 0;
      while (i < rest.size() && !std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
      std::string w = lower(rest.substr(0, i));
      rest = rest.substr(i);
      while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
      return w;
    };
    std::string verb = word();
    std::string kind = verb;
    if (verb == "drop" || verb == "remove") kind = word();
    if (kind == "materialized") kind.append(" ").append(word());
    std::string error;
    auto p = effects::parse_pattern(kind, trim(rest), &error);
    if (!p) {
      errors.push_back(fmt::format("`{}`: {}", item, error));
    } else {
      intent.items.push_back(std::move(*p));
      intent.text += (intent.text.empty() ? "" : ", ") + fmt::format("drop {} {}", kind, trim(rest));
    }
    if (comma == body.size()) break;
  }
}

// Directives in the comments of the up section.
std::vector<Intent> directives(const Unit& up, std::vector<DirectiveError>& errors) {
  std::vector<Intent> out;
  const ParsedFile& f = *up.file;
  for (const auto& c : f.comments) {
    if (c.begin < up.begin || c.begin >= up.end) continue;
    std::string_view text = f.comment_text(c);
    const size_t at = text.find("miglint:intent");
    if (at == std::string_view::npos) continue;
    std::string_view body = text.substr(at + std::string_view("miglint:intent").size());
    if (!c.line && body.size() >= 2 && body.substr(body.size() - 2) == "*/") body.remove_suffix(2);
    Intent in;
    in.file = &f;
    in.begin = c.begin;
    in.end = c.end;
    std::vector<std::string> errs;
    parse_directive(body, in, errs);
    for (auto& e : errs) errors.push_back({c.begin, c.end, std::move(e)});
    if (in.items.empty() && errs.empty())
      errors.push_back({c.begin, c.end, "empty intent: write `-- miglint:intent drop table name`"});
    out.push_back(std::move(in));
  }
  return out;
}

// `drop_runtime_image_pins` → the one object the rest of the name resolves to
// among the objects that exist before the migration. Exact names only (no
// plural/singular guessing): `drop_<name>`, `drop_<kind>_<name>`,
// `drop_<name>_<kind>`, and for columns `drop_<table>_<column>` or
// `drop_<column>_from_<table>`; a bare column name counts when exactly one
// table has it and nothing else is called so.
std::optional<ObjectRef> infer(std::string_view migration_name, const effects::ObjectHistory& existing,
                               std::string& what) {
  std::string n = lower(migration_name);
  for (auto& ch : n)
    if (ch == '-' || ch == ' ' || ch == '.') ch = '_';
  std::string rest;
  for (std::string_view prefix : {"drop_", "remove_"})
    if (n.starts_with(prefix)) rest = n.substr(prefix.size());
  if (rest.empty()) return std::nullopt;
  struct Candidate {
    std::optional<ObjectKind> kind;
    std::string name;
  };
  std::vector<Candidate> cands{{std::nullopt, rest}};
  const std::pair<std::string_view, ObjectKind> kinds[] = {
      {"table", ObjectKind::Table},       {"index", ObjectKind::Index},
      {"column", ObjectKind::Column},     {"view", ObjectKind::View},
      {"type", ObjectKind::Type},         {"enum", ObjectKind::Type},
      {"function", ObjectKind::Function}, {"constraint", ObjectKind::Constraint},
      {"schema", ObjectKind::Schema}};
  for (const auto& [word, kind] : kinds) {
    const std::string pre = std::string(word).append("_"), post = std::string("_").append(word);
    if (rest.starts_with(pre) && rest.size() > pre.size()) cands.push_back({kind, rest.substr(pre.size())});
    if (rest.ends_with(post) && rest.size() > post.size())
      cands.push_back({kind, rest.substr(0, rest.size() - post.size())});
  }
  std::set<ObjectRef> found;
  for (const auto& c : cands) {
    existing.each_named(c.name, [&](const ObjectRef& r) {
      if (!c.kind || *c.kind == r.kind || (*c.kind == ObjectKind::View && r.kind == ObjectKind::MaterializedView))
        found.insert(r);
    });
  }
  if (found.size() != 1) return std::nullopt;
  what = rest;
  return *found.begin();
}

ObjectPattern pattern_of(const ObjectRef& r) {
  ObjectPattern p;
  p.kind = r.kind;
  switch (r.kind) {
    case ObjectKind::Column:
    case ObjectKind::Constraint:
      p.schema = r.name.schema;
      p.table = r.name.name;
      p.name = r.member;
      p.text = effects::display_name(r.name) + "." + catalog::quote_ident(r.member);
      break;
    case ObjectKind::Schema:
      p.schema = p.name = r.name.schema;
      p.text = catalog::quote_ident(r.name.schema);
      break;
    default:
      p.schema = r.name.schema;
      p.name = r.name.name;
      p.text = effects::display_name(r.name);
      break;
  }
  return p;
}

// Is `ref` the intended object or something it owns?
bool covered_ref(const Intent& in, const ObjectRef& ref, const ObjectRef& owner, const std::vector<std::string>& uses) {
  for (const auto& p : in.items) {
    if (p.matches(ref)) return true;
    if (p.kind == ObjectKind::Table) {
      const auto tab = [&](const catalog::QName& q) {
        return q.name == p.name && (p.schema.empty() || q.schema == p.schema);
      };
      if (table_member(ref.kind) && tab(ref.name)) return true;
      if ((ref.kind == ObjectKind::Index || ref.kind == ObjectKind::Sequence) && owner.kind == ObjectKind::Table &&
          tab(owner.name))
        return true;
    }
    if (p.kind == ObjectKind::Column) {
      // Indexes and constraints built on the intended column go with it.
      const catalog::QName& table = ref.kind == ObjectKind::Index ? owner.name : ref.name;
      if ((ref.kind == ObjectKind::Index || ref.kind == ObjectKind::Constraint) && p.matches_table(table) &&
          std::find(uses.begin(), uses.end(), p.name) != uses.end())
        return true;
    }
  }
  return false;
}

bool covered(const Intent& in, const Effect& e) {
  if (covered_ref(in, e.object, e.owner(), e.uses())) return true;
  // Owned consequences of an intended object (not CASCADE victims).
  return e.implied && !e.cascade && covered_ref(in, e.via(), {}, {});
}

// The walk over one folder: the objects that exist before each migration
// (and the names that resolve to them), every object ever named, and the
// findings that depend on the whole folder (a directive naming an object
// that never exists), decided at the end.
class Walk final : public FolderWalk {
 public:
  Walk() = default;
  Walk(const Walk&) = default;  // values only: a copy shares nothing with the original
  Walk& operator=(const Walk&) = delete;
  std::unique_ptr<FolderWalk> clone() const override { return std::make_unique<Walk>(*this); }

  void finish(FolderContext& ctx) override {
    for (auto& [d, p] : unless_named_)
      if (!named_.any(p)) ctx.emit(std::move(d));
    unless_named_.clear();
  }

  void step(FolderContext& ctx, const FolderStep& st) override {
    for (const auto& se : st)
      for (const auto& e : se.effects) named_.add(e);
    const Migration* m = st.migration;
    const Unit* up = st.up;
    // Intent: directives first, else the migration name.
    std::vector<DirectiveError> errors;
    std::vector<Intent> declared = up ? directives(*up, errors) : std::vector<Intent>{};
    for (const auto& e : errors)
      ctx.emit(ctx.make(make_span(*up->file->source, e.begin, e.end), "cannot read the intent directive: " + e.message,
                        "write `-- miglint:intent drop table name, drop index other` (kinds: table, column, index, "
                        "constraint, type, view, function, schema)"));
    std::optional<Intent> intent;
    if (!declared.empty()) {
      Intent merged = declared.front();
      for (size_t k = 1; k < declared.size(); ++k) {
        merged.items.insert(merged.items.end(), declared[k].items.begin(), declared[k].items.end());
        merged.text += ", " + declared[k].text;
      }
      if (!merged.items.empty()) intent = std::move(merged);
      // An intent naming an object that never exists protects nothing
      // (known once every migration is walked).
      for (const auto& d : declared)
        for (const auto& p : d.items)
          unless_named_.emplace_back(
              ctx.make(make_span(*d.file->source, d.begin, d.end),
                       fmt::format("the intent names {}, which never exists in this folder", p.str()),
                       "fix the name (unquoted names fold to lower case) so the intent says what is dropped"),
              p);
    } else if (m && up) {
      std::string what;
      if (auto ref = infer(m->name, existing_, what)) {
        Intent in;
        in.items.push_back(pattern_of(*ref));
        in.text = "drop " + in.items.back().str();
        in.file = up->file;
        in.from_name = true;
        in.name = m->name;
        intent = std::move(in);
      }
    }

    const auto ups = [&](const auto& f) {
      for (const auto& se : st)
        if (!se.down) f(se);
    };
    if (!intent) {
      ups([&](const catalog::StatementEffects& se) {
        for (const auto& e : se.effects) existing_.apply(e);
      });
      return;
    }
    // What existed before the up, of the objects the up touches.
    std::set<ObjectRef> before;
    ups([&](const catalog::StatementEffects& se) {
      for (const auto& e : se.effects)
        if (existing_.exists(e.object)) before.insert(e.object);
    });
    ups([&](const catalog::StatementEffects& se) {
      for (const auto& e : se.effects) existing_.apply(e);
    });
    // A name is evidence of intent only when the up really drops the object
    // it names (`remove_readme_from_crates` dropping `readme_file` is a name
    // that means something else, not a declaration).
    bool confirmed = !intent->from_name;
    ups([&](const catalog::StatementEffects& se) {
      for (const auto& e : se.effects)
        if (e.action == Action::Dropped && intent->items.front().matches(e.object)) confirmed = true;
    });
    if (confirmed)
      ups([&](const catalog::StatementEffects& se) {
        check_statement(ctx, *intent, se, before, existing_, [&](Diagnostic d) { ctx.emit(std::move(d)); });
      });
  }

 private:
  effects::ObjectHistory existing_{kIndexedKinds};
  effects::NamedObjects named_;
  std::vector<std::pair<Diagnostic, ObjectPattern>> unless_named_;

  static void check_statement(const FolderContext& ctx, const Intent& in, const catalog::StatementEffects& se,
                              const std::set<ObjectRef>& before, const effects::ObjectHistory& after,
                              const std::function<void(Diagnostic)>& report) {
    if (!se.file || !se.statement) return;
    std::set<ObjectRef> reported;
    for (const auto& e : se.effects) {
      if (e.action != Action::Dropped || !destroyable(e.object.kind)) continue;
      // Only what existed before and is gone after (a rebuilt index is not destroyed).
      if (!before.count(e.object) || after.exists(e.object)) continue;
      if (covered(in, e)) continue;
      std::string msg;
      if (!e.implied) {
        msg = fmt::format("drops {}, which the intent ({}) does not name", effects::display(e.object), in.text);
      } else if (e.cascade) {
        msg = fmt::format("dropping {} CASCADE also drops {}, which the intent ({}) does not name",
                          effects::display(e.via()), effects::display(e.object), in.text);
      } else {
        continue;  // owned by an unintended object: reported with that object
      }
      if (!reported.insert(e.object).second) continue;
      const size_t b = e.begin < e.end ? e.begin : se.statement->begin;
      const size_t end = e.begin < e.end ? e.end : se.statement->end;
      auto d = ctx.make(make_span(*se.file->source, b, end), std::move(msg),
                        "name it in the intent (`-- miglint:intent drop table a, drop view b`) if it is meant to "
                        "go, or change the statement so it leaves it alone");
      if (in.from_name)
        d.notes.push_back(
            {make_span(*in.file->source, 0, 0), fmt::format("intent inferred from the migration name `{}`", in.name)});
      else d.notes.push_back({make_span(*in.file->source, in.begin, in.end), "intent declared here"});
      report(std::move(d));
    }
  }
};

class UnintendedDrop final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"unintended-drop", Severity::Error,
                            "an up migration destroys something its declared intent does not name", "schema"};
    return m;
  }
  std::unique_ptr<FolderWalk> walk_folder(const FolderContext&) const override { return std::make_unique<Walk>(); }
};

}  // namespace

std::unique_ptr<Rule> make_unintended_drop() { return std::make_unique<UnintendedDrop>(); }

}  // namespace miglint
