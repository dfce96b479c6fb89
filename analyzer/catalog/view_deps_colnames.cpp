// The names of a view's output columns, as PostgreSQL figures them from the
// select list's expressions.
#include <cstddef>
#include <utility>

#include "analyzer/catalog/view_resolver.h"

namespace miglint::catalog::view_resolver {

namespace {

// The keyword an expression is named after when it stands alone in a select list.
constexpr std::pair<pg_query::SQLValueFunctionOp, std::string_view> kSqlValueNames[] = {
    {pg_query::SVFOP_CURRENT_DATE, "current_date"},
    {pg_query::SVFOP_CURRENT_TIME, "current_time"},
    {pg_query::SVFOP_CURRENT_TIME_N, "current_time"},
    {pg_query::SVFOP_CURRENT_TIMESTAMP, "current_timestamp"},
    {pg_query::SVFOP_CURRENT_TIMESTAMP_N, "current_timestamp"},
    {pg_query::SVFOP_LOCALTIME, "localtime"},
    {pg_query::SVFOP_LOCALTIME_N, "localtime"},
    {pg_query::SVFOP_LOCALTIMESTAMP, "localtimestamp"},
    {pg_query::SVFOP_LOCALTIMESTAMP_N, "localtimestamp"},
    {pg_query::SVFOP_CURRENT_ROLE, "current_role"},
    {pg_query::SVFOP_CURRENT_USER, "current_user"},
    {pg_query::SVFOP_USER, "user"},
    {pg_query::SVFOP_SESSION_USER, "session_user"},
    {pg_query::SVFOP_CURRENT_CATALOG, "current_catalog"},
    {pg_query::SVFOP_CURRENT_SCHEMA, "current_schema"},
};
constexpr std::pair<pg_query::XmlExprOp, std::string_view> kXmlNames[] = {
    {pg_query::IS_XMLCONCAT, "xmlconcat"},
    {pg_query::IS_XMLELEMENT, "xmlelement"},
    {pg_query::IS_XMLFOREST, "xmlforest"},
    {pg_query::IS_XMLPARSE, "xmlparse"},
    {pg_query::IS_XMLPI, "xmlpi"},
    {pg_query::IS_XMLROOT, "xmlroot"},
    {pg_query::IS_XMLSERIALIZE, "xmlserialize"},
};

// 2 with `name` set when `op` is in `names`, else 0 with `name` untouched.
template <typename Op, size_t N>
int keyword_name(Op op, const std::pair<Op, std::string_view> (&names)[N], std::string_view& name) {
  for (const auto& [o, n] : names)
    if (o == op) {
      name = n;
      return 2;
    }
  return 0;
}

// The last name of a list of fields (t.col, (x).a.b), if any.
bool last_field(const Nodes& fields, std::string_view& name) {
  for (int i = fields.size() - 1; i >= 0; --i)
    if (fields[i].has_string()) {
      name = fields[i].string().sval();
      return true;
    }
  return false;
}

}  // namespace

// ---- output column names (parse_target.c FigureColnameInternal) ----

// 2: a name from the expression, 1: a fallback (a type name, "case"), 0: none.
int Resolver::figure(const Node& n, std::string_view& name) const {
  switch (n.node_case()) {
    case Node::kColumnRef: return last_field(n.column_ref().fields(), name) ? 2 : 0;
    case Node::kAIndirection:
      return last_field(n.a_indirection().indirection(), name) ? 2 : figure(n.a_indirection().arg(), name);
    case Node::kFuncCall:
      if (const std::string* s = last_string(n.func_call().funcname())) {
        name = *s;
        return 2;
      }
      return 0;
    case Node::kAExpr:
      if (n.a_expr().kind() != pg_query::AEXPR_NULLIF) return 0;
      name = "nullif";
      return 2;
    case Node::kTypeCast: {
      const int strength = figure(n.type_cast().arg(), name);
      if (strength > 1) return strength;
      const std::string* t = last_string(n.type_cast().type_name().names());
      if (!t) return strength;
      name = *t;
      return 1;
    }
    case Node::kCollateClause: return figure(n.collate_clause().arg(), name);
    case Node::kGroupingFunc: name = "grouping"; return 2;
    case Node::kSubLink:
      switch (n.sub_link().sub_link_type()) {
        case pg_query::EXISTS_SUBLINK: name = "exists"; return 2;
        case pg_query::ARRAY_SUBLINK: name = "array"; return 2;
        case pg_query::EXPR_SUBLINK:
        case pg_query::MULTIEXPR_SUBLINK:
          for (const auto& [node, first] : sublink_names_)
            if (node == &n) {
              name = first;
              return 2;
            }
          return 0;
        default: return 0;
      }
    case Node::kCaseExpr: {
      int strength = n.case_expr().has_defresult() ? figure(n.case_expr().defresult(), name) : 0;
      if (strength <= 1) {
        name = "case";
        strength = 1;
      }
      return strength;
    }
    case Node::kAArrayExpr: name = "array"; return 2;
    case Node::kRowExpr: name = "row"; return 2;
    case Node::kCoalesceExpr: name = "coalesce"; return 2;
    case Node::kMinMaxExpr: name = n.min_max_expr().op() == pg_query::IS_GREATEST ? "greatest" : "least"; return 2;
    case Node::kSqlvalueFunction: return keyword_name(n.sqlvalue_function().op(), kSqlValueNames, name);
    case Node::kXmlExpr: return keyword_name(n.xml_expr().op(), kXmlNames, name);
    case Node::kXmlSerialize: name = "xmlserialize"; return 2;
    default: return 0;
  }
}

std::string_view Resolver::colname(const Node& n) const {
  std::string_view name;
  if (figure(n, name) == 0 || name.empty()) return "?column?";
  return name;
}

}  // namespace miglint::catalog::view_resolver
