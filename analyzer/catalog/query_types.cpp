#include "analyzer/catalog/query_types.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "analyzer/ast/parse.h"
#include "analyzer/catalog/expr.h"
#include "analyzer/catalog/view_deps.h"
#include "analyzer/source/strings.h"

namespace miglint::catalog {

namespace {

// A value's type while it is worked out: `literal` for a quoted literal or
// NULL, whose type PostgreSQL takes from its context (text when none).
struct T {
  std::string type;  // "" unknown
  bool literal = false;
  bool known() const { return literal || !type.empty(); }
};
T of(std::string t) { return T{std::move(t), false}; }
const T kUnknown{};

// `character varying(20)[]` → `character varying[]`, `timestamp(3) with time
// zone` → `timestamp with time zone`: a result computed from a value keeps
// its type but not its length or precision.
std::string base_type(std::string_view t) {
  std::string out;
  int depth = 0;
  for (char ch : t) {
    if (ch == '(') ++depth;
    else if (ch == ')') --depth;
    else if (depth == 0) out += ch;
  }
  return out;
}

bool is_array(const std::string& t) { return t.size() > 2 && t.ends_with("[]"); }

// The numeric types in PostgreSQL's order of implicit promotion.
int numeric_rank(const std::string& t) {
  const std::string b = base_type(t);
  if (b == "smallint") return 1;
  if (b == "integer") return 2;
  if (b == "bigint") return 3;
  if (b == "numeric") return 4;
  if (b == "real") return 5;
  if (b == "double precision") return 6;
  return 0;
}
const char* const kNumerics[] = {"", "smallint", "integer", "bigint", "numeric", "real", "double precision"};

bool is_string(const std::string& t) {
  const std::string b = base_type(t);
  return b == "text" || b == "character varying" || b == "character";
}

// The common base type of two (select_common_type, parse_coerce.c, for the
// categories migrations use): the wider number; among strings, which cast
// both ways implicitly, the first; among date and timestamps the one the
// other casts to.
std::string common_base(const std::string& a, const std::string& b) {
  if (a == b) return a;
  if (const int ra = numeric_rank(a), rb = numeric_rank(b); ra && rb) return kNumerics[std::max(ra, rb)];
  if (is_string(a) && is_string(b)) return a;
  const auto datetime = [](const std::string& x) {
    return x == "date" ? 1 : x == "timestamp without time zone" ? 2 : x == "timestamp with time zone" ? 3 : 0;
  };
  if (const int da = datetime(a), db = datetime(b); da && db)
    return std::max(da, db) == 3 ? "timestamp with time zone" : "timestamp without time zone";
  return {};
}

// The type of CASE, COALESCE, GREATEST / LEAST, ARRAY[…], VALUES and set
// operations over these values: the length or precision stays only when
// every value has the same, and a literal has none.
T common(const std::vector<T>& values) {
  std::optional<std::string> first;
  std::string base;
  bool same = true, literal = false;
  for (const T& t : values) {
    if (t.literal) {
      literal = true;
      continue;
    }
    if (t.type.empty()) return kUnknown;
    if (!first) {
      first = t.type;
      base = base_type(t.type);
      continue;
    }
    same = same && t.type == *first;
    base = common_base(base, base_type(t.type));
    if (base.empty()) return kUnknown;
  }
  if (!first) return T{"", true};
  return of(same && !literal ? *first : base);
}

T finish(const T& t) { return t.literal ? of("text") : t; }

QueryOutput output_of(const Catalog& cat, const pg_query::SelectStmt& query, int level);

class Typer {
 public:
  Typer(const Catalog& cat, const ViewQueryDeps& deps, int level) : cat_(cat), level_(level) {
    for (const auto& [ref, key] : deps.refs) refs_.emplace(ref, key);
  }

  // The output columns of a SelectStmt, set operations unified arm by arm.
  std::vector<T> outputs(const pg_query::SelectStmt& s) {
    if (s.op() != pg_query::SETOP_NONE) {
      std::vector<T> l = outputs(s.larg()), r = outputs(s.rarg());
      if (l.size() != r.size()) return std::vector<T>(l.size(), kUnknown);
      for (size_t i = 0; i < l.size(); ++i) l[i] = common({l[i], r[i]});
      return l;
    }
    std::vector<T> out;
    if (s.values_lists_size() > 0) {
      std::vector<std::vector<T>> columns;
      for (const auto& row : s.values_lists()) {
        const auto& items = row.list().items();
        if (columns.empty()) columns.resize(static_cast<size_t>(items.size()));
        for (int i = 0; i < items.size() && static_cast<size_t>(i) < columns.size(); ++i)
          columns[static_cast<size_t>(i)].push_back(type(items[i]));
      }
      for (const auto& c : columns) out.push_back(common(c));
      return out;
    }
    scopes_.push_back(&s);
    for (const auto& t : s.target_list()) out.push_back(t.has_res_target() ? type(t.res_target().val()) : kUnknown);
    scopes_.pop_back();
    return out;
  }

 private:
  // The name PostgreSQL gives an output column the query does not name
  // (FigureColname), for the forms a subquery's column is found by.
  static std::string output_name(const pg_query::ResTarget& rt) {
    if (!rt.name().empty()) return rt.name();
    if (rt.val().has_column_ref()) {
      const auto f = strings(rt.val().column_ref().fields());
      if (!f.empty()) return f.back();
    }
    if (rt.val().has_func_call()) {
      const auto f = strings(rt.val().func_call().funcname());
      if (!f.empty()) return f.back();
    }
    if (rt.val().has_type_cast() && rt.val().type_cast().arg().has_column_ref()) {
      const auto f = strings(rt.val().type_cast().arg().column_ref().fields());
      if (!f.empty()) return f.back();
    }
    return "?column?";
  }

  // The type of output column `name` of a subquery in FROM or a CTE.
  T subquery_column(const pg_query::SelectStmt& q, const std::string& name) {
    if (q.op() != pg_query::SETOP_NONE || q.values_lists_size() > 0 || ++nesting_ > kMaxViewNesting) return kUnknown;
    const std::vector<T> types = outputs(q);
    --nesting_;
    for (int i = 0; i < q.target_list_size() && static_cast<size_t>(i) < types.size(); ++i)
      if (q.target_list(i).has_res_target() && output_name(q.target_list(i).res_target()) == name)
        return types[static_cast<size_t>(i)];
    return kUnknown;
  }

  // The FROM item named `item` in `from` (joins looked into): nullopt when
  // there is none; the query of a subquery or CTE with no column aliases;
  // null for any other item of that name (it hides the outer ones).
  std::optional<const pg_query::SelectStmt*> derived_item(const pg_query::Node& from, const std::string& item,
                                                          int depth = 0) const {
    if (depth > kMaxViewNesting) return nullptr;
    if (from.has_join_expr()) {
      const auto& j = from.join_expr();
      if (j.has_alias()) return j.alias().aliasname() == item ? std::optional(nullptr) : std::nullopt;
      if (auto l = derived_item(j.larg(), item, depth + 1)) return l;
      return derived_item(j.rarg(), item, depth + 1);
    }
    if (from.has_range_subselect()) {
      const auto& r = from.range_subselect();
      if (r.alias().aliasname() != item) return std::nullopt;
      if (r.alias().colnames_size() == 0 && r.subquery().has_select_stmt()) return &r.subquery().select_stmt();
      return nullptr;
    }
    if (from.has_range_var()) {
      const auto& rv = from.range_var();
      if ((rv.alias().aliasname().empty() ? rv.relname() : rv.alias().aliasname()) != item) return std::nullopt;
      if (!rv.schemaname().empty() || rv.alias().colnames_size() != 0) return nullptr;
      for (size_t k = scopes_.size(); k-- > 0;) {  // innermost first
        const pg_query::SelectStmt* w = scopes_[k];
        if (w->with_clause().recursive()) continue;
        for (const auto& cte : w->with_clause().ctes()) {
          const auto& ce = cte.common_table_expr();
          if (ce.ctename() == rv.relname())
            return ce.aliascolnames_size() == 0 && ce.ctequery().has_select_stmt()
                       ? std::optional(&ce.ctequery().select_stmt())
                       : std::optional<const pg_query::SelectStmt*>(nullptr);
        }
      }
      return nullptr;
    }
    return std::nullopt;
  }

  // A column reference the resolver tied to no relation: a column of a
  // subquery in FROM or of a CTE, found by the FROM item it is qualified by.
  T derived_column(const pg_query::ColumnRef& c) {
    const auto f = strings(c.fields());
    if (f.size() != 2) return kUnknown;
    for (size_t k = scopes_.size(); k-- > 0;)  // innermost first
      for (const auto& from : scopes_[k]->from_clause())
        if (const auto q = derived_item(from, f[0])) return *q ? subquery_column(**q, f[1]) : kUnknown;
    return kUnknown;
  }

  T column(const pg_query::ColumnRef& c) {
    const auto it = refs_.find(&c);
    if (it == refs_.end()) return derived_column(c);
    // "table:<schema>\x1f<name>\x1f<column>", "view:…" the same.
    const std::string& key = it->second;
    const auto colon = key.find(':');
    const auto a = key.find('\x1f', colon + 1);
    const auto b = a == std::string::npos ? a : key.find('\x1f', a + 1);
    if (colon == std::string::npos || b == std::string::npos) return kUnknown;
    const QName rel{key.substr(colon + 1, a - colon - 1), key.substr(a + 1, b - a - 1)};
    const std::string name = key.substr(b + 1);
    if (key.starts_with("table:")) {
      const auto t = cat_.table(rel);
      const Column* col = t ? t->column(name) : nullptr;
      return col && !col->type.empty() ? of(col->type) : kUnknown;
    }
    // A view's column: the type of its stored query's output there.
    const auto v = key.starts_with("view:") ? cat_.view(rel) : nullptr;
    if (!v || !v->output_known || level_ >= kMaxViewNesting) return kUnknown;
    google::protobuf::Arena arena;
    const pg_query::Node* parsed = parse_single_statement(v->query.text(), arena);
    if (!parsed || !parsed->has_select_stmt()) return kUnknown;
    const QueryOutput out = output_of(cat_, parsed->select_stmt(), level_ + 1);
    for (size_t i = 0; i < v->output.size() && i < out.types.size(); ++i)
      if (v->output[i] == name) return out.types[i].empty() ? kUnknown : of(out.types[i]);
    return kUnknown;
  }

  static T constant(const pg_query::A_Const& c) {
    if (c.isnull()) return T{"", true};
    if (c.has_ival()) return of("integer");
    if (c.has_boolval()) return of("boolean");
    if (c.has_sval()) return T{"", true};
    if (c.has_fval()) {
      // An integer too large for integer is a bigint, then a numeric.
      const std::string& v = c.fval().fval();
      if (v.find_first_of(".eE") != std::string::npos) return of("numeric");
      errno = 0;
      char* end = nullptr;
      (void)std::strtoll(v.c_str(), &end, 10);
      return of(errno == 0 && end && *end == '\0' ? "bigint" : "numeric");
    }
    return kUnknown;
  }

  T arithmetic(const std::string& op, T l, T r) {
    // A quoted literal takes the other operand's type.
    if (l.literal && !r.literal) l = r;
    if (r.literal && !l.literal) r = l;
    if (l.type.empty() || r.type.empty()) return kUnknown;
    const std::string a = base_type(l.type), b = base_type(r.type);
    if (const int ra = numeric_rank(a), rb = numeric_rank(b); ra && rb) return of(kNumerics[std::max(ra, rb)]);
    const bool plus = op == "+", minus = op == "-";
    const bool int_b = numeric_rank(b) >= 1 && numeric_rank(b) <= 2;
    if (a == "date" && (plus || minus) && int_b) return of("date");
    if (a == "date" && minus && b == "date") return of("integer");
    if (a == "date" && (plus || minus) && b == "interval") return of("timestamp without time zone");
    if (a == "interval" && plus && b == "date") return of("timestamp without time zone");
    const bool ts = a == "timestamp without time zone" || a == "timestamp with time zone";
    if (ts && (plus || minus) && b == "interval") return of(a);
    if (a == "interval" && plus && (b == "timestamp without time zone" || b == "timestamp with time zone"))
      return of(b);
    if (ts && minus && a == b) return of("interval");
    if (a == "interval" && b == "interval" && (plus || minus)) return of("interval");
    if (a == "interval" && (op == "*" || op == "/") && numeric_rank(b)) return of("interval");
    if (numeric_rank(a) && op == "*" && b == "interval") return of("interval");
    return kUnknown;
  }

  T op_expr(const pg_query::A_Expr& e) {
    switch (e.kind()) {
      case pg_query::AEXPR_OP: break;
      case pg_query::AEXPR_NULLIF: {
        // The `=` it runs takes text for a string: the result is text.
        const T l = type(e.lexpr());
        return base_type(l.type) == "character varying" ? of("text") : l;
      }
      case pg_query::A_EXPR_KIND_UNDEFINED: return kUnknown;
      default: return of("boolean");  // IN, LIKE, BETWEEN, IS DISTINCT FROM, op ANY/ALL
    }
    const auto names = strings(e.name());
    if (names.empty()) return kUnknown;
    const std::string& op = names.back();
    static const char* const kBoolOps[] = {"=", "<>", "!=", "<",   ">",  "<=", ">=", "~~", "!~~", "~~*", "!~~*",
                                           "~", "~*", "!~", "!~*", "@>", "<@", "&&", "?",  "?|",  "?&",  "@@"};
    for (const char* b : kBoolOps)
      if (op == b) return of("boolean");
    if (!e.has_lexpr()) {  // prefix: -x, +x
      const T r = type(e.rexpr());
      return (op == "-" || op == "+") && numeric_rank(r.type) ? of(base_type(r.type)) : kUnknown;
    }
    const T l = type(e.lexpr()), r = type(e.rexpr());
    if (op == "||") {
      if (is_array(l.type)) return of(base_type(l.type));
      if (is_array(r.type)) return of(base_type(r.type));
      if (l.type == "jsonb" && (r.type == "jsonb" || r.literal)) return of("jsonb");
      if (l.type == "bytea" && r.type == "bytea") return of("bytea");
      if (l.literal || r.literal || is_string(l.type) || is_string(r.type)) return of("text");
      return kUnknown;
    }
    if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") return arithmetic(op, l, r);
    if (op == "->" || op == "#>") return l.type == "jsonb" || l.type == "json" ? of(l.type) : kUnknown;
    if (op == "->>" || op == "#>>") return l.type == "jsonb" || l.type == "json" ? of("text") : kUnknown;
    return kUnknown;
  }

  T function(const pg_query::FuncCall& f) {
    const auto names = strings(f.funcname());
    if (names.empty()) return kUnknown;
    const std::string name = lower(names.back());
    const bool builtin = names.size() == 1 || (names.size() == 2 && names[0] == "pg_catalog");
    if (!builtin) return user_function(names);
    if (f.agg_star()) return name == "count" ? of("bigint") : kUnknown;
    static const std::unordered_map<std::string_view, const char*> fixed = {
        {"count", "bigint"},
        {"row_number", "bigint"},
        {"rank", "bigint"},
        {"dense_rank", "bigint"},
        {"nextval", "bigint"},
        {"currval", "bigint"},
        {"lastval", "bigint"},
        {"setval", "bigint"},
        {"ntile", "integer"},
        {"length", "integer"},
        {"char_length", "integer"},
        {"character_length", "integer"},
        {"octet_length", "integer"},
        {"strpos", "integer"},
        {"position", "integer"},
        {"array_length", "integer"},
        {"cardinality", "integer"},
        {"ascii", "integer"},
        {"lower", "text"},
        {"upper", "text"},
        {"initcap", "text"},
        {"btrim", "text"},
        {"ltrim", "text"},
        {"rtrim", "text"},
        {"concat", "text"},
        {"concat_ws", "text"},
        {"substr", "text"},
        {"replace", "text"},
        {"left", "text"},
        {"right", "text"},
        {"md5", "text"},
        {"to_char", "text"},
        {"format", "text"},
        {"regexp_replace", "text"},
        {"split_part", "text"},
        {"repeat", "text"},
        {"reverse", "text"},
        {"lpad", "text"},
        {"rpad", "text"},
        {"translate", "text"},
        {"quote_ident", "text"},
        {"quote_literal", "text"},
        {"array_to_string", "text"},
        {"encode", "text"},
        {"chr", "text"},
        {"now", "timestamp with time zone"},
        {"transaction_timestamp", "timestamp with time zone"},
        {"statement_timestamp", "timestamp with time zone"},
        {"clock_timestamp", "timestamp with time zone"},
        {"to_timestamp", "timestamp with time zone"},
        {"to_date", "date"},
        {"gen_random_uuid", "uuid"},
        {"uuid_generate_v4", "uuid"},
        {"uuid_generate_v1", "uuid"},
        {"bool_and", "boolean"},
        {"bool_or", "boolean"},
        {"every", "boolean"},
        {"random", "double precision"},
        {"date_part", "double precision"},
        {"extract", "numeric"},
        {"jsonb_build_object", "jsonb"},
        {"jsonb_build_array", "jsonb"},
        {"to_jsonb", "jsonb"},
        {"jsonb_agg", "jsonb"},
        {"jsonb_object_agg", "jsonb"},
        {"jsonb_set", "jsonb"},
        {"jsonb_strip_nulls", "jsonb"},
        {"json_build_object", "json"},
        {"json_build_array", "json"},
        {"to_json", "json"},
        {"json_agg", "json"},
        {"json_object_agg", "json"},
        {"row_to_json", "json"},
        {"decode", "bytea"},
        {"current_user", "name"},
        {"session_user", "name"},
        {"current_role", "name"},
        {"user", "name"},
        {"current_schema", "name"},
        {"current_database", "name"},
        {"current_catalog", "name"},
    };
    if (const auto it = fixed.find(name); it != fixed.end()) return of(it->second);
    const auto arg = [&](int i) { return i < f.args_size() ? type(f.args(i)) : kUnknown; };
    if (name == "string_agg") return arg(0).type == "bytea" ? of("bytea") : of("text");
    if (name == "substring") return arg(0).type == "bytea" ? of("bytea") : of("text");
    if (name == "min" || name == "max") {
      const T a = arg(0);
      if (a.type.empty()) return kUnknown;
      const std::string b = base_type(a.type);
      if (b == "character varying") return of("text");  // max(text): varchar has none of its own
      if (b == "character") return kUnknown;
      return of(b);
    }
    if (name == "sum" || name == "avg") {
      const T a = arg(0);
      const int r = numeric_rank(a.type);
      if (base_type(a.type) == "interval") return of("interval");
      if (r == 0) return kUnknown;
      if (name == "avg") return of(r <= 4 ? "numeric" : "double precision");
      return of(r <= 2 ? "bigint" : r <= 4 ? "numeric" : kNumerics[r]);
    }
    if (name == "abs") {
      const T a = arg(0);
      return numeric_rank(a.type) ? of(base_type(a.type)) : kUnknown;
    }
    if (name == "array_agg") {
      const T a = arg(0);
      return a.type.empty() || is_array(a.type) ? kUnknown : of(base_type(a.type) + "[]");
    }
    if (name == "date_trunc") {
      if (f.args_size() == 3) return of("timestamp with time zone");
      const std::string b = base_type(arg(1).type);
      if (b == "timestamp without time zone" || b == "timestamp with time zone" || b == "interval") return of(b);
      if (b == "date") return of("timestamp with time zone");
      return kUnknown;
    }
    return kUnknown;
  }

  // A function the migrations made: its declared result, when every
  // function of that name agrees on it.
  T user_function(const std::vector<std::string>& names) {
    if (names.size() > 2) return kUnknown;
    std::string ret;
    const std::vector<std::string> schemas = names.size() == 2 ? std::vector<std::string>{names[0]}
                                                               : cat_.search_path();
    for (const auto& s : schemas)
      for (const auto& fn : cat_.functions_named({s, names.back()})) {
        if (!ret.empty() && ret != fn->returns) return kUnknown;
        ret = fn->returns;
      }
    if (ret.empty() || ret.starts_with("SETOF") || ret.starts_with("TABLE(") || ret == "record" || ret == "void" ||
        ret == "trigger")
      return kUnknown;
    return of(ret);
  }

  T sql_value(const pg_query::SQLValueFunction& v) {
    const auto with_precision = [&](const char* head, const char* tail) {
      return of(std::string(head) + "(" + std::to_string(v.typmod()) + ")" + tail);
    };
    switch (v.op()) {
      case pg_query::SVFOP_CURRENT_DATE: return of("date");
      case pg_query::SVFOP_CURRENT_TIME: return of("time with time zone");
      case pg_query::SVFOP_CURRENT_TIME_N: return with_precision("time", " with time zone");
      case pg_query::SVFOP_CURRENT_TIMESTAMP: return of("timestamp with time zone");
      case pg_query::SVFOP_CURRENT_TIMESTAMP_N: return with_precision("timestamp", " with time zone");
      case pg_query::SVFOP_LOCALTIME: return of("time without time zone");
      case pg_query::SVFOP_LOCALTIME_N: return with_precision("time", " without time zone");
      case pg_query::SVFOP_LOCALTIMESTAMP: return of("timestamp without time zone");
      case pg_query::SVFOP_LOCALTIMESTAMP_N: return with_precision("timestamp", " without time zone");
      case pg_query::SVFOP_CURRENT_ROLE:
      case pg_query::SVFOP_CURRENT_USER:
      case pg_query::SVFOP_USER:
      case pg_query::SVFOP_SESSION_USER:
      case pg_query::SVFOP_CURRENT_CATALOG:
      case pg_query::SVFOP_CURRENT_SCHEMA: return of("name");
      default: return kUnknown;
    }
  }

  T sublink(const pg_query::SubLink& s) {
    switch (s.sub_link_type()) {
      case pg_query::EXISTS_SUBLINK:
      case pg_query::ANY_SUBLINK:
      case pg_query::ALL_SUBLINK: return of("boolean");
      case pg_query::EXPR_SUBLINK:
      case pg_query::ARRAY_SUBLINK: {
        if (!s.subselect().has_select_stmt()) return kUnknown;
        const std::vector<T> out = outputs(s.subselect().select_stmt());
        if (out.size() != 1) return kUnknown;
        T t = finish(out[0]);
        if (s.sub_link_type() == pg_query::EXPR_SUBLINK) return t;
        return t.type.empty() || is_array(t.type) ? kUnknown : of(t.type + "[]");
      }
      default: return kUnknown;
    }
  }

  T common_of(const google::protobuf::RepeatedPtrField<pg_query::Node>& l) {
    std::vector<T> values;
    for (const auto& n : l) values.push_back(type(n));
    return common(values);
  }

  T type(const pg_query::Node& n) {
    if (++depth_ > kMaxExprDepth) {
      --depth_;
      return kUnknown;
    }
    T t = type_of(n);
    --depth_;
    return t;
  }

  T type_of(const pg_query::Node& n) {
    switch (n.node_case()) {
      case pg_query::Node::kColumnRef: return column(n.column_ref());
      case pg_query::Node::kAConst: return constant(n.a_const());
      case pg_query::Node::kTypeCast: return of(canonical_type(n.type_cast().type_name()));
      case pg_query::Node::kFuncCall: return function(n.func_call());
      case pg_query::Node::kAExpr: return op_expr(n.a_expr());
      case pg_query::Node::kBoolExpr:
      case pg_query::Node::kNullTest:
      case pg_query::Node::kBooleanTest: return of("boolean");
      case pg_query::Node::kSqlvalueFunction: return sql_value(n.sqlvalue_function());
      case pg_query::Node::kSubLink: return sublink(n.sub_link());
      case pg_query::Node::kCollateClause: return type(n.collate_clause().arg());
      case pg_query::Node::kGroupingFunc: return of("integer");
      case pg_query::Node::kCoalesceExpr: return common_of(n.coalesce_expr().args());
      case pg_query::Node::kMinMaxExpr: return common_of(n.min_max_expr().args());
      case pg_query::Node::kCaseExpr: {
        const auto& c = n.case_expr();
        std::vector<T> results;
        for (const auto& w : c.args())
          if (w.has_case_when()) results.push_back(type(w.case_when().result()));
        // No ELSE is ELSE NULL.
        results.push_back(c.has_defresult() ? type(c.defresult()) : T{"", true});
        return common(results);
      }
      case pg_query::Node::kAArrayExpr: {
        const T e = finish(common_of(n.a_array_expr().elements()));
        return e.type.empty() || is_array(e.type) ? kUnknown : of(base_type(e.type) + "[]");
      }
      default: return kUnknown;
    }
  }

  // Views over views over …: deeper than this, a column's type is unknown.
  static constexpr int kMaxViewNesting = 32;
  const Catalog& cat_;
  const int level_;
  std::vector<const pg_query::SelectStmt*> scopes_;  // the queries whose targets are being typed
  int nesting_ = 0;
  std::unordered_map<const pg_query::ColumnRef*, std::string> refs_;
  int depth_ = 0;
};

QueryOutput output_of(const Catalog& cat, const pg_query::SelectStmt& query, int level) {
  QueryOutput out;
  // Stars expanded and names qualified first (in a copy), then resolved
  // again: every column reference of the output is then one the resolver
  // recorded.
  pg_query::Node q;
  *q.mutable_select_stmt() = query;
  q.mutable_select_stmt()->clear_into_clause();
  const ViewQueryDeps first = resolve_and_qualify_view_query(cat, q);
  if (!first.output_known) return out;
  // A relation whose columns may differ from the model's (an unmodeled
  // statement touched it): what `*` expands to is not known either.
  for (const auto& rel : first.relations)
    if (const Unsure* u = cat.unsure(rel); u && (u->what & (Unsure::Contents | Unsure::Presence))) return out;
  const ViewQueryDeps deps = resolve_view_query(cat, q);
  Typer typer(cat, deps, level);
  for (const T& t : typer.outputs(q.select_stmt())) out.types.push_back(finish(t).type);
  out.names = first.output;
  out.known = out.names.size() == out.types.size();
  return out;
}

}  // namespace

QueryOutput query_output(const Catalog& cat, const pg_query::SelectStmt& query) { return output_of(cat, query, 0); }

}  // namespace miglint::catalog
