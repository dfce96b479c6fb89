// DO blocks: the model runs what a PL/pgSQL block runs for certain. The body
// is parsed with PostgreSQL's own PL/pgSQL parser (pg_query_parse_plpgsql);
// its SQL statements, and EXECUTE of a constant string, are applied like the
// file's own statements; IF on what the catalog holds (`IF NOT EXISTS (SELECT
// 1 FROM pg_type WHERE typname = 'mood')`) is decided from the model; a
// branch that can only RAISE an error is the one a migration that applies did
// not take; `EXCEPTION WHEN duplicate_object` undoes its block where the
// model says the statement fails that way. Anything else (loops, EXECUTE of
// a computed string, a condition on data) leaves the block unmodeled, as
// before, and what it names unsure.
#include <fmt/format.h>
#include <pg_query.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include <google/protobuf/arena.h>

#include "analyzer/catalog/expr.h"
#include "analyzer/effects/transform.h"
#include "analyzer/source/strings.h"

namespace miglint::effects {

namespace {

using json = nlohmann::json;

// DO inside EXECUTE inside DO …: deeper than this, the block is not run.
constexpr int kMaxDoDepth = 4;
// PL/pgSQL's elog level of RAISE EXCEPTION (ERROR).
constexpr int kErrorLevel = 21;

// One SQL statement the block runs, where its text is in the file.
struct Step {
  std::string sql;
  size_t at = std::string::npos;  // file offset of sql, npos when the file spells it otherwise
  // EXCEPTION WHEN …: the group of steps it guards and the conditions it catches.
  int group = -1;
  // A part the model does not follow (why): what its SQL (`sql`) names
  // becomes unsure, the rest of the block is still run.
  std::string unknown;
};
struct Group {
  std::set<std::string> catches;
};

// The catalog a condition reads: (relation, the columns it names with the
// literal each must equal).
struct Lookup {
  std::set<std::string> relations;
  std::map<std::string, std::string> equals;
  bool understood = true;
};

// Reads of the parser's JSON that never throw: a missing or mistyped member
// is null, an empty list, 0 or "".
const json& field(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  const auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}
const json& list(const json& j, const char* key) {
  static const json kEmpty = json::array();
  const json& v = field(j, key);
  return v.is_array() ? v : kEmpty;
}
int int_field(const json& j, const char* key, int otherwise) {
  const json& v = field(j, key);
  return v.is_number_integer() ? v.get<int>() : otherwise;
}
std::string str_field(const json& j, const char* key) {
  const json& v = field(j, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}
bool has(const json& j, const char* key) { return !field(j, key).is_null(); }

const std::string* string_const(const pg_query::Node& n) {
  if (n.has_a_const() && n.a_const().has_sval()) return &n.a_const().sval().sval();
  if (n.has_type_cast() && n.type_cast().arg().has_a_const() && n.type_cast().arg().a_const().has_sval())
    return &n.type_cast().arg().a_const().sval().sval();
  return nullptr;
}

// `'a' || 'b'` and the like: the constant string, or nullopt.
std::optional<std::string> constant_string(const pg_query::Node& n) {
  if (const std::string* s = string_const(n)) return *s;
  if (n.has_a_expr() && n.a_expr().kind() == pg_query::AEXPR_OP) {
    const auto names = catalog::strings(n.a_expr().name());
    if (names.size() == 1 && names[0] == "||") {
      auto l = constant_string(n.a_expr().lexpr());
      auto r = constant_string(n.a_expr().rexpr());
      if (l && r) return *l + *r;
    }
  }
  return std::nullopt;
}

void catalog_relations(const pg_query::Node& n, Lookup& out) {
  if (n.has_range_var()) {
    const auto& rv = n.range_var();
    if (!rv.schemaname().empty() && rv.schemaname() != "pg_catalog" && rv.schemaname() != "information_schema")
      out.understood = false;
    out.relations.insert(rv.relname());
  } else if (n.has_join_expr()) {
    catalog_relations(n.join_expr().larg(), out);
    catalog_relations(n.join_expr().rarg(), out);
  } else {
    out.understood = false;
  }
}

// WHERE a = 'x' AND b = 'y' (joins' column = column are fine).
void collect_equalities(const pg_query::Node& n, Lookup& out) {
  if (n.has_bool_expr() && n.bool_expr().boolop() == pg_query::AND_EXPR) {
    for (const auto& a : n.bool_expr().args()) collect_equalities(a, out);
    return;
  }
  if (n.has_a_expr() && n.a_expr().kind() == pg_query::AEXPR_OP) {
    const auto& e = n.a_expr();
    const auto op = catalog::strings(e.name());
    if (op.size() == 1 && op[0] == "=") {
      const pg_query::Node* col = nullptr;
      const std::string* lit = nullptr;
      if (e.lexpr().has_column_ref()) col = &e.lexpr(), lit = string_const(e.rexpr());
      else if (e.rexpr().has_column_ref()) col = &e.rexpr(), lit = string_const(e.lexpr());
      if (col && lit) {
        const auto fields = catalog::strings(col->column_ref().fields());
        if (!fields.empty()) {
          out.equals[fields.back()] = *lit;
          return;
        }
      }
      if (e.lexpr().has_column_ref() && e.rexpr().has_column_ref()) return;  // a join condition
    }
  }
  out.understood = false;
}

// The SQL texts (conditions, statements, EXECUTE arguments) under a part of
// the parsed block: what that part may name.
void collect_queries(const json& j, std::string& out, int depth = 0) {
  if (depth > 200) return;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "query" && it.value().is_string()) out += it.value().get<std::string>() + "\n";
      else collect_queries(it.value(), out, depth + 1);
    }
  } else if (j.is_array()) {
    for (const auto& x : j) collect_queries(x, out, depth + 1);
  }
}

// What a PL/pgSQL statement the model does not follow is called.
std::string statement_name(const std::string& kind) {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"PLpgSQL_stmt_fors", "FOR loop over a query"},
      {"PLpgSQL_stmt_dynfors", "FOR loop over EXECUTE"},
      {"PLpgSQL_stmt_fori", "FOR loop"},
      {"PLpgSQL_stmt_forc", "FOR loop over a cursor"},
      {"PLpgSQL_stmt_foreach_a", "FOREACH loop"},
      {"PLpgSQL_stmt_loop", "LOOP"},
      {"PLpgSQL_stmt_while", "WHILE loop"},
      {"PLpgSQL_stmt_case", "CASE statement"},
      {"PLpgSQL_stmt_getdiag", "GET DIAGNOSTICS"},
      {"PLpgSQL_stmt_commit", "COMMIT"},
      {"PLpgSQL_stmt_rollback", "ROLLBACK"},
      {"PLpgSQL_stmt_call", "CALL"},
      {"PLpgSQL_stmt_assert", "ASSERT"},
      {"PLpgSQL_stmt_exit", "EXIT"},
      {"PLpgSQL_stmt_open", "cursor"},
      {"PLpgSQL_stmt_fetch", "cursor"},
      {"PLpgSQL_stmt_close", "cursor"},
  };
  const auto it = names.find(kind);
  return it != names.end() ? it->second : kind.substr(kind.rfind('_') + 1) + " statement";
}

class Runner {
 public:
  explicit Runner(Ctx& c) : c_(c) {}

  // Plans the block; false (with why_) when the model cannot follow it.
  bool plan(const json& fn, std::string_view body, size_t body_at) {
    body_ = body;
    body_at_ = body_at;
    if (!has(fn, "action")) return refuse("the block did not parse");
    return statements(json::array({field(fn, "action")}), -1);
  }

  // Runs the planned steps; PostgreSQL undoes the whole block when one fails.
  void run() {
    for (size_t s = 0, end = 0; s < steps_.size(); s = end) {
      // Consecutive steps of one group: one EXCEPTION block (or none).
      const int group = steps_[s].group;
      for (end = s; end < steps_.size() && steps_[end].group == group;) ++end;
      const size_t group_start = c_.cat.statement_begin();
      const size_t issues_before = c_.out.issues.size(), effects_before = c_.out.effects.size();
      for (size_t e = s; e < end; ++e) {
        if (!steps_[e].unknown.empty()) {
          c_.unmodeled(fmt::format("DO block: the model does not follow its {}; what that part names is not judged",
                                   steps_[e].unknown),
                       Unmodeled::Code, std::string_view(steps_[e].sql));
          continue;
        }
        const size_t before = c_.out.issues.size();
        if (!apply(steps_[e])) continue;
        // A step PostgreSQL refuses: the block's handler may catch it.
        if (group >= 0 && catches(groups_[static_cast<size_t>(group)], before)) {
          // Undone: what the block did before the failure did not happen.
          c_.out.issues.resize(issues_before);
          c_.out.effects.resize(effects_before);
          c_.cat.rollback(group_start);
          break;
        }
        c_.failed = true;
        return;
      }
    }
  }

  const std::string& why() const { return why_; }

 private:
  bool refuse(std::string why) {
    if (why_.empty()) why_ = std::move(why);
    return false;
  }

  // A part of the block the model does not follow: only what it names is
  // left unsure; the block's other statements are still run.
  bool unknown_part(const json& item, std::string why, int group) {
    Step st;
    collect_queries(item, st.sql);
    st.group = group;
    st.unknown = std::move(why);
    steps_.push_back(std::move(st));
    return true;
  }

  // The file offset of `text`, at or after line `lineno` of the body.
  size_t locate(const std::string& text, int lineno) const {
    if (body_at_ == std::string::npos || text.empty()) return std::string::npos;
    size_t from = 0;
    for (int l = 1; l < lineno && from != std::string::npos; ++l) {
      from = body_.find('\n', from);
      if (from != std::string::npos) ++from;
    }
    if (from == std::string::npos) from = 0;
    const size_t p = body_.find(text, from);
    return p == std::string::npos ? p : body_at_ + p;
  }

  static std::string query_of(const json& expr) { return str_field(field(expr, "PLpgSQL_expr"), "query"); }

  bool statements(const json& stmts, int group) {
    if (!stmts.is_array()) return true;
    for (const auto& item : stmts)
      if (!statement(item, group)) return false;
    return true;
  }

  // Whether every path through `list` raises an error: a branch a migration
  // that applies never took.
  static bool only_fails(const json& stmts) {
    if (!stmts.is_array()) return false;
    for (const auto& item : stmts)
      if (has(item, "PLpgSQL_stmt_raise") &&
          int_field(field(item, "PLpgSQL_stmt_raise"), "elog_level", kErrorLevel) >= kErrorLevel)
        return true;
    return false;
  }

  bool statement(const json& item, int group) {
    if (!item.is_object() || item.empty()) return refuse("a statement of the block did not parse");
    const std::string kind = item.begin().key();
    const json& s = item.begin().value();
    const int lineno = int_field(s, "lineno", 0);
    if (kind == "PLpgSQL_stmt_block") {
      int inner = group;
      if (has(s, "exceptions")) {
        if (group >= 0) return refuse("nested EXCEPTION blocks");
        Group g;
        for (const auto& ex : list(field(field(s, "exceptions"), "PLpgSQL_exception_block"), "exc_list")) {
          const json& e = field(ex, "PLpgSQL_exception");
          // A handler that does more than go on (or say so) is not followed.
          for (const auto& a : list(e, "action"))
            if (!has(a, "PLpgSQL_stmt_raise") ||
                int_field(field(a, "PLpgSQL_stmt_raise"), "elog_level", kErrorLevel) >= kErrorLevel)
              return refuse("an EXCEPTION handler that runs statements");
          for (const auto& cond : list(e, "conditions"))
            g.catches.insert(str_field(field(cond, "PLpgSQL_condition"), "condname"));
        }
        groups_.push_back(std::move(g));
        inner = static_cast<int>(groups_.size()) - 1;
      }
      return statements(list(s, "body"), inner);
    }
    if (kind == "PLpgSQL_stmt_execsql") {
      if (field(s, "into").is_boolean() && field(s, "into").get<bool>())
        return true;  // SELECT … INTO a variable: reads rows
      const std::string sql = query_of(field(s, "sqlstmt"));
      return step(sql, lineno, group, item);
    }
    if (kind == "PLpgSQL_stmt_dynexecute") {
      if (has(s, "into") || has(s, "params")) return unknown_part(item, "EXECUTE … INTO / USING", group);
      const std::string expr = query_of(field(s, "query"));
      google::protobuf::Arena arena;
      const pg_query::Node* n = parse_single_statement("SELECT " + expr, arena);
      std::optional<std::string> sql;
      if (n && n->has_select_stmt() && n->select_stmt().target_list_size() == 1)
        sql = constant_string(n->select_stmt().target_list(0).res_target().val());
      if (!sql) return unknown_part(item, "EXECUTE of a string the block computes", group);
      return step(*sql, lineno, group, item);
    }
    if (kind == "PLpgSQL_stmt_if") return if_statement(item, s, group);
    if (kind == "PLpgSQL_stmt_assign") {
      // var := <condition on the catalog>
      const std::string q = query_of(field(s, "expr"));
      const size_t p = q.find(":=");
      const size_t eq = p == std::string::npos ? q.find('=') : p;
      if (eq == std::string::npos) return unknown_part(item, "an assignment", group);
      const std::string var = lower(trim(std::string_view(q).substr(0, eq)));
      vars_[var] = condition(q.substr(eq + (p == std::string::npos ? 1 : 2)));
      return true;
    }
    if (kind == "PLpgSQL_stmt_raise") {
      if (int_field(s, "elog_level", kErrorLevel) >= kErrorLevel) return refuse("RAISE EXCEPTION on every path");
      return true;
    }
    if (kind == "PLpgSQL_stmt_perform") {
      // A call of a routine the model holds may run anything.
      const std::string q = query_of(field(s, "expr"));
      google::protobuf::Arena arena;
      const pg_query::Node* n = parse_single_statement(q, arena);
      if (!n) return unknown_part(item, "PERFORM", group);
      bool calls_user = false;
      if (n->has_select_stmt())
        for (const auto& t : n->select_stmt().target_list()) {
          if (!t.has_res_target() || !t.res_target().val().has_func_call()) continue;
          const QName f = split_name(catalog::strings(t.res_target().val().func_call().funcname()));
          for (const auto& sch : f.schema.empty() ? c_.cat.search_path() : std::vector<std::string>{f.schema})
            if (!c_.cat.functions_named({sch, f.name}).empty()) calls_user = true;
        }
      return calls_user ? unknown_part(item, "PERFORM of a routine", group) : true;
    }
    if (kind == "PLpgSQL_stmt_return") return true;
    return unknown_part(item, statement_name(kind), group);
  }

  // One statement to run. A string of several statements (or none) is not
  // followed; one PostgreSQL cannot parse is run, and fails there.
  bool step(const std::string& sql, int lineno, int group, const json& item) {
    google::protobuf::Arena arena;
    if (!parse_single_statement(sql, arena)) {
      PgQueryParseResult r = pg_query_parse(sql.c_str());
      const bool broken = r.error != nullptr;
      pg_query_free_parse_result(r);
      if (!broken) return unknown_part(item, "EXECUTE of a string holding several statements or none", group);
    }
    steps_.push_back({sql, locate(sql, lineno), group, {}});
    return true;
  }

  bool if_statement(const json& item, const json& s, int group) {
    // IF … ELSIF … ELSE as a list of (condition, body); the ELSE's is true.
    std::vector<std::pair<std::optional<bool>, const json*>> arms;
    arms.emplace_back(condition(query_of(field(s, "cond"))), &list(s, "then_body"));
    for (const auto& e : list(s, "elsif_list")) {
      const json& x = field(e, "PLpgSQL_if_elsif");
      arms.emplace_back(condition(query_of(field(x, "cond"))), &list(x, "stmts"));
    }
    arms.emplace_back(true, &list(s, "else_body"));
    for (size_t i = 0; i < arms.size(); ++i) {
      const auto& [cond, body] = arms[i];
      if (cond == false) continue;
      if (cond == true) return statements(*body, group);
      // Unknown: this arm is not the one taken if it can only fail.
      if (only_fails(*body)) continue;
      // … or it is, if every later arm can only fail.
      bool rest_fail = true;
      for (size_t j = i + 1; j < arms.size(); ++j)
        if (arms[j].first != false && !only_fails(*arms[j].second)) rest_fail = false;
      if (rest_fail) return statements(*body, group);
      return unknown_part(item, "IF on a condition the model cannot decide", group);
    }
    return true;
  }

  // A condition on what the catalog holds, decided from the model.
  std::optional<bool> condition(const std::string& text) {
    google::protobuf::Arena arena;
    const pg_query::Node* n = parse_single_statement("SELECT " + text, arena);
    if (!n || !n->has_select_stmt() || n->select_stmt().target_list_size() != 1) return std::nullopt;
    return eval(n->select_stmt().target_list(0).res_target().val());
  }

  std::optional<bool> eval(const pg_query::Node& n) {
    if (n.has_bool_expr()) {
      const auto& b = n.bool_expr();
      if (b.boolop() == pg_query::NOT_EXPR && b.args_size() == 1) {
        const auto v = eval(b.args(0));
        return v ? std::optional<bool>(!*v) : std::nullopt;
      }
      const bool is_and = b.boolop() == pg_query::AND_EXPR;
      bool unknown = false;
      for (const auto& a : b.args()) {
        const auto v = eval(a);
        if (!v) unknown = true;
        else if (*v != is_and) return *v;  // false decides AND, true decides OR
      }
      return unknown ? std::nullopt : std::optional<bool>(is_and);
    }
    if (n.has_a_const() && n.a_const().has_boolval()) return n.a_const().boolval().boolval();
    if (n.has_column_ref()) {
      const auto f = catalog::strings(n.column_ref().fields());
      if (f.size() != 1) return std::nullopt;
      const auto it = vars_.find(lower(f[0]));
      return it == vars_.end() ? std::nullopt : it->second;
    }
    if (n.has_sub_link()) {
      const auto& sl = n.sub_link();
      if (!sl.subselect().has_select_stmt()) return std::nullopt;
      const auto& sel = sl.subselect().select_stmt();
      if (sl.sub_link_type() == pg_query::EXISTS_SUBLINK) return exists(sel);
      // (SELECT EXISTS (…))
      if (sl.sub_link_type() == pg_query::EXPR_SUBLINK && sel.from_clause_size() == 0 && sel.target_list_size() == 1 &&
          !sel.has_where_clause())
        return eval(sel.target_list(0).res_target().val());
    }
    return std::nullopt;
  }

  // EXISTS (SELECT … FROM <catalog> WHERE name = 'x' …).
  std::optional<bool> exists(const pg_query::SelectStmt& sel) {
    if (sel.op() != pg_query::SETOP_NONE || sel.from_clause_size() == 0) return std::nullopt;
    Lookup l;
    for (const auto& f : sel.from_clause()) catalog_relations(f, l);
    if (sel.has_where_clause()) collect_equalities(sel.where_clause(), l);
    if (!l.understood) return std::nullopt;
    const auto has = [&](const char* r) { return l.relations.count(r) != 0; };
    const auto eq = [&](const char* col) -> const std::string* {
      const auto it = l.equals.find(col);
      return it == l.equals.end() ? nullptr : &it->second;
    };
    // The schema a condition names, else any schema of the search path.
    const std::string* schema = nullptr;
    for (const char* s : {"nspname", "schemaname", "table_schema", "schema_name", "sequence_schema"})
      if (!schema) schema = eq(s);
    const auto name_in = [&](const std::string& name, auto&& held) -> std::optional<bool> {
      const std::vector<std::string> schemas = schema ? std::vector<std::string>{*schema} : c_.cat.search_path();
      for (const auto& s : schemas)
        if (held(QName{s, name})) return true;
      // Without a schema in the condition the catalog matches any schema.
      if (!schema)
        for (const auto& [s, present] : c_.cat.schemas())
          if (present && held(QName{s, name})) return true;
      // Absent, if the model is sure nothing of that name may exist.
      for (const auto& s : schemas)
        if (!c_.cat.knows_schema(s)) return std::nullopt;
      if (c_.cat.unsure_name(name)) return std::nullopt;
      return false;
    };
    const catalog::Catalog& cat = c_.cat;
    if (has("columns") && eq("table_name") && eq("column_name")) {
      const std::string col = *eq("column_name");
      return name_in(*eq("table_name"), [&](const QName& q) {
        const auto t = cat.table(q);
        return t && t->column(col) != nullptr;
      });
    }
    if ((has("pg_constraint") && eq("conname")) || (has("table_constraints") && eq("constraint_name")))
      return name_in(eq("conname") ? *eq("conname") : *eq("constraint_name"),
                     [&](const QName& q) { return cat.constraint_name_used(q.schema, q.name); });
    if (has("pg_type") && eq("typname"))
      return name_in(*eq("typname"), [&](const QName& q) { return cat.type(q) != nullptr; });
    if ((has("pg_class") || has("pg_index")) && eq("relname"))
      return name_in(*eq("relname"), [&](const QName& q) {
        const std::string* kind = eq("relkind");
        if (has("pg_index") || (kind && *kind == "i")) return cat.index(q) != nullptr;
        if (kind && *kind == "r") return cat.table(q) != nullptr;
        if (kind && *kind == "S") return cat.sequence(q) != nullptr;
        if (kind && (*kind == "v" || *kind == "m")) return cat.view(q) != nullptr;
        return cat.relation_exists(q) || cat.index(q) != nullptr;
      });
    if (has("pg_indexes") && eq("indexname"))
      return name_in(*eq("indexname"), [&](const QName& q) { return cat.index(q) != nullptr; });
    if ((has("pg_tables") && eq("tablename")) || (has("tables") && eq("table_name")))
      return name_in(eq("tablename") ? *eq("tablename") : *eq("table_name"),
                     [&](const QName& q) { return cat.table(q) != nullptr || (has("tables") && cat.view(q)); });
    if ((has("pg_views") && eq("viewname")) || (has("pg_matviews") && eq("matviewname")))
      return name_in(eq("viewname") ? *eq("viewname") : *eq("matviewname"),
                     [&](const QName& q) { return cat.view(q) != nullptr; });
    if ((has("pg_sequences") && eq("sequencename")) || (has("sequences") && eq("sequence_name")))
      return name_in(eq("sequencename") ? *eq("sequencename") : *eq("sequence_name"),
                     [&](const QName& q) { return cat.sequence(q) != nullptr; });
    if ((has("pg_namespace") && eq("nspname") && l.relations.size() == 1) || (has("schemata") && eq("schema_name"))) {
      const std::string s = eq("nspname") ? *eq("nspname") : *eq("schema_name");
      if (cat.has_schema(s)) return true;
      return cat.knows_schema(s) ? std::optional<bool>(false) : std::nullopt;
    }
    if (has("pg_extension") && eq("extname")) {
      if (cat.extension(*eq("extname"))) return true;
      return std::nullopt;  // an extension may come from outside the migrations
    }
    return std::nullopt;
  }

  // Applies one step; true when PostgreSQL refuses it (an error issue).
  bool apply(const Step& step) {
    google::protobuf::Arena arena;
    const pg_query::Node* node = parse_single_statement(step.sql, arena);
    if (!node) {
      // The file's own parse went fine, so this is PostgreSQL refusing the
      // SQL when the block runs it.
      c_.issue("syntax-error", step.at == std::string::npos ? -1 : static_cast<int>(step.at - c_.stmt.base),
               "a statement this DO block runs does not parse");
      return true;
    }
    Statement inner;
    if (step.at != std::string::npos) {
      inner.begin = inner.base = step.at;
      inner.end = step.at + step.sql.size();
    } else {
      // Spelled otherwise in the file (a quoted body): the DO statement's place.
      inner.begin = inner.base = c_.stmt.begin;
      inner.end = c_.stmt.end;
    }
    inner.node = node;
    inner.ordinal = c_.stmt.ordinal;
    ApplyResult sub;
    run_statement(c_.cat, c_.file, inner, sub, c_.depth + 1);
    if (!sub.modeled) c_.out.modeled = false;
    for (auto& e : sub.effects) c_.out.effects.push_back(std::move(e));
    bool failed = false;
    for (auto& i : sub.issues) {
      if (step.at == std::string::npos) i.end = std::min(i.end, c_.stmt.end);
      failed = failed || i.severity == Severity::Error;
      c_.out.issues.push_back(std::move(i));
    }
    return failed;
  }

  // Whether the handler catches what the issues from `from` on report.
  bool catches(const Group& g, size_t from) const {
    static const std::map<std::string, std::set<std::string>> kStates = {
        {"unknown-object",
         {"undefined_table", "undefined_object", "undefined_column", "undefined_function", "invalid_schema_name"}},
        {"duplicate-object",
         {"duplicate_object", "duplicate_table", "duplicate_column", "duplicate_schema", "duplicate_function"}},
        {"dependent-objects", {"dependent_objects_still_exist"}},
        {"syntax-error", {"syntax_error"}},
    };
    if (g.catches.count("others")) return true;
    for (size_t i = from; i < c_.out.issues.size(); ++i) {
      const auto& issue = c_.out.issues[i];
      if (issue.severity != Severity::Error) continue;
      const auto it = kStates.find(issue.rule);
      if (it == kStates.end()) return false;
      bool any = false;
      for (const auto& s : it->second) any = any || g.catches.count(s);
      if (!any) return false;
    }
    return true;
  }

  Ctx& c_;
  std::string_view body_;
  size_t body_at_ = std::string::npos;
  std::vector<Step> steps_;
  std::vector<Group> groups_;
  std::map<std::string, std::optional<bool>> vars_;
  std::string why_;
};

// The body and language of a DO statement.
std::pair<std::string, std::string> do_parts(const pg_query::DoStmt& s) {
  std::string body, language = "plpgsql";
  for (const auto& a : s.args()) {
    if (!a.has_def_elem()) continue;
    const auto& d = a.def_elem();
    if (d.arg().has_string()) {
      if (d.defname() == "as") body = d.arg().string().sval();
      if (d.defname() == "language") language = lower(d.arg().string().sval());
    }
  }
  return {body, language};
}

}  // namespace

void transform_do(Ctx& c, const pg_query::DoStmt& s) {
  const auto [body, language] = do_parts(s);
  const auto give_up = [&](const std::string& why) {
    c.unmodeled(fmt::format("DO block: {}", why.empty() ? "the model does not run procedural code" : why),
                Unmodeled::Code);
  };
  if (language != "plpgsql") return give_up("the model runs PL/pgSQL only");
  if (c.depth >= kMaxDoDepth) return give_up("nested too deep");
  // PostgreSQL's PL/pgSQL parser reads a function; the body as one, on the
  // first line so that its line numbers are the body's.
  const std::string tag = "$miglint_do$";
  if (body.find(tag) != std::string::npos) return give_up("");
  const std::string wrapped = "CREATE FUNCTION miglint_do() RETURNS void LANGUAGE plpgsql AS " + tag + body + tag;
  PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(wrapped.c_str());
  json funcs;
  if (!r.error && r.plpgsql_funcs) funcs = json::parse(r.plpgsql_funcs, nullptr, false);
  const bool parsed = !r.error && funcs.is_array() && funcs.size() == 1 && has(funcs[0], "PLpgSQL_function");
  pg_query_free_plpgsql_parse_result(r);
  if (!parsed) return give_up("its PL/pgSQL body does not parse");
  // Where the body is in the file, when the file spells it as is ($$ … $$).
  const std::string_view text = c.file.text(c.stmt.begin, c.stmt.end);
  const size_t in_text = text.find(body);
  Runner runner(c);
  if (!runner.plan(field(funcs[0], "PLpgSQL_function"), body,
                   in_text == std::string_view::npos ? std::string::npos : c.stmt.begin + in_text))
    return give_up("the model does not follow its " + runner.why());
  runner.run();
}

}  // namespace miglint::effects
