// CREATE [OR REPLACE] FUNCTION / PROCEDURE and CREATE TRIGGER.
#include <fmt/format.h>

#include "analyzer/effects/transform.h"
#include "analyzer/source/strings.h"

namespace miglint::effects {

using catalog::ObjectKind;

namespace {

std::string def_text(const pg_query::Node& n) {
  if (n.has_string()) return n.string().sval();
  if (n.has_integer()) return std::to_string(n.integer().ival());
  if (n.has_float_()) return n.float_().fval();
  if (n.has_boolean()) return n.boolean().boolval() ? "true" : "false";
  if (n.has_list()) {
    std::string o;
    for (const auto& i : n.list().items()) o += (o.empty() ? "" : ", ") + def_text(i);
    return o;
  }
  if (n.has_type_name()) return catalog::canonical_type(n.type_name());
  return catalog::deparse_expr(n);
}

}  // namespace

void transform_create_function(Ctx& c, const pg_query::CreateFunctionStmt& s) {
  const QName n = split_name(catalog::strings(s.funcname()));
  auto f = std::make_shared<catalog::Function>();
  f->name = c.create_name(n.schema, n.name);
  f->procedure = s.is_procedure();
  std::string table_cols;
  for (const auto& p : s.parameters()) {
    if (!p.has_function_parameter()) continue;
    const auto& fp = p.function_parameter();
    const std::string type = catalog::canonical_type(fp.arg_type());
    const auto mode = fp.mode();
    if (mode == pg_query::FUNC_PARAM_TABLE) {
      table_cols += (table_cols.empty() ? "" : ", ") + catalog::quote_ident(fp.name()) + " " + type;
      continue;
    }
    std::string shown = fp.name().empty() ? type : catalog::quote_ident(fp.name()) + " " + type;
    if (mode == pg_query::FUNC_PARAM_OUT) shown.insert(0, "OUT ");
    if (mode == pg_query::FUNC_PARAM_INOUT) shown.insert(0, "INOUT ");
    if (mode == pg_query::FUNC_PARAM_VARIADIC) shown.insert(0, "VARIADIC ");
    if (fp.has_defexpr()) shown += " DEFAULT " + catalog::deparse_expr(fp.defexpr());
    f->arg_names += (f->arg_names.empty() ? "" : ", ") + shown;
    if (mode == pg_query::FUNC_PARAM_OUT) continue;
    f->args += (f->args.empty() ? "" : ", ") + type;
  }
  if (s.has_return_type())
    f->returns = !table_cols.empty()
                     ? "TABLE(" + table_cols + ")"
                     : (s.return_type().setof() ? "SETOF " : "") + catalog::canonical_type(s.return_type());
  std::vector<std::string> attrs;
  for (const auto& o : s.options()) {
    if (!o.has_def_elem()) continue;
    const auto& d = o.def_elem();
    if (d.defname() == "as") {
      if (d.arg().has_list() && d.arg().list().items_size() >= 1) {
        std::string body;
        for (const auto& i : d.arg().list().items()) body += (body.empty() ? "" : "\n") + def_text(i);
        f->body = std::move(body);
      } else {
        f->body = def_text(d.arg());
      }
    } else if (d.defname() == "language") {
      f->language = def_text(d.arg());
    } else {
      const std::string a = d.defname() + "=" + (d.has_arg() ? def_text(d.arg()) : "true");
      // PostgreSQL's defaults are no attribute (pg_dump does not print them).
      if (a != "volatility=volatile" && a != "strict=false" && a != "security=false" && a != "parallel=unsafe")
        attrs.push_back(a);
    }
  }
  if (s.has_sql_body()) f->body = std::string(trim(catalog::deparse_stmt(s.sql_body())));
  std::sort(attrs.begin(), attrs.end());
  for (const auto& a : attrs) f->attributes += (f->attributes.empty() ? "" : " ") + a;
  if (f->language.empty()) f->language = "sql";
  if (!c.cat.has_schema(f->name.schema)) return c.missing_schema(-1, f->name.schema);
  if (auto old = c.cat.function(f->signature())) {
    if (!s.replace())
      return c.present(-1, fmt::format("function \"{}\" already exists with same argument types", n.name),
                       catalog::function_key(f->signature()));
    if (old->returns != f->returns)
      return c.present(
          -1, fmt::format("cannot change return type of existing function {} (DROP FUNCTION first)", f->signature()),
          catalog::function_key(f->signature()));
  }
  const bool replaced = c.cat.function(f->signature()) != nullptr;
  c.cat.put_function(f);
  // OR REPLACE of an existing function changes its definition: an alteration.
  if (replaced) c.effect(Action::Altered, ObjectKind::Function, f->name, f->args, false, -1, "definition");
  else c.effect(Action::Created, ObjectKind::Function, f->name, f->args);
}

void transform_create_trigger(Ctx& c, const pg_query::CreateTrigStmt& s) {
  auto q = c.find_table(s.relation());
  if (!q)
    q = c.cat.resolve(s.relation().schemaname(), s.relation().relname(),
                      [&](const QName& x) { return c.cat.view(x) != nullptr; });
  if (!q)
    return c.missing(s.relation().location(), fmt::format("relation \"{}\" does not exist", s.relation().relname()),
                     s.relation().relname(), s.relation().schemaname());
  const QName fn = split_name(catalog::strings(s.funcname()));
  std::optional<QName> fq;
  for (const auto& sch : fn.schema.empty() ? c.cat.search_path() : std::vector<std::string>{fn.schema})
    if (c.cat.function(QName{sch, fn.name}.str() + "()")) {
      fq = QName{sch, fn.name};
      break;
    }
  // PostgreSQL's own trigger functions.
  if (!fq && (fn.schema.empty() || fn.schema == "pg_catalog") &&
      (fn.name == "tsvector_update_trigger" || fn.name == "tsvector_update_trigger_column" ||
       fn.name == "suppress_redundant_updates_trigger"))
    fq = QName{"pg_catalog", fn.name};
  if (!fq) {
    if (c.knows_routine_absent(fn)) {
      c.unknown(-1, fmt::format("function {}() does not exist", fn.name));
      return;
    }
    // A function the model does not hold but that may exist: the trigger is kept.
    fq = c.create_name(fn.schema, fn.name);
  }
  const std::string owner = c.cat.table(*q) ? catalog::table_key(*q) : catalog::view_key(*q);
  if (c.cat.trigger(*q, s.trigname()) && !s.replace() && c.knows_contents(owner)) {
    c.duplicate(-1, fmt::format("trigger \"{}\" for relation \"{}\" already exists", s.trigname(), q->name));
    return;
  }
  auto t = std::make_shared<catalog::Trigger>();
  t->name = s.trigname();
  t->table = *q;
  t->function = *fq;
  const int timing = s.timing();
  std::string def = (timing & (1 << 1)) ? "BEFORE" : (timing & (1 << 6)) ? "INSTEAD OF" : "AFTER";
  std::vector<std::string> ev;
  const int e = s.events();
  if (e & (1 << 2)) ev.emplace_back("INSERT");
  if (e & (1 << 3)) ev.emplace_back("DELETE");
  if (e & (1 << 4)) {
    std::string u = "UPDATE";
    const auto cols = catalog::strings(s.columns());
    for (size_t i = 0; i < cols.size(); ++i) u += (i ? ", " : " OF ") + catalog::quote_ident(cols[i]);
    ev.push_back(u);
  }
  if (e & (1 << 5)) ev.emplace_back("TRUNCATE");
  // pg_get_triggerdef order: INSERT, DELETE, UPDATE, TRUNCATE.
  for (size_t i = 0; i < ev.size(); ++i) def += (i ? " OR " : " ") + ev[i];
  // Transition tables, OLD before NEW as pg_get_triggerdef prints them.
  std::string old_table, new_table;
  for (const auto& r : s.transition_rels())
    if (r.has_trigger_transition())
      (r.trigger_transition().is_new() ? new_table : old_table) = catalog::quote_ident(r.trigger_transition().name());
  if (!old_table.empty() || !new_table.empty()) {
    def += " REFERENCING";
    if (!old_table.empty()) def += " OLD TABLE AS " + old_table;
    if (!new_table.empty()) def += " NEW TABLE AS " + new_table;
  }
  def += s.row() ? " FOR EACH ROW" : " FOR EACH STATEMENT";
  if (s.has_when_clause()) def += " WHEN (" + catalog::deparse_expr(s.when_clause()) + ")";
  std::string args;
  for (const auto& a : catalog::strings(s.args())) args += (args.empty() ? "'" : ", '") + a + "'";
  def += " EXECUTE FUNCTION " + fq->str() + "(" + args + ")";
  if (s.deferrable()) def += " DEFERRABLE";
  if (s.initdeferred()) def += " INITIALLY DEFERRED";
  t->definition = def;
  c.cat.put_trigger(t);
  c.effect(Action::Created, ObjectKind::Trigger, *q, t->name, false, s.relation().location());
}

void transform_comment(Ctx& c, const pg_query::CommentStmt& s) {
  std::optional<std::string> text;
  if (!s.comment().empty()) text = s.comment();
  const auto& o = s.object();
  std::vector<std::string> names;
  if (o.has_list()) names = catalog::strings(o.list().items());
  else if (o.has_string()) names = {o.string().sval()};
  else if (o.has_type_name()) names = catalog::strings(o.type_name().names());
  std::string key;
  // `name` does not exist (or, with `owner`, is not a member of it): an
  // error unless the model is unsure of it.
  auto missing = [&](const std::string& what, const std::string& name, const std::string& owner = {},
                     const std::string& schema = {}) {
    if (owner.empty()) return c.missing(-1, fmt::format("{} does not exist", what), name, schema);
    if (c.knows_contents(owner)) c.unknown(-1, fmt::format("{} does not exist", what));
  };
  switch (s.objtype()) {
    case pg_query::OBJECT_TABLE:
    case pg_query::OBJECT_VIEW:
    case pg_query::OBJECT_MATVIEW:
    case pg_query::OBJECT_INDEX:
    case pg_query::OBJECT_SEQUENCE: {
      const QName n = split_name(names);
      auto q = c.cat.resolve(n.schema, n.name, [&](const QName& x) { return c.cat.relation_exists(x); });
      if (!q) return missing(fmt::format("relation \"{}\"", n.name), n.name, {}, n.schema);
      key = c.cat.table(*q)   ? catalog::table_key(*q)
            : c.cat.view(*q)  ? catalog::view_key(*q)
            : c.cat.index(*q) ? catalog::index_key(*q)
                              : catalog::sequence_key(*q);
      break;
    }
    case pg_query::OBJECT_COLUMN: {
      if (names.size() < 2) return;
      const std::string col = names.back();
      names.pop_back();
      const QName n = split_name(names);
      auto q = c.find_table(n.schema, n.name);
      if (!q) {
        if (c.cat.resolve(n.schema, n.name, [&](const QName& x) { return c.cat.view(x) != nullptr; })) return;
        return missing(fmt::format("relation \"{}\"", n.name), n.name, {}, n.schema);
      }
      if (!c.cat.table(*q)->column(col))
        return missing(fmt::format("column \"{}\" of relation \"{}\"", col, n.name), col, catalog::table_key(*q));
      key = "column:" + q->key() + '\x1f' + col;
      break;
    }
    case pg_query::OBJECT_TABCONSTRAINT: {
      if (names.size() < 2) return;
      const std::string con = names.back();
      names.pop_back();
      const QName n = split_name(names);
      auto q = c.find_table(n.schema, n.name);
      if (!q) return missing(fmt::format("relation \"{}\"", n.name), n.name, {}, n.schema);
      if (!c.cat.table(*q)->constraint(con))
        return missing(fmt::format("constraint \"{}\" for table \"{}\"", con, n.name), con, catalog::table_key(*q));
      key = "constraint:" + q->key() + '\x1f' + con;
      break;
    }
    case pg_query::OBJECT_TYPE:
    case pg_query::OBJECT_DOMAIN: {
      auto q = c.find_type(names);
      if (!q) {
        const std::string tn = names.empty() ? "" : names.back();
        return missing(fmt::format("type \"{}\"", tn), tn, {}, split_name(names).schema);
      }
      key = catalog::type_key(*q);
      break;
    }
    case pg_query::OBJECT_SCHEMA:
      if (names.empty()) return;
      if (!c.cat.has_schema(names[0])) {
        if (c.knows_schema_absent(names[0])) c.unknown(-1, fmt::format("schema \"{}\" does not exist", names[0]));
        return;
      }
      key = "schema:" + names[0];
      break;
    case pg_query::OBJECT_EXTENSION:
      if (names.empty()) return;
      if (!c.cat.extension(names[0])) return missing(fmt::format("extension \"{}\"", names[0]), names[0]);
      key = "extension:" + names[0];
      break;
    case pg_query::OBJECT_FUNCTION:
    case pg_query::OBJECT_PROCEDURE: {
      if (!o.has_object_with_args()) return;
      const QName n = split_name(catalog::strings(o.object_with_args().objname()));
      const auto found = find_routines(c, o.object_with_args());
      if (found.empty()) {
        if (c.knows_routine_absent(n)) c.unknown(-1, fmt::format("function {} does not exist", n.name));
        return;
      }
      key = catalog::function_key(found[0]->signature());
      break;
    }
    case pg_query::OBJECT_TRIGGER: {
      if (names.size() < 2) return;
      const std::string trig = names.back();
      names.pop_back();
      const QName n = split_name(names);
      auto q = c.find_relation_of(n.schema, n.name, [](const catalog::Catalog& cat, const QName& x) {
        return cat.table(x) != nullptr || cat.view(x) != nullptr;
      });
      if (!q) return missing(fmt::format("relation \"{}\"", n.name), n.name, {}, n.schema);
      if (!c.cat.trigger(*q, trig))
        return missing(fmt::format("trigger \"{}\"", trig), trig,
                       c.cat.table(*q) ? catalog::table_key(*q) : catalog::view_key(*q));
      key = catalog::trigger_key(*q, trig);
      break;
    }
    default: return;
  }
  c.cat.set_comment(key, text);
  c.effect(Action::Altered, ObjectKind::Comment, {"", key}, {}, false, -1, "comment");
}

}  // namespace miglint::effects
