#include "analyzer/ast/newer_syntax.h"

#include "analyzer/ast/pg_compat.h"

namespace miglint::pgc {

std::vector<pg_query::Node::NodeCase> newer_syntax_node_kinds() {
  using N = pg_query::Node;
  std::vector<N::NodeCase> kinds = {N::kRangeSubselect, N::kConstraint,    N::kColumnDef,  N::kCopyStmt,
                                    N::kAlterTableCmd,  N::kGrantRoleStmt, N::kInsertStmt, N::kUpdateStmt,
                                    N::kDeleteStmt,     N::kMergeStmt};
#if PG_VERSION_NUM >= 160000
  kinds.insert(kinds.end(), {N::kJsonObjectConstructor, N::kJsonArrayConstructor, N::kJsonArrayQueryConstructor,
                             N::kJsonObjectAgg, N::kJsonArrayAgg, N::kJsonIsPredicate});
#endif
#if PG_VERSION_NUM >= 170000
  kinds.insert(kinds.end(), {N::kJsonTable, N::kJsonFuncExpr, N::kJsonParseExpr, N::kJsonScalarExpr,
                             N::kJsonSerializeExpr, N::kMergeWhenClause});
#endif
  return kinds;
}

namespace {

// RETURNING of INSERT, UPDATE, DELETE and MERGE: MERGE may return rows from
// 17 on, and every one may name OLD and NEW from 18 on.
template <class Stmt>
void returning(const Stmt& s, bool merge, std::vector<NewerSyntax>& out) {
#if PG_VERSION_NUM >= 180000
  if (!s.has_returning_clause()) return;
  const auto& r = s.returning_clause();
  if (merge && r.exprs_size() > 0) out.push_back({17, "MERGE … RETURNING", "", &s});
  if (r.options_size() > 0) out.push_back({18, "RETURNING WITH (OLD AS …, NEW AS …)", "", &r.options(0)});
#elif PG_VERSION_NUM >= 170000
  if (merge && s.returning_list_size() > 0) out.push_back({17, "MERGE … RETURNING", "", &s});
#else
  (void)s, (void)merge, (void)out;
#endif
}

void constraint(const pg_query::Constraint& k, std::vector<NewerSyntax>& out) {
  switch (k.contype()) {
    case pg_query::CONSTR_NOTNULL:
      // The column form has no keys; the table form `NOT NULL col` and
      // `ADD CONSTRAINT name NOT NULL col` are new in 18.
      if (k.keys_size() > 0)
        out.push_back({18, "a NOT NULL table constraint (`NOT NULL column`, `ADD CONSTRAINT … NOT NULL column`)",
                       "ALTER COLUMN … SET NOT NULL", &k});
      break;
    case pg_query::CONSTR_GENERATED:
      if (generated_virtual(k))
        out.push_back({18, "a virtual generated column (GENERATED ALWAYS AS (…) without STORED, or VIRTUAL)",
                       "GENERATED ALWAYS AS (…) STORED", &k});
      break;
#if PG_VERSION_NUM >= 180000
    case pg_query::CONSTR_ATTR_ENFORCED:
    case pg_query::CONSTR_ATTR_NOT_ENFORCED:
      out.push_back({18, "ENFORCED / NOT ENFORCED on a constraint", "", &k});
      break;
    case pg_query::CONSTR_CHECK:
    case pg_query::CONSTR_FOREIGN:
      if (!k.is_enforced()) out.push_back({18, "a NOT ENFORCED constraint", "", &k});
      if (k.fk_with_period()) out.push_back({18, "a temporal foreign key (PERIOD)", "", &k});
      break;
    case pg_query::CONSTR_PRIMARY:
    case pg_query::CONSTR_UNIQUE:
      if (k.without_overlaps()) out.push_back({18, "WITHOUT OVERLAPS in a key", "", &k});
      break;
#endif
    default: break;
  }
}

}  // namespace

std::vector<NewerSyntax> newer_syntax(const pg_query::Node& node) {
  std::vector<NewerSyntax> out;
  switch (node.node_case()) {
    case pg_query::Node::kRangeSubselect:
      if (!node.range_subselect().has_alias())
        out.push_back(
            {16, "a subquery in FROM without an alias", "give it an alias: (SELECT …) AS s", &node.range_subselect()});
      break;
    case pg_query::Node::kConstraint: constraint(node.constraint(), out); break;
    case pg_query::Node::kColumnDef:
#if PG_VERSION_NUM >= 160000
      if (!node.column_def().storage_name().empty())
        out.push_back(
            {16, "STORAGE in a column definition", "ALTER TABLE … ALTER COLUMN … SET STORAGE", &node.column_def()});
#endif
      break;
    case pg_query::Node::kCopyStmt:
      for (const auto& o : node.copy_stmt().options()) {
        if (!o.has_def_elem()) continue;
        const auto& name = o.def_elem().defname();
        if (name == "on_error") out.push_back({17, "COPY's ON_ERROR option", "", &o.def_elem()});
        if (name == "log_verbosity") out.push_back({17, "COPY's LOG_VERBOSITY option", "", &o.def_elem()});
        if (name == "reject_limit") out.push_back({18, "COPY's REJECT_LIMIT option", "", &o.def_elem()});
      }
      break;
    case pg_query::Node::kAlterTableCmd: {
      const auto& cmd = node.alter_table_cmd();
#if PG_VERSION_NUM >= 170000
      if (cmd.subtype() == pg_query::AT_SetExpression)
        out.push_back({17, "ALTER COLUMN … SET EXPRESSION", "drop the generated column and add it again", &cmd});
#endif
#if PG_VERSION_NUM >= 180000
      if (cmd.def().has_atalter_constraint()) {
        const auto& a = cmd.def().atalter_constraint();
        if (a.alter_enforceability()) out.push_back({18, "ALTER CONSTRAINT … [NOT] ENFORCED", "", &cmd});
        if (a.alter_inheritability()) out.push_back({18, "ALTER CONSTRAINT … [NO] INHERIT", "", &cmd});
      }
#endif
      (void)cmd;
      break;
    }
    case pg_query::Node::kGrantRoleStmt:
#if PG_VERSION_NUM >= 160000
      for (const auto& o : node.grant_role_stmt().opt())
        if (o.has_def_elem() && o.def_elem().defname() != "admin")
          out.push_back({16, "GRANT role WITH INHERIT / SET", "", &o.def_elem()});
#endif
      break;
    case pg_query::Node::kInsertStmt: returning(node.insert_stmt(), false, out); break;
    case pg_query::Node::kUpdateStmt: returning(node.update_stmt(), false, out); break;
    case pg_query::Node::kDeleteStmt: returning(node.delete_stmt(), false, out); break;
    case pg_query::Node::kMergeStmt: returning(node.merge_stmt(), true, out); break;
#if PG_VERSION_NUM >= 160000
    case pg_query::Node::kJsonObjectConstructor:
    case pg_query::Node::kJsonArrayConstructor:
    case pg_query::Node::kJsonArrayQueryConstructor:
    case pg_query::Node::kJsonObjectAgg:
    case pg_query::Node::kJsonArrayAgg:
      out.push_back({16, "SQL/JSON constructors (JSON_OBJECT, JSON_ARRAY, JSON_OBJECTAGG, JSON_ARRAYAGG)",
                     "json_build_object, json_build_array, json_object_agg, json_agg", &node});
      break;
    case pg_query::Node::kJsonIsPredicate: out.push_back({16, "IS JSON", "", &node}); break;
#endif
#if PG_VERSION_NUM >= 170000
    case pg_query::Node::kJsonTable:
      out.push_back({17, "JSON_TABLE", "jsonb_to_recordset or jsonb_array_elements", &node.json_table()});
      break;
    case pg_query::Node::kJsonFuncExpr:
      out.push_back({17, "JSON_QUERY, JSON_VALUE and JSON_EXISTS", "jsonb_path_query_first, jsonb_path_exists",
                     &node.json_func_expr()});
      break;
    case pg_query::Node::kJsonParseExpr:
    case pg_query::Node::kJsonScalarExpr:
    case pg_query::Node::kJsonSerializeExpr:
      out.push_back({17, "JSON(), JSON_SCALAR() and JSON_SERIALIZE()", "", &node});
      break;
    case pg_query::Node::kMergeWhenClause:
      if (node.merge_when_clause().match_kind() == pg_query::MERGE_WHEN_NOT_MATCHED_BY_SOURCE)
        out.push_back({17, "MERGE … WHEN NOT MATCHED BY SOURCE", "", &node.merge_when_clause()});
      break;
#endif
    default: break;
  }
  return out;
}

}  // namespace miglint::pgc
