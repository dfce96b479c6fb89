// CREATE [OR REPLACE] VIEW and CREATE MATERIALIZED VIEW.
#include <fmt/format.h>
#include <google/protobuf/arena.h>

#include <memory>
#include <utility>

#include "analyzer/catalog/diff.h"
#include "analyzer/catalog/query_types.h"
#include "analyzer/catalog/view_deps.h"
#include "analyzer/effects/transform.h"

namespace miglint::effects {

using catalog::ObjectKind;

namespace {

void define_view(Ctx& c, const QName& name, const pg_query::Node& query, bool materialized,
                 const std::vector<std::string>& aliases, int loc) {
  auto v = std::make_shared<catalog::View>();
  v->name = name;
  v->materialized = materialized;
  // Kept as PostgreSQL stores it (column references qualified), so that an
  // equivalent spelling in a down compares equal. The copy lives in an arena
  // of its own, kept with the view: its thousands of messages are allocated
  // by bumping a pointer and freed at once (on the heap, allocating and
  // destroying them was a sixth of the replay's work on a folder of wide
  // views).
  auto arena = std::make_unique<google::protobuf::Arena>();
  auto* copy = google::protobuf::Arena::CreateMessage<pg_query::Node>(arena.get());
  copy->CopyFrom(query);
  pg_query::Node& stored = *copy;
  auto deps = catalog::resolve_and_qualify_view_query(c.cat, stored, aliases);
  // The aliases are in the query now, as PostgreSQL keeps them; where they
  // could not be put there, they stay apart.
  if (!stored.has_select_stmt() || stored.select_stmt().op() != pg_query::SETOP_NONE ||
      stored.select_stmt().target_list_size() < static_cast<int>(aliases.size()))
    v->columns = aliases;
  v->query = catalog::make_view_query(std::move(arena), &stored, c.expr_ctx());
  v->uses = std::move(deps.relations);
  v->column_uses = std::move(deps.columns);
  v->resolved = deps.resolved;
  v->output_known = deps.output_known;
  v->output = std::move(deps.output);
  // CREATE VIEW v (a, b): the aliases name the first columns.
  for (size_t i = 0; i < aliases.size() && i < v->output.size(); ++i) v->output[i] = aliases[i];
  const bool replaced = c.cat.view(name) != nullptr;
  c.cat.put_view(v);
  // OR REPLACE of an existing view changes its definition: an alteration.
  c.effect(replaced ? Action::Altered : Action::Created, materialized ? ObjectKind::MaterializedView : ObjectKind::View,
           name, {}, false, loc, replaced ? "definition" : "");
}

}  // namespace

void transform_view(Ctx& c, const pg_query::ViewStmt& s) {
  const QName name = c.create_name(s.view());
  if (auto old = c.cat.view(name)) {
    if (!s.replace() || old->materialized)
      return c.present(s.view().location(), fmt::format("relation \"{}\" already exists", name.name),
                       catalog::view_key(name));
  } else if (c.cat.relation_exists(name)) {
    return c.present(s.view().location(), fmt::format("relation \"{}\" already exists", name.name),
                     relation_key(c.cat, name));
  }
  define_view(c, name, s.query(), false, catalog::strings(s.aliases()), s.view().location());
}

void transform_create_table_as(Ctx& c, const pg_query::CreateTableAsStmt& s) {
  const auto& rel = s.into().rel();
  const QName name = c.create_name(rel);
  if (c.cat.relation_exists(name)) {
    if (s.if_not_exists()) return;
    return c.present(rel.location(), fmt::format("relation \"{}\" already exists", name.name),
                     relation_key(c.cat, name));
  }
  if (s.objtype() == pg_query::OBJECT_MATVIEW) {
    define_view(c, name, s.query(), true, catalog::strings(s.into().col_names()), rel.location());
    return;
  }
  // CREATE TABLE AS: the columns come from the query's result types.
  create_table_from_query(c, name, s.query().has_select_stmt() ? &s.query().select_stmt() : nullptr,
                          catalog::strings(s.into().col_names()), rel.location(), "CREATE TABLE AS");
}

void create_table_from_query(Ctx& c, const QName& name, const pg_query::SelectStmt* query,
                             const std::vector<std::string>& columns, int location, std::string_view what) {
  const catalog::QueryOutput q = query ? catalog::query_output(c.cat, *query) : catalog::QueryOutput{};
  if (q.known && columns.size() > q.names.size())
    return c.issue("syntax-error", location, "CREATE TABLE AS specifies too many column names");
  // MaxHeapAttributeNumber (docs/PG_FACTS.md §12); it also bounds the check
  // for repeated names below.
  if (q.known && q.names.size() > kMaxColumns)
    return c.issue("too-many-columns", location,
                   fmt::format("tables can have at most {} columns: the query gives {}", kMaxColumns, q.names.size()));
  auto t = std::make_shared<catalog::Table>();
  t->name = name;
  std::vector<std::string> untyped;
  for (size_t i = 0; q.known && i < q.names.size(); ++i) {
    catalog::Column col;
    col.name = i < columns.size() ? columns[i] : q.names[i];
    col.type = q.types[i];
    if (t->column(col.name))
      return c.duplicate(location, fmt::format("column \"{}\" specified more than once", col.name));
    if (col.type.empty()) untyped.push_back(col.name);
    t->columns.push_back(std::move(col));
  }
  c.cat.put_table(t);
  c.effect(Action::Created, ObjectKind::Table, name, {}, false, location);
  if (!q.known) {
    // Not unmodeled(): the tables the query reads are not changed by it.
    c.issue("unmodeled-statement", -1,
            fmt::format("{}: the columns of the new table are not modeled (the model cannot work out its query's "
                        "output, such as `*` over a relation whose columns it does not know)",
                        what));
    c.out.modeled = false;
    c.cat.mark_uncertain(catalog::table_key(name));
    c.mark_unsure(catalog::table_key(name), catalog::Unsure::Contents, "its columns come from a query",
                  "created here from a query");
    return;
  }
  for (const auto& col : t->columns) c.effect(Action::Created, ObjectKind::Column, name, col.name, true, location);
  if (untyped.empty()) return;
  // Only these columns are left out of the comparisons; the rest is judged.
  std::string list;
  for (const auto& u : untyped) {
    list += (list.empty() ? "" : ", ") + catalog::quote_ident(u);
    c.cat.mark_uncertain(catalog::column_key(name, u));
  }
  c.issue("unmodeled-statement", -1,
          fmt::format("{}: the type of {} {} is not modeled", what, untyped.size() == 1 ? "column" : "columns", list));
}

}  // namespace miglint::effects
