#include "analyzer/effects/apply.h"

#include <fmt/format.h>
#include <pg_query/pg_ast_meta.h>

#include <cctype>
#include <set>

#include "analyzer/catalog/diff.h"
#include "analyzer/effects/transform.h"
#include "analyzer/source/strings.h"

namespace miglint::effects {

using catalog::ObjectKind;

std::string_view action_name(Action a) {
  switch (a) {
    case Action::Created: return "created";
    case Action::Dropped: return "dropped";
    case Action::Altered: return "altered";
    case Action::Renamed: return "renamed";
  }
  return "altered";
}

void Ctx::issue(std::string rule, int location, std::string message) {
  Issue i;
  i.severity = rule == "unmodeled-statement" ? Severity::Info : Severity::Error;
  i.rule = std::move(rule);
  i.begin = location < 0 ? stmt.begin : at(location);
  i.end = location < 0 ? stmt.end : std::max(i.begin, std::min(stmt.end, i.begin + 1));
  // Extend a located issue to the end of the identifier it points at.
  if (location >= 0) {
    const std::string& t = file.source->text();
    size_t e = i.begin;
    while (e < stmt.end && e < t.size() &&
           (std::isalnum(static_cast<unsigned char>(t[e])) || t[e] == '_' || t[e] == '.' || t[e] == '"' ||
            (static_cast<unsigned char>(t[e]) & 0x80)))
      ++e;
    i.end = std::max(i.begin + 1, e);
  }
  i.message = std::move(message);
  if (i.severity == Severity::Error) failed = true;
  out.issues.push_back(std::move(i));
}

namespace {

// A name as a statement's text spells it, for marking what a statement the
// model cannot apply may touch: folded and clipped as PostgreSQL's scanner
// would, with the name before a dot when qualified.
struct Word {
  std::string qualifier;
  std::string name;
  // Where a table's name goes (`TABLE [IF [NOT] EXISTS] [ONLY] name`, `ON
  // name`): PostgreSQL names the table's keys, indexes and sequences after it.
  bool names_table = false;
};

constexpr size_t kMaxIdentifier = 63;

void clip_identifier(std::string& s) {
  if (s.size() <= kMaxIdentifier) return;
  size_t n = kMaxIdentifier;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
}

// Every identifier-like word of the text, string literals and dollar-quoted
// bodies included: a DO block or a function names its objects inside them.
std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> out;
  auto ident_start = [](unsigned char ch) { return std::isalpha(ch) || ch == '_' || ch >= 0x80; };
  auto ident_part = [](unsigned char ch) { return std::isalnum(ch) || ch == '_' || ch == '$' || ch >= 0x80; };
  bool table_next = false;
  bool dot_before = false;  // the previous word ended right before a '.'
  std::string prev;
  for (size_t i = 0; i < text.size();) {
    const auto ch = static_cast<unsigned char>(text[i]);
    std::string w;
    bool quoted = false;
    if (ch == '"') {
      quoted = true;
      size_t j = i + 1;
      for (; j < text.size(); ++j) {
        if (text[j] != '"') {
          w += text[j];
        } else if (j + 1 < text.size() && text[j + 1] == '"') {
          w += '"';
          ++j;
        } else {
          break;
        }
      }
      i = j + 1;
    } else if (ident_start(ch)) {
      size_t j = i;
      while (j < text.size() && ident_part(static_cast<unsigned char>(text[j]))) {
        w += static_cast<char>(std::tolower(static_cast<unsigned char>(text[j])));
        ++j;
      }
      i = j;
    } else if (std::isdigit(ch)) {
      while (i < text.size() && ident_part(static_cast<unsigned char>(text[i]))) ++i;
      dot_before = false;
      continue;
    } else {
      if (ch != '.') dot_before = false;
      ++i;
      continue;
    }
    if (w.empty()) continue;
    clip_identifier(w);
    const bool keyword_like = !quoted && (w == "if" || w == "not" || w == "exists" || w == "only");
    Word word;
    word.name = w;
    if (dot_before) word.qualifier = prev;
    word.names_table = table_next && !keyword_like;
    if (!keyword_like) table_next = !quoted && (w == "table" || w == "on");
    if (word.names_table && i < text.size() && text[i] == '.') table_next = true;  // schema.table
    dot_before = i < text.size() && text[i] == '.';
    prev = w;
    out.push_back(std::move(word));
  }
  return out;
}

enum class Track {
  Names,     // the names the text mentions may exist
  Mentions,  // … and the objects of the model it mentions may have changed or gone
  Calls,     // … and names derived from any of them (`events_p2024` from `events`)
  Unparsed,  // the same: a statement that did not parse may be broken anywhere, its TABLE keyword too
};

// Words no implicit name is derived from.
bool keyword(std::string_view w) {
  static const std::set<std::string, std::less<>> words = {
      "add",    "all",    "alter",   "and",        "as",     "by",     "cascade", "check", "column",
      "commit", "create", "default", "delete",     "drop",   "exists", "foreign", "from",  "if",
      "in",     "index",  "insert",  "into",       "is",     "key",    "not",     "null",  "on",
      "only",   "or",     "primary", "references", "select", "set",    "table",   "to",    "trigger",
      "type",   "unique", "update",  "using",      "values", "view",   "where",   "with"};
  return words.count(w) != 0;
}

// Whether procedural code (a DO block, a function body) may change the
// schema: it has a DDL word, runs dynamic SQL or calls a routine. Code that
// only reads and writes rows (a backfill) leaves the model's objects as
// they are.
bool may_change_schema(std::string_view code) {
  static const std::set<std::string, std::less<>> ddl = {"create",  "alter",   "drop", "rename",
                                                         "execute", "perform", "call", "import"};
  for (const auto& w : words_of(code))
    if (w.qualifier.empty() && ddl.count(w.name)) return true;
  return false;
}

// Marks what a statement the model cannot apply may have touched. `diff`:
// the objects of the model it mentions are also left out of the comparison
// of a down with its up (even when they are judged: that comparison is
// stricter, it wants every detail right).
void lose_track(catalog::Catalog& cat, std::string_view text, Track track, const catalog::Unsure& cause,
                bool diff = true) {
  using catalog::Unsure;
  std::set<std::string> seen;
  for (const auto& w : words_of(text)) {
    if (!seen.insert(w.qualifier + '\x1f' + w.name + (w.names_table ? "+" : "")).second) continue;
    const bool derived = w.names_table || ((track == Track::Calls || track == Track::Unparsed) && !keyword(w.name));
    const unsigned name_marks = Unsure::Name | (derived ? Unsure::Derived : 0u);
    cat.mark_unsure("name:" + w.name, name_marks, cause);
    if (track == Track::Names && !diff) continue;
    const unsigned marks = Unsure::Contents | Unsure::Presence;
    auto mark = [&](const std::string& key, bool in_diff) {
      if (track != Track::Names) cat.mark_unsure(key, marks, cause);
      if (in_diff && diff) cat.mark_uncertain(key);
    };
    const std::vector<std::string> schemas = w.qualifier.empty() ? cat.search_path()
                                                                 : std::vector<std::string>{w.qualifier};
    for (const auto& s : schemas) {
      const QName q{s, w.name};
      if (cat.table(q)) mark(catalog::table_key(q), true);
      if (cat.view(q)) mark(catalog::view_key(q), true);
      if (cat.index(q)) mark(catalog::index_key(q), true);
      if (cat.sequence(q)) mark(catalog::sequence_key(q), true);
      if (cat.type(q)) mark(catalog::type_key(q), true);
      for (const auto& f : cat.functions_named(q)) mark(catalog::function_key(f->signature()), false);
    }
    if (w.qualifier.empty() && cat.has_schema(w.name)) mark("schema:" + w.name, false);
    if (w.qualifier.empty() && cat.extension(w.name)) mark("extension:" + w.name, false);
  }
}

std::string describe_key(const std::string& key) {
  const auto colon = key.find(':');
  const std::string kind = key.substr(0, colon), rest = key.substr(colon + 1);
  if (kind == "name") return "\"" + rest + "\"";
  if (kind == "function") return "function " + rest;
  const auto p = rest.find('\x1f');
  if (p == std::string::npos) return kind + " " + catalog::quote_ident(rest);
  return kind + " " + QName{rest.substr(0, p), rest.substr(p + 1)}.str();
}

const char* const kWhyUnmodeled = "a statement the model does not apply names it";
const char* const kNoteUnmodeled = "the model does not apply this statement";
const char* const kWhyUnparsed = "a statement that did not parse names it";
const char* const kNoteUnparsed = "this statement did not parse";
const char* const kWhySkipped = "a statement that needed what the model does not know names it";
const char* const kNoteSkipped = "the model could not apply this statement";

}  // namespace

void Ctx::unmodeled(std::string what, Unmodeled how, std::optional<std::string_view> bodies) {
  out.modeled = false;
  issue("unmodeled-statement", -1, std::move(what));
  // Objects and names the statement text mentions become unsure: schema
  // rules stay silent about them rather than guess.
  catalog::Unsure cause{0, kWhyUnmodeled, make_span(*file.source, stmt.begin, stmt.end), kNoteUnmodeled};
  const std::string_view text = file.text(stmt.begin, stmt.end);
  switch (how) {
    case Unmodeled::Statement: lose_track(cat, text, Track::Mentions, cause); break;
    case Unmodeled::Aside: lose_track(cat, text, Track::Names, cause); break;
    case Unmodeled::Code: {
      const std::string_view code = bodies.value_or(text);
      lose_track(cat, code, may_change_schema(code) ? Track::Mentions : Track::Names, cause);
      break;
    }
    case Unmodeled::Call:
      // A routine the model holds changes what its body says; any other
      // may make objects named after its arguments.
      if (!bodies) {
        lose_track(cat, text, Track::Calls, cause);
      } else {
        const bool changes = may_change_schema(*bodies);
        lose_track(cat, text, changes ? Track::Calls : Track::Names, cause);
        lose_track(cat, *bodies, changes ? Track::Mentions : Track::Names, cause);
      }
      break;
  }
  cat.mark_uncertain("statement:" + std::to_string(stmt.begin));
}

namespace {
bool says_once(catalog::Catalog& cat, const std::string& key) { return cat.first_report(key); }
}  // namespace

bool Ctx::knows_contents(const std::string& key, int location) {
  const catalog::Unsure* u = cat.unsure(key);
  if (!u || !(u->what & catalog::Unsure::Contents)) return true;
  if (says_once(cat, key)) {
    issue("unmodeled-statement", location,
          fmt::format("not checked: the model does not know all that {} holds ({})", describe_key(key), u->why));
    out.issues.back().notes.push_back({u->cause, u->note});
  }
  return false;
}

namespace {
// The table (or materialized view) an index or an owned sequence belongs to:
// it is as sure as what holds it.
std::string holder_key(const catalog::Catalog& cat, const std::string& key) {
  const auto split = [&](std::string_view prefix) {
    const std::string rest = key.substr(prefix.size());
    const auto p = rest.find('\x1f');
    return QName{rest.substr(0, p), p == std::string::npos ? "" : rest.substr(p + 1)};
  };
  if (key.starts_with("index:"))
    if (auto ix = cat.index(split("index:"))) return relation_key(cat, ix->table);
  if (key.starts_with("sequence:"))
    if (auto sq = cat.sequence(split("sequence:")); sq && sq->owned_table) return catalog::table_key(*sq->owned_table);
  return {};
}
}  // namespace

bool Ctx::knows_presence(const std::string& key, int location) {
  const catalog::Unsure* u = cat.unsure(key);
  if (!u || !(u->what & catalog::Unsure::Presence)) {
    const std::string holder = holder_key(cat, key);
    return holder.empty() || (knows_presence(holder, location) && knows_contents(holder, location));
  }
  if (says_once(cat, key)) {
    issue("unmodeled-statement", location,
          fmt::format("not checked: {} may have been dropped or replaced ({})", describe_key(key), u->why));
    out.issues.back().notes.push_back({u->cause, u->note});
  }
  return false;
}

bool Ctx::knows_absent(const std::string& name, int location, const std::string& schema) {
  for (const auto& s : schema.empty() ? cat.search_path() : std::vector<std::string>{schema})
    if (!cat.knows_schema(s)) {
      if (says_once(cat, "schema:" + s))
        issue("unmodeled-statement", location,
              fmt::format("not checked: no migration makes schema {}, so what it holds is unknown to the model",
                          catalog::quote_ident(s)));
      return false;
    }
  const catalog::Unsure* u = cat.unsure_name(name);
  // `orders_note_idx`: an implicit name of a table whose indexes, keys and
  // sequences the model does not all know.
  for (size_t p = name.find('_', 1); !u && p != std::string::npos; p = name.find('_', p + 1))
    for (const auto& s : cat.search_path()) {
      const QName t{s, name.substr(0, p)};
      if (!cat.table(t) && !cat.view(t)) continue;
      const catalog::Unsure* tu = cat.unsure(relation_key(cat, t));
      if (tu && (tu->what & catalog::Unsure::Contents)) {
        u = tu;
        break;
      }
    }
  if (!u) return true;
  if (says_once(cat, "name:" + name)) {
    issue("unmodeled-statement", location,
          fmt::format("not checked: the model holds nothing named \"{}\", but it may exist ({})", name, u->why));
    out.issues.back().notes.push_back({u->cause, u->note});
  }
  return false;
}

bool Ctx::knows_schema_absent(const std::string& s, int location) {
  if (!cat.knows_schema(s)) {
    if (says_once(cat, "schema:" + s))
      issue("unmodeled-statement", location,
            fmt::format("not checked: no migration makes or drops schema {}; it may exist", catalog::quote_ident(s)));
    return false;
  }
  return knows_absent(s, location);
}

bool Ctx::knows_routine_absent(const QName& n, int location) {
  if (!knows_absent(n.name, location, n.schema)) return false;
  for (const auto& s : n.schema.empty() ? cat.search_path() : std::vector<std::string>{n.schema}) {
    const catalog::Unsure* u = cat.unsure("routines:" + s);
    if (!u) continue;
    if (says_once(cat, "name:" + n.name)) {
      issue("unmodeled-statement", location,
            fmt::format("not checked: the model holds no routine named \"{}\", but it may exist ({})", n.name, u->why));
      out.issues.back().notes.push_back({u->cause, u->note});
    }
    return false;
  }
  return true;
}

bool Ctx::sure_of(const std::string& key) const {
  const catalog::Unsure* u = cat.unsure(key);
  return !u || !(u->what & (catalog::Unsure::Contents | catalog::Unsure::Presence));
}

void Ctx::missing(int location, std::string message, const std::string& name, const std::string& schema) {
  if (knows_absent(name, location, schema)) unknown(location, std::move(message));
  else skip();
}

void Ctx::missing_schema(int location, const std::string& s) {
  if (knows_schema_absent(s, location)) unknown(location, fmt::format("schema \"{}\" does not exist", s));
  else skip();
}

void Ctx::present(int location, std::string message, const std::string& key) {
  if (knows_presence(key, location)) duplicate(location, std::move(message));
  else skip(key);
}

void Ctx::skip(std::string target) {
  skipped = true;
  if (!target.empty()) skip_target = std::move(target);
}

void Ctx::gone(const std::string& key, const std::string& name) {
  if (!key.empty()) cat.forget_unsure(key);
  if (!name.empty()) cat.forget_unsure("name:" + name);
}

void Ctx::moved(const std::string& from, const std::string& to) {
  const catalog::Unsure* u = cat.unsure(from);
  if (!u) return;
  const catalog::Unsure copy = *u;
  cat.forget_unsure(from);
  cat.mark_unsure(to, copy.what, copy);
}

void Ctx::mark_unsure(const std::string& key, unsigned what, std::string why, std::string note) {
  catalog::Unsure u{what, std::move(why), make_span(*file.source, stmt.begin, stmt.end), std::move(note)};
  cat.mark_unsure(key, what, u);
}

void Ctx::effect(Action a, ObjectKind k, QName name, std::string member, bool implied, int location,
                 std::string detail) {
  Effect e;
  e.action = a;
  e.object = {k, std::move(name), std::move(member)};
  e.implied = implied;
  if (!detail.empty()) e.links().detail = std::move(detail);
  e.begin = location < 0 ? stmt.begin : at(location);
  e.end = location < 0 ? stmt.end : e.begin;
  // Inside a nested drop/alteration every other object is a consequence.
  if (via && !(e.object == *via)) {
    e.implied = true;
    e.set_via(*via);
    e.cascade = cascading;
  }
  if (k == ObjectKind::Index)
    if (auto ix = cat.index(e.object.name)) e.links().owner = {ObjectKind::Table, ix->table, {}};
  out.effects.push_back(std::move(e));
}

QName Ctx::create_name(const std::string& schema, const std::string& name) const {
  return {schema.empty() ? cat.creation_schema() : schema, name};
}

std::optional<QName> Ctx::find_table(const std::string& schema, const std::string& name) const {
  return cat.resolve(schema, name, [&](const QName& q) { return cat.table(q) != nullptr; });
}
std::optional<QName> Ctx::find_table(const pg_query::RangeVar& rv) const {
  return find_table(rv.schemaname(), rv.relname());
}
std::optional<QName> Ctx::find_relation_of(const std::string& schema, const std::string& name,
                                           bool (*pred)(const catalog::Catalog&, const QName&)) const {
  return cat.resolve(schema, name, [&](const QName& q) { return pred(cat, q); });
}
std::optional<QName> Ctx::find_type(const std::vector<std::string>& names) const {
  QName n = split_name(names);
  return cat.resolve(n.schema, n.name, [&](const QName& q) { return cat.type(q) != nullptr; });
}

std::string relation_key(const catalog::Catalog& cat, const QName& q) {
  if (cat.table(q)) return catalog::table_key(q);
  if (cat.view(q)) return catalog::view_key(q);
  if (cat.index(q)) return catalog::index_key(q);
  if (cat.sequence(q)) return catalog::sequence_key(q);
  return catalog::type_key(q);
}

void column_definition_unsure(Ctx& c, const QName& table, const std::string& column) {
  c.cat.mark_uncertain(catalog::column_def_key(table, column));
  c.cat.mark_uncertain(catalog::indexes_key(table));
  if (const auto t = c.cat.table(table))
    for (const auto& k : t->constraints)
      if (k.uses.contains(column)) c.cat.mark_uncertain(catalog::constraint_key(table, k.name));
}

QName split_name(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  if (names.size() == 1) return {"", names[0]};
  return {names[names.size() - 2], names.back()};
}

namespace {

// search_path value list → schema names ("$user" dropped: no such schema).
std::vector<std::string> parse_path(const std::string& v) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  auto push = [&] {
    std::string s = cur;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    s = s.substr(i);
    if (!s.empty() && s != "$user") out.push_back(s);
    cur.clear();
  };
  for (char ch : v) {
    if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      push();
    } else {
      cur += quoted ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  push();
  return out;
}

std::string const_text(const pg_query::Node& n) {
  if (n.has_a_const()) {
    const auto& c = n.a_const();
    if (c.has_sval()) return c.sval().sval();
    if (c.has_ival()) return std::to_string(c.ival().ival());
    if (c.has_fval()) return c.fval().fval();
  }
  if (n.has_type_cast() && n.type_cast().has_arg()) return const_text(n.type_cast().arg());
  if (n.has_column_ref()) {
    const auto names = catalog::strings(n.column_ref().fields());
    return names.empty() ? "" : names.back();
  }
  if (n.has_string()) return n.string().sval();
  return "";
}

void set_search_path(Ctx& c, const google::protobuf::RepeatedPtrField<pg_query::Node>& args) {
  std::vector<std::string> path;
  for (const auto& a : args) {
    if (a.has_a_const() && a.a_const().has_sval()) {
      for (auto& s : parse_path(a.a_const().sval().sval())) path.push_back(s);
    } else {
      // Identifiers are already folded by the parser.
      std::string s = const_text(a);
      if (!s.empty() && s != "$user") path.push_back(s);
    }
  }
  c.cat.set_search_path(std::move(path));
}

// The bodies of the functions and procedures named n (any signature): what a
// call of them may create or drop.
std::optional<std::string> routine_bodies(const catalog::Catalog& cat, const std::vector<std::string>& names) {
  const QName n = split_name(names);
  std::optional<std::string> out;
  for (const auto& sch : n.schema.empty() ? cat.search_path() : std::vector<std::string>{n.schema})
    for (const auto& f : cat.functions_named({sch, n.name})) out = out.value_or("") + f->body + "\n";
  return out;
}

// SELECT … INTO t: a table whose columns come from the query, like CREATE TABLE AS.
void transform_select_into(Ctx& c, const pg_query::SelectStmt& s) {
  const auto& into = s.into_clause();
  const auto& rel = into.rel();
  const QName name = c.create_name(rel);
  if (!c.cat.has_schema(name.schema)) return c.missing_schema(rel.location(), name.schema);
  if (c.cat.relation_exists(name))
    return c.present(rel.location(), fmt::format("relation \"{}\" already exists", name.name),
                     c.cat.table(name) ? catalog::table_key(name) : "name:" + name.name);
  create_table_from_query(c, name, &s, catalog::strings(into.col_names()), rel.location(), "SELECT … INTO");
}

// SELECT without side effects on the schema, except set_config('search_path', ...).
void transform_select(Ctx& c, const pg_query::SelectStmt& s) {
  if (s.has_into_clause() && s.into_clause().has_rel()) return transform_select_into(c, s);
  for (const auto& t : s.target_list()) {
    if (!t.has_res_target() || !t.res_target().has_val() || !t.res_target().val().has_func_call()) continue;
    const auto& f = t.res_target().val().func_call();
    const auto names = catalog::strings(f.funcname());
    if (names.empty()) continue;
    const std::string& fn = names.back();
    if (fn == "set_config" && f.args_size() >= 2 && lower(const_text(f.args(0))) == "search_path") {
      c.cat.set_search_path(parse_path(const_text(f.args(1))));
    } else if (fn == "setval" || fn == "nextval" || fn == "pg_advisory_lock" || fn == "pg_advisory_unlock" ||
               fn == "pg_advisory_xact_lock" || fn == "pg_notify" || fn == "count" || fn == "now" ||
               fn == "current_setting" || fn == "to_regclass" || fn == "pg_sleep") {
      // Data or session functions: no schema change.
    } else if (s.from_clause_size() == 0) {
      const auto bodies = routine_bodies(c.cat, names);
      c.unmodeled(fmt::format("SELECT {}(…) may change the schema; the model does not follow function calls", fn),
                  Unmodeled::Call, bodies ? std::optional<std::string_view>(*bodies) : std::nullopt);
    }
  }
}

// The relations a data-changing statement reads besides its target (FROM,
// USING, subqueries), and the names its WITH queries define.
void collect_relations(const pgmeta::MessageLite& m, pgmeta::MsgType t, std::vector<const pg_query::RangeVar*>& out,
                       std::set<std::string>& ctes) {
  if (t == pgmeta::MsgType::RangeVar) {
    out.push_back(static_cast<const pg_query::RangeVar*>(&m));
    return;
  }
  if (t == pgmeta::MsgType::CommonTableExpr) ctes.insert(static_cast<const pg_query::CommonTableExpr&>(m).ctename());
  pgmeta::children(m, t, [&](const pgmeta::MessageLite& child, pgmeta::MsgType ct) {
    collect_relations(child, ct, out, ctes);
  });
}

// INSERT, UPDATE, DELETE: no schema change, but PostgreSQL refuses one whose
// target relation, target columns or the relations it reads do not exist (a
// down that backfills a column its up dropped).
void transform_data_change(Ctx& c, const pgmeta::MessageLite& stmt, pgmeta::MsgType type,
                           const pg_query::RangeVar& target,
                           const google::protobuf::RepeatedPtrField<pg_query::Node>& columns) {
  auto exists = [&](const QName& x) { return c.cat.relation_exists(x); };
  std::vector<const pg_query::RangeVar*> read;
  std::set<std::string> ctes;
  collect_relations(stmt, type, read, ctes);
  for (const pg_query::RangeVar* rv : read) {
    if (rv->schemaname().empty() && ctes.count(rv->relname())) continue;
    if (!c.cat.resolve(rv->schemaname(), rv->relname(), exists))
      return c.missing(rv->location(), fmt::format("relation \"{}\" does not exist", rv->relname()), rv->relname(),
                       rv->schemaname());
  }
  const auto q = c.cat.resolve(target.schemaname(), target.relname(), exists);
  const auto t = q ? c.cat.table(*q) : nullptr;
  if (!t) return;
  for (const auto& col : columns) {
    if (!col.has_res_target() || t->column(col.res_target().name())) continue;
    if (c.knows_contents(catalog::table_key(t->name), col.res_target().location()))
      c.unknown(col.res_target().location(),
                fmt::format("column \"{}\" of relation \"{}\" does not exist", col.res_target().name(), t->name.name));
    return;
  }
}

void transform_schema(Ctx& c, const pg_query::CreateSchemaStmt& s) {
  // CREATE SCHEMA AUTHORIZATION role: the schema is named after the role.
  const std::string n = !s.schemaname().empty() ? s.schemaname() : s.has_authrole() ? s.authrole().rolename() : "";
  if (n.empty()) return c.unmodeled("CREATE SCHEMA named after the current user is not modeled");
  if (c.cat.has_schema(n)) {
    if (!s.if_not_exists()) c.present(-1, fmt::format("schema \"{}\" already exists", n), "schema:" + n);
    return;
  }
  c.cat.add_schema(n);
  c.effect(Action::Created, ObjectKind::Schema, {n, ""});
  if (s.schema_elts_size() > 0) c.unmodeled("CREATE SCHEMA with schema elements");
}

void transform_extension(Ctx& c, const pg_query::CreateExtensionStmt& s) {
  if (c.cat.extension(s.extname())) {
    if (!s.if_not_exists())
      c.present(-1, fmt::format("extension \"{}\" already exists", s.extname()), "extension:" + s.extname());
    return;
  }
  auto e = std::make_shared<catalog::Extension>();
  e->name = s.extname();
  e->schema = c.cat.creation_schema();
  for (const auto& o : s.options())
    if (o.has_def_elem() && o.def_elem().defname() == "schema") e->schema = const_text(o.def_elem().arg());
  c.cat.put_extension(e);
  // Its functions are not in the model: calling or dropping one is not judged.
  c.mark_unsure("routines:" + e->schema, catalog::Unsure::Name,
                fmt::format("extension {} may provide it", catalog::quote_ident(e->name)),
                "the extension is created here");
  c.effect(Action::Created, ObjectKind::Extension, {"", s.extname()});
}

void transform_alter_object_schema(Ctx& c, const pg_query::AlterObjectSchemaStmt& s) {
  const std::string& ns = s.newschema();
  const auto t = s.object_type();
  if (s.has_relation() && (t == pg_query::OBJECT_TABLE || t == pg_query::OBJECT_SEQUENCE ||
                           t == pg_query::OBJECT_VIEW || t == pg_query::OBJECT_MATVIEW)) {
    const auto& rv = s.relation();
    auto q = c.cat.resolve(rv.schemaname(), rv.relname(), [&](const QName& x) { return c.cat.relation_exists(x); });
    if (!q) {
      if (!s.missing_ok())
        c.missing(rv.location(), fmt::format("relation \"{}\" does not exist", rv.relname()), rv.relname(),
                  rv.schemaname());
      return;
    }
    if (!c.cat.has_schema(ns)) return c.missing_schema(-1, ns);
    const QName to{ns, q->name};
    if (to == *q) return;
    if (c.cat.relation_exists(to))
      return c.present(-1, fmt::format("relation \"{}\" already exists in schema \"{}\"", q->name, ns),
                       relation_key(c.cat, to));
    if (c.cat.table(*q)) {
      move_table(c, *q, to);
      c.effect(Action::Renamed, ObjectKind::Table, *q, {}, false, rv.location(), "schema");
    } else if (c.cat.sequence(*q)) {
      move_sequence(c, *q, to);
      c.effect(Action::Renamed, ObjectKind::Sequence, *q, {}, false, rv.location(), "schema");
    } else if (auto v = c.cat.view(*q)) {
      move_view(c, *q, to);
      c.effect(Action::Renamed, v->materialized ? ObjectKind::MaterializedView : ObjectKind::View, *q, {}, false,
               rv.location(), "schema");
    } else {
      c.unmodeled("ALTER … SET SCHEMA of this relation is not modeled");
      return;
    }
    c.out.effects.back().links().new_name = q->name;
    return;
  }
  std::optional<QName> type;
  if (t == pg_query::OBJECT_TYPE || t == pg_query::OBJECT_DOMAIN) {
    std::vector<std::string> names;
    if (s.object().has_list()) names = catalog::strings(s.object().list().items());
    else if (s.object().has_type_name()) names = catalog::strings(s.object().type_name().names());
    type = c.find_type(names);
    if (!type) {
      if (!s.missing_ok())
        c.missing(-1, fmt::format("type \"{}\" does not exist", names.empty() ? "" : names.back()),
                  names.empty() ? "" : names.back(), split_name(names).schema);
      return;
    }
    // A type no column uses moves on its own.
    if (c.cat.dependents(catalog::type_key(*type)).empty()) {
      if (!c.cat.has_schema(ns)) return c.missing_schema(-1, ns);
      const QName to{ns, type->name};
      if (c.cat.type(to) || c.cat.relation_exists(to))
        return c.present(-1, fmt::format("type \"{}\" already exists in schema \"{}\"", type->name, ns),
                         relation_key(c.cat, to));
      auto n = std::make_shared<catalog::Type>(*c.cat.type(*type));
      c.moved(catalog::type_key(*type), catalog::type_key(to));
      c.cat.erase_type(*type);
      n->name = to;
      c.cat.put_type(n);
      if (auto cm = c.cat.comment(catalog::type_key(*type))) {
        c.cat.set_comment(catalog::type_key(*type), std::nullopt);
        c.cat.set_comment(catalog::type_key(to), *cm);
      }
      c.effect(Action::Renamed, ObjectKind::Type, *type, {}, false, -1, "schema");
      c.out.effects.back().links().new_name = type->name;
      return;
    }
  }
  c.unmodeled("ALTER … SET SCHEMA is not modeled");
  // What the object becomes in the new schema is unknown too, and so is how
  // its columns show the moved type (by its qualified name), in their
  // definitions and in the constraints and indexes that use them; the rest
  // of their tables is known.
  if (type) {
    c.cat.mark_uncertain(catalog::type_key(*type));
    c.cat.mark_uncertain(catalog::type_key({ns, type->name}));
    for (const auto& d : c.cat.dependents(catalog::type_key(*type)))
      if (const auto col = dependent_member(d, "table:")) column_definition_unsure(c, col->first, col->second);
  }
}

}  // namespace

void begin_file(catalog::Catalog& cat) { cat.set_search_path({"public"}); }

void run_statement(catalog::Catalog& cat, const ParsedFile& file, const Statement& stmt, ApplyResult& out, int depth) {
  if (!stmt.node) return;
  Ctx c{cat, file, stmt, out, false, false, {}, std::nullopt, false, depth};
  const size_t cp = cat.statement_begin();
  const auto& n = *stmt.node;
  using N = pg_query::Node;
  switch (n.node_case()) {
    case N::kCreateStmt: transform_create_table(c, n.create_stmt()); break;
    case N::kAlterTableStmt: transform_alter_table(c, n.alter_table_stmt()); break;
    case N::kRenameStmt: transform_rename(c, n.rename_stmt()); break;
    case N::kDropStmt: transform_drop(c, n.drop_stmt()); break;
    case N::kIndexStmt: transform_index(c, n.index_stmt()); break;
    case N::kCreateSeqStmt: transform_create_sequence(c, n.create_seq_stmt()); break;
    case N::kAlterSeqStmt: transform_alter_sequence(c, n.alter_seq_stmt()); break;
    case N::kViewStmt: transform_view(c, n.view_stmt()); break;
    case N::kCreateTableAsStmt: transform_create_table_as(c, n.create_table_as_stmt()); break;
    case N::kCreateEnumStmt: transform_create_enum(c, n.create_enum_stmt()); break;
    case N::kAlterEnumStmt: transform_alter_enum(c, n.alter_enum_stmt()); break;
    case N::kCreateDomainStmt: transform_create_domain(c, n.create_domain_stmt()); break;
    case N::kAlterDomainStmt: transform_alter_domain(c, n.alter_domain_stmt()); break;
    case N::kCompositeTypeStmt: transform_composite_type(c, n.composite_type_stmt()); break;
    case N::kCreateFunctionStmt: transform_create_function(c, n.create_function_stmt()); break;
    case N::kCreateTrigStmt: transform_create_trigger(c, n.create_trig_stmt()); break;
    case N::kCommentStmt: transform_comment(c, n.comment_stmt()); break;
    case N::kCreateSchemaStmt: transform_schema(c, n.create_schema_stmt()); break;
    case N::kCreateExtensionStmt: transform_extension(c, n.create_extension_stmt()); break;
    case N::kAlterObjectSchemaStmt: transform_alter_object_schema(c, n.alter_object_schema_stmt()); break;
    case N::kVariableSetStmt: {
      const auto& v = n.variable_set_stmt();
      if (lower(v.name()) == "search_path") {
        if (v.kind() == pg_query::VAR_SET_VALUE) set_search_path(c, v.args());
        else if (v.kind() == pg_query::VAR_SET_DEFAULT || v.kind() == pg_query::VAR_RESET)
          cat.set_search_path({"public"});
      }
      break;
    }
    case N::kSelectStmt: transform_select(c, n.select_stmt()); break;
    // Transactions, merges, grants, ownership, session settings,
    // statistics and maintenance leave the modeled schema unchanged.
    case N::kInsertStmt:
      transform_data_change(c, n.insert_stmt(), pgmeta::MsgType::InsertStmt, n.insert_stmt().relation(),
                            n.insert_stmt().cols());
      break;
    case N::kUpdateStmt:
      transform_data_change(c, n.update_stmt(), pgmeta::MsgType::UpdateStmt, n.update_stmt().relation(),
                            n.update_stmt().target_list());
      break;
    case N::kDeleteStmt:
      transform_data_change(c, n.delete_stmt(), pgmeta::MsgType::DeleteStmt, n.delete_stmt().relation(), {});
      break;
    case N::kTransactionStmt:
    case N::kMergeStmt:
    case N::kGrantStmt:
    case N::kGrantRoleStmt:
    case N::kAlterOwnerStmt:
    case N::kAlterDefaultPrivilegesStmt:
    case N::kLockStmt:
    case N::kVacuumStmt:
    case N::kReindexStmt:
    case N::kClusterStmt:
    case N::kNotifyStmt:
    case N::kTruncateStmt:
    case N::kRefreshMatViewStmt:
    case N::kCopyStmt:
    case N::kExplainStmt:
    case N::kCheckPointStmt:
    case N::kVariableShowStmt:
    case N::kCreateRoleStmt:
    case N::kAlterRoleStmt:
    case N::kDropRoleStmt:
    case N::kAlterDatabaseSetStmt:
    case N::kAlterDatabaseStmt:
    case N::kCreateStatsStmt: break;
    case N::kDoStmt: transform_do(c, n.do_stmt()); break;
    case N::kCallStmt: {
      const auto& call = n.call_stmt();
      std::optional<std::string> bodies;
      if (call.has_funccall()) bodies = routine_bodies(cat, catalog::strings(call.funccall().funcname()));
      c.unmodeled("CALL: the model does not run procedures", Unmodeled::Call,
                  bodies ? std::optional<std::string_view>(*bodies) : std::nullopt);
      break;
    }
    // Policies, publications, operators, casts and the like: outside the
    // model, and they change none of the objects it holds.
    case N::kCreatePolicyStmt:
    case N::kAlterPolicyStmt:
    case N::kCreatePublicationStmt:
    case N::kAlterPublicationStmt:
    case N::kCreateSubscriptionStmt:
    case N::kAlterSubscriptionStmt:
    case N::kSecLabelStmt:
    case N::kDefineStmt:
    case N::kCreateCastStmt:
    case N::kCreateOpClassStmt:
    case N::kCreateOpFamilyStmt:
    case N::kAlterOpFamilyStmt:
    case N::kCreateConversionStmt:
    case N::kCreateEventTrigStmt:
    case N::kAlterEventTrigStmt:
    case N::kCreateTableSpaceStmt:
    case N::kAlterTableSpaceOptionsStmt:
    case N::kAlterSystemStmt:
    case N::kCreateForeignServerStmt:
    case N::kCreateFdwStmt:
    case N::kCreateUserMappingStmt:
    case N::kCreateTransformStmt:
    case N::kCreateAmStmt:
    case N::kAlterCollationStmt:
    case N::kAlterOperatorStmt:
    case N::kAlterStatsStmt:
    case N::kAlterRoleSetStmt:
    case N::kAlterFunctionStmt:
    case N::kCreateRangeStmt:
      c.unmodeled(fmt::format("{} is not modeled", pgmeta::node_case_type_name(static_cast<int>(n.node_case()))),
                  Unmodeled::Aside);
      break;
    default: {
      c.unmodeled(fmt::format("{} is not modeled", pgmeta::node_case_type_name(static_cast<int>(n.node_case()))));
      break;
    }
  }
  // A statement PostgreSQL rejects changes nothing. One that needs what the
  // model does not know is not applied either, and what it names is unsure.
  if (c.failed) {
    cat.rollback(cp);
  } else if (c.skipped) {
    cat.rollback(cp);
    const catalog::Unsure cause{0, kWhySkipped, make_span(*file.source, stmt.begin, stmt.end), kNoteSkipped};
    lose_track(cat, file.text(stmt.begin, stmt.end), Track::Names, cause, false);
    if (!c.skip_target.empty()) {
      cat.mark_unsure(c.skip_target, catalog::Unsure::Contents | catalog::Unsure::Presence, cause);
      cat.mark_uncertain(c.skip_target);
    }
  }
}

ApplyResult apply_statement(catalog::Catalog& cat, const ParsedFile& file, const Statement& stmt) {
  ApplyResult out;
  if (!stmt.node) return out;
  run_statement(cat, file, stmt, out, 0);
  cat.statement_done();
  return out;
}

void apply_unparsed(catalog::Catalog& cat, const ParsedFile& file, size_t begin, size_t end) {
  const catalog::Unsure cause{0, kWhyUnparsed, make_span(*file.source, begin, end), kNoteUnparsed};
  lose_track(cat, file.text(begin, end), Track::Unparsed, cause);
}

}  // namespace miglint::effects
