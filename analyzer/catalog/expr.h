// Types and expressions as PostgreSQL stores them: canonical type names
// (format_type), and expressions compared after the normalisations of
// docs/PG_FACTS.md §5 so that equivalent spellings compare equal.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/catalog/catalog.h"

#include <google/protobuf/arena.h>
#include <pg_query/pg_query.pb.h>

namespace miglint::catalog {

// Expressions nested deeper than this are compared by their text.
constexpr int kMaxExprDepth = 1000;

// format_type display name: `integer`, `character varying(20)[]`, a user type
// by name (schema-qualified unless it is in `public`).
std::string canonical_type(const pg_query::TypeName& t);
// The canonical name of a type written as text (for pg_dump's `AS integer`).
std::string canonical_type_name(std::string_view name);

// serial/bigserial/smallserial → the integer type, else empty.
std::string serial_base_type(const pg_query::TypeName& t);

struct ExprContext {
  std::string column_type;           // the column's canonical type, when the expression is a default
  const Catalog* catalog = nullptr;  // resolves nextval('seq') through search_path
};

Expr make_expr(const pg_query::Node& n, const ExprContext& ctx);
// nextval('<sequence>'::regclass), the default of every serial column, shown
// as `text`: the same canonical form as parsing that SQL, without parsing or
// deparsing it. nullopt when `sequence` (as written inside the literal) holds
// a quote or backslash; parse the SQL then.
std::optional<Expr> nextval_expr(const std::string& sequence, std::string text, const ExprContext& ctx);
Expr make_query(const pg_query::Node& n, const ExprContext& ctx);
// A view's query, given up with the arena that holds it (its text and
// canonical form are worked out when asked for).
ViewQuery make_view_query(std::unique_ptr<google::protobuf::Arena> arena, pg_query::Node* query,
                          const ExprContext& ctx);
// The same from a query the caller gives up (normalised in place, not copied).
Expr make_query(pg_query::Node&& n, const ExprContext& ctx);

// The same expression with column `from` renamed to `to` (columns are kept by
// number in PostgreSQL, so a rename changes only the printed text).
Expr rename_column(const Expr& e, const std::string& from, const std::string& to, const ExprContext& ctx);

// SQL text of an expression / a statement (pg_query_deparse_protobuf); empty on failure.
std::string deparse_expr(const pg_query::Node& n);
std::string deparse_stmt(const pg_query::Node& n);

// Distinct column names an expression references (unqualified last part), in first-use order.
std::vector<std::string> column_refs(const pg_query::Node& n);
// FigureIndexColname on a raw index expression.
std::string index_expr_name(const pg_query::Node& n);
// String values of a list of String nodes.
std::vector<std::string> strings(const google::protobuf::RepeatedPtrField<pg_query::Node>& l);
// Nesting depth of a node, stopping at limit.
int node_depth(const pg_query::Node& n, int limit);

}  // namespace miglint::catalog
