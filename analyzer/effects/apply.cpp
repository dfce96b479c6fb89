#include "analyzer/effects/apply.h"

#include <fmt/format.h>
#include <pg_query/pg_ast_meta.h>

#include <cctype>

#include "analyzer/effects/transform.h"

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

void Ctx::unmodeled(std::string what) {
  out.modeled = false;
  issue("unmodeled-statement", -1, std::move(what));
  // Objects the statement text mentions become uncertain: schema rules stay
  // silent about them rather than guess.
  const std::string_view text = file.text(stmt.begin, stmt.end);
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    for (const auto& s : cat.search_path()) {
      QName q{s, word};
      if (cat.table(q)) cat.mark_uncertain(catalog::table_key(q));
      if (cat.view(q)) cat.mark_uncertain(catalog::view_key(q));
      if (cat.index(q)) cat.mark_uncertain(catalog::index_key(q));
      if (cat.sequence(q)) cat.mark_uncertain(catalog::sequence_key(q));
      if (cat.type(q)) cat.mark_uncertain(catalog::type_key(q));
    }
    word.clear();
  };
  for (char ch : text) {
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_')
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    else
      flush();
  }
  flush();
  cat.mark_uncertain("statement:" + std::to_string(stmt.begin));
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
    e.links().via = *via;
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

QName split_name(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  if (names.size() == 1) return {"", names[0]};
  return {names[names.size() - 2], names.back()};
}

namespace {

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

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

// SELECT without side effects on the schema, except set_config('search_path', ...).
void transform_select(Ctx& c, const pg_query::SelectStmt& s) {
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
      c.unmodeled(fmt::format("SELECT {}(…) may change the schema; the model does not follow function calls", fn));
    }
  }
}

void transform_schema(Ctx& c, const pg_query::CreateSchemaStmt& s) {
  const std::string& n = s.schemaname();
  if (c.cat.has_schema(n)) {
    if (!s.if_not_exists()) c.duplicate(-1, fmt::format("schema \"{}\" already exists", n));
    return;
  }
  c.cat.add_schema(n);
  c.effect(Action::Created, ObjectKind::Schema, {n, ""});
  if (s.schema_elts_size() > 0) c.unmodeled("CREATE SCHEMA with schema elements");
}

void transform_extension(Ctx& c, const pg_query::CreateExtensionStmt& s) {
  if (c.cat.extension(s.extname())) {
    if (!s.if_not_exists()) c.duplicate(-1, fmt::format("extension \"{}\" already exists", s.extname()));
    return;
  }
  auto e = std::make_shared<catalog::Extension>();
  e->name = s.extname();
  e->schema = c.cat.creation_schema();
  for (const auto& o : s.options())
    if (o.has_def_elem() && o.def_elem().defname() == "schema") e->schema = const_text(o.def_elem().arg());
  c.cat.put_extension(e);
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
      if (!s.missing_ok()) c.unknown(rv.location(), fmt::format("relation \"{}\" does not exist", rv.relname()));
      return;
    }
    if (!c.cat.has_schema(ns)) return c.unknown(-1, fmt::format("schema \"{}\" does not exist", ns));
    const QName to{ns, q->name};
    if (to == *q) return;
    if (c.cat.relation_exists(to))
      return c.duplicate(-1, fmt::format("relation \"{}\" already exists in schema \"{}\"", q->name, ns));
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
      if (!s.missing_ok()) c.unknown(-1, fmt::format("type \"{}\" does not exist", names.empty() ? "" : names.back()));
      return;
    }
    // A type no column uses moves on its own.
    if (c.cat.dependents(catalog::type_key(*type)).empty()) {
      if (!c.cat.has_schema(ns)) return c.unknown(-1, fmt::format("schema \"{}\" does not exist", ns));
      const QName to{ns, type->name};
      if (c.cat.type(to) || c.cat.relation_exists(to))
        return c.duplicate(-1, fmt::format("type \"{}\" already exists in schema \"{}\"", type->name, ns));
      auto n = std::make_shared<catalog::Type>(*c.cat.type(*type));
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
  // What the object becomes in the new schema is unknown too, and so are the
  // columns that show a moved type by its qualified name.
  if (type) {
    c.cat.mark_uncertain(catalog::type_key(*type));
    c.cat.mark_uncertain(catalog::type_key({ns, type->name}));
    for (const auto& d : c.cat.dependents(catalog::type_key(*type)))
      if (d.starts_with("table:")) c.cat.mark_uncertain(d.substr(0, d.rfind('\x1f')));
  }
}

}  // namespace

void begin_file(catalog::Catalog& cat) { cat.set_search_path({"public"}); }

ApplyResult apply_statement(catalog::Catalog& cat, const ParsedFile& file, const Statement& stmt) {
  ApplyResult out;
  if (!stmt.node) return out;
  Ctx c{cat, file, stmt, out, false, std::nullopt, false};
  const size_t cp = cat.checkpoint();
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
        if (v.kind() == pg_query::VAR_SET_VALUE)
          set_search_path(c, v.args());
        else if (v.kind() == pg_query::VAR_SET_DEFAULT || v.kind() == pg_query::VAR_RESET)
          cat.set_search_path({"public"});
      }
      break;
    }
    case N::kSelectStmt: transform_select(c, n.select_stmt()); break;
    // Transactions, data changes, grants, ownership, session settings,
    // statistics and maintenance leave the modeled schema unchanged.
    case N::kTransactionStmt:
    case N::kInsertStmt:
    case N::kUpdateStmt:
    case N::kDeleteStmt:
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
    case N::kCreateStatsStmt:
      break;
    case N::kDoStmt: c.unmodeled("DO block: the model does not run procedural code"); break;
    case N::kCallStmt: c.unmodeled("CALL: the model does not run procedures"); break;
    default: {
      c.unmodeled(fmt::format("{} is not modeled", pgmeta::node_case_type_name(static_cast<int>(n.node_case()))));
      break;
    }
  }
  // A statement PostgreSQL rejects changes nothing.
  if (c.failed) cat.rollback(cp);
  return out;
}

}  // namespace miglint::effects
