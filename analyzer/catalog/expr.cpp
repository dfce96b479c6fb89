#include "analyzer/catalog/expr.h"
#include "analyzer/catalog/expr_prefetch.h"

#include <google/protobuf/arena.h>
#include <pg_query.h>
#include <pg_query/pg_ast_meta.h>

#include "analyzer/ast/parse.h"
#ifdef MIGLINT_DIRECT_PARSE
#include "analyzer/ast/pg_convert.h"
#endif
#include "analyzer/source/strings.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>

namespace miglint::catalog {
namespace {

namespace pb = google::protobuf;

long typmod_value(const pg_query::Node& n, bool* ok) {
  *ok = true;
  if (n.has_a_const()) {
    const auto& c = n.a_const();
    if (c.has_ival()) return c.ival().ival();
    if (c.has_sval()) {
      try {
        return std::stol(c.sval().sval());
      } catch (...) {
      }
    }
    if (!c.has_fval() && !c.has_boolval() && !c.has_bsval()) return 0;  // protobuf omits 0
  }
  *ok = false;
  return 0;
}

std::string interval_fields(long mask) {
  constexpr long kYear = 1 << 2, kMonth = 1 << 1, kDay = 1 << 3, kHour = 1 << 10, kMinute = 1 << 11, kSecond = 1 << 12;
  struct M {
    long m;
    const char* s;
  };
  static const M table[] = {{kYear, " year"},
                            {kMonth, " month"},
                            {kDay, " day"},
                            {kHour, " hour"},
                            {kMinute, " minute"},
                            {kSecond, " second"},
                            {kYear | kMonth, " year to month"},
                            {kDay | kHour, " day to hour"},
                            {kDay | kHour | kMinute, " day to minute"},
                            {kDay | kHour | kMinute | kSecond, " day to second"},
                            {kHour | kMinute, " hour to minute"},
                            {kHour | kMinute | kSecond, " hour to second"},
                            {kMinute | kSecond, " minute to second"}};
  for (const auto& e : table)
    if (e.m == mask) return e.s;
  return "";
}

std::string base_name(const std::string& n) {
  static const std::map<std::string, std::string> m = {{"int4", "integer"},
                                                       {"int", "integer"},
                                                       {"integer", "integer"},
                                                       {"int2", "smallint"},
                                                       {"smallint", "smallint"},
                                                       {"int8", "bigint"},
                                                       {"bigint", "bigint"},
                                                       {"float4", "real"},
                                                       {"real", "real"},
                                                       {"float8", "double precision"},
                                                       {"double precision", "double precision"},
                                                       {"float", "double precision"},
                                                       {"decimal", "numeric"},
                                                       {"numeric", "numeric"},
                                                       {"bool", "boolean"},
                                                       {"boolean", "boolean"},
                                                       {"varchar", "character varying"},
                                                       {"character varying", "character varying"},
                                                       {"timestamptz", "timestamptz"},
                                                       {"timetz", "timetz"},
                                                       {"varbit", "bit varying"},
                                                       {"bit varying", "bit varying"},
                                                       {"character", "bpchar"},
                                                       {"char", "\"char\""}};
  auto it = m.find(n);
  return it == m.end() ? n : it->second;
}

// Builds the display from a base name and typmods.
std::string format_type(const std::string& raw, const std::vector<long>& mods) {
  std::string n = base_name(raw);  // not const: returned by move
  auto p = [&](size_t i) { return i < mods.size() ? "(" + std::to_string(mods[i]) + ")" : std::string(); };
  if (n == "numeric") {
    if (mods.empty()) return n;
    return "numeric(" + std::to_string(mods[0]) + "," + std::to_string(mods.size() > 1 ? mods[1] : 0) + ")";
  }
  if (n == "bpchar") return mods.empty() ? "bpchar" : "character" + p(0);
  if (n == "character varying" || n == "bit varying") return n + p(0);
  if (n == "bit") return "bit" + (mods.empty() ? std::string("(1)") : p(0));
  if (n == "timestamp" || n == "timestamptz" || n == "time" || n == "timetz") {
    std::string prec;
    if (!mods.empty()) prec = "(" + std::to_string(std::min(mods[0], 6L)) + ")";
    const bool tz = n.back() == 'z';
    const std::string word = n.starts_with("timestamp") ? "timestamp" : "time";
    return word + prec + (tz ? " with time zone" : " without time zone");
  }
  if (n == "interval") {
    constexpr long kFull = 0x7FFF;
    std::string out = "interval";
    if (!mods.empty() && mods[0] != kFull && mods[0] != -1) out += interval_fields(mods[0]);
    if (mods.size() > 1 && mods[1] >= 0 && mods[1] != 0xFFFF) out += "(" + std::to_string(std::min(mods[1], 6L)) + ")";
    return out;
  }
  if (n == "float4" || n == "float") return "real";
  return n;
}

}  // namespace

std::vector<std::string> strings(const google::protobuf::RepeatedPtrField<pg_query::Node>& l) {
  std::vector<std::string> out;
  for (const auto& n : l)
    if (n.has_string()) out.push_back(n.string().sval());
  return out;
}

std::string canonical_type(const pg_query::TypeName& t) {
  auto names = strings(t.names());
  if (names.size() >= 2 && names[0] == "pg_catalog") names.erase(names.begin());
  std::vector<long> mods;
  for (const auto& m : t.typmods()) {
    bool ok = false;
    const long v = typmod_value(m, &ok);
    if (ok) mods.push_back(v);
  }
  std::string out;
  if (names.size() == 1) {
    // A quoted "char" arrives as one-part "char"; the keyword char arrives as pg_catalog.bpchar.
    if (names[0] == "char" && strings(t.names()).size() == 1) out = "\"char\"";
    else out = format_type(names[0], mods);
    if (out == names[0] && mods.empty() && base_name(names[0]) == names[0]) out = quote_ident(names[0]);
  } else if (names.size() >= 2) {
    const std::string& schema = names[names.size() - 2];
    const std::string& name = names.back();
    out = schema == "public" ? quote_ident(name) : quote_ident(schema) + "." + quote_ident(name);
  }
  if (t.pct_type()) out += "%TYPE";
  if (t.array_bounds_size() > 0) out += "[]";
  return out;
}

std::string canonical_type_name(std::string_view name) { return format_type(lower(std::string(name)), {}); }

std::string serial_base_type(const pg_query::TypeName& t) {
  if (t.names_size() != 1 || t.array_bounds_size() > 0) return "";
  const auto n = strings(t.names());
  if (n.empty()) return "";
  if (n[0] == "serial" || n[0] == "serial4") return "integer";
  if (n[0] == "bigserial" || n[0] == "serial8") return "bigint";
  if (n[0] == "smallserial" || n[0] == "serial2") return "smallint";
  return "";
}

// ---- traversal ----

namespace {

using pgmeta::MsgType;

template <typename F>
void visit_msg(const pb::MessageLite& m, MsgType t, F& f, int depth);

template <typename F>
void visit_node(const pg_query::Node& n, F& f, int depth) {
  if (depth > kMaxExprDepth) return;
  f(n);
  visit_msg(n, MsgType::Node, f, depth + 1);
}

template <typename F>
void visit_msg(const pb::MessageLite& m, MsgType t, F& f, int depth) {
  if (depth > kMaxExprDepth) return;
  pgmeta::children(m, t, [&](const pb::MessageLite& sub, MsgType st) {
    if (st == MsgType::Node) visit_node(static_cast<const pg_query::Node&>(sub), f, depth + 1);
    else visit_msg(sub, st, f, depth + 1);
  });
}

struct Normalizer {
  const ExprContext& ctx;
  bool too_deep = false;
  // What of ctx the result depends on (ExprPrefetch normalises without one).
  bool typed_const = false;   // a constant, whose form depends on ctx.column_type
  bool used_catalog = false;  // a sequence name resolved through ctx.catalog

  void msg(pb::MessageLite* m, MsgType t, int depth) {
    if (depth > kMaxExprDepth) {
      too_deep = true;
      return;
    }
    pgmeta::clear_location(*m, t);
    pgmeta::mutable_children(*m, t, [&](pb::MessageLite& sub, MsgType st) {
      if (st == MsgType::Node) node(static_cast<pg_query::Node*>(&sub), depth + 1);
      else msg(&sub, st, depth + 1);
    });
  }

  // A literal as PostgreSQL stores it once read as `type`.
  static void literal_as(std::string& v, const std::string& type) {
    if (type == "boolean") {
      const std::string lv = lower(v);
      if (lv == "t" || lv == "true" || lv == "yes" || lv == "on" || lv == "1" || lv == "y") v = "true";
      if (lv == "f" || lv == "false" || lv == "no" || lv == "off" || lv == "0" || lv == "n") v = "false";
    }
    if (type == "timestamp without time zone" || type == "date") {
      // PostgreSQL stores the value in its output form: a date alone gets midnight.
      const bool ts = type != "date";
      if (lower(v) == "epoch") v = "1970-01-01";
      const bool date_only = v.size() == 10 && v[4] == '-' && v[7] == '-' &&
                             std::all_of(v.begin(), v.end(), [](char ch) {
                               return std::isdigit(static_cast<unsigned char>(ch)) || ch == '-';
                             });
      if (ts && date_only) v += " 00:00:00";
    }
    // 'epoch' is one instant, stored as such; pg_dump prints it in the
    // session's time zone, UTC on the servers the model is checked against.
    if (type == "timestamp with time zone" && lower(v) == "epoch") v = "1970-01-01 00:00:00+00";
  }

  static bool is_const(const pg_query::Node& n) {
    if (n.has_a_const()) return true;
    if (n.has_a_array_expr()) {
      for (const auto& e : n.a_array_expr().elements())
        if (!is_const(e)) return false;
      return true;
    }
    return false;
  }

  void node(pg_query::Node* n, int depth) {
    msg(n, MsgType::Node, depth);
    if (too_deep) return;
    switch (n->node_case()) {
      case pg_query::Node::kTypeCast: {
        auto* tc = n->mutable_type_cast();
        const std::string ct = canonical_type(tc->type_name());
        if (tc->has_arg() && is_const(tc->arg())) {
          pg_query::Node arg = tc->arg();
          // An explicit cast reads the literal as its own type.
          if (arg.has_a_const() && arg.a_const().has_sval() && ct != ctx.column_type)
            literal_as(*arg.mutable_a_const()->mutable_sval()->mutable_sval(), ct);
          *n = std::move(arg);
          return;
        }
        if (tc->has_arg() && tc->arg().has_column_ref() &&
            (ct == "text" || ct.starts_with("character varying") || ct.starts_with("character"))) {
          pg_query::Node arg = tc->arg();
          *n = std::move(arg);
          return;
        }
        auto* tn = tc->mutable_type_name();
        tn->Clear();
        tn->add_names()->mutable_string()->set_sval(ct);
        return;
      }
      case pg_query::Node::kAConst: {
        auto* c = n->mutable_a_const();
        if (c->isnull()) return;
        typed_const = true;
        std::string v;
        if (c->has_ival()) v = std::to_string(c->ival().ival());
        else if (c->has_fval()) v = c->fval().fval();
        else if (c->has_boolval()) v = c->boolval().boolval() ? "true" : "false";
        else if (c->has_sval()) v = c->sval().sval();
        else if (c->has_bsval()) v = c->bsval().bsval();
        else v = "0";  // protobuf omits a zero integer
        literal_as(v, ctx.column_type);
        c->Clear();
        c->mutable_sval()->set_sval(v);
        return;
      }
      case pg_query::Node::kAExpr: {
        auto* e = n->mutable_a_expr();
        // Operator names with or without OPERATOR(pg_catalog.x).
        if (e->name_size() == 2 && e->name(0).has_string() && e->name(0).string().sval() == "pg_catalog")
          e->mutable_name()->DeleteSubrange(0, 1);
        const std::string op = e->name_size() > 0 && e->name(0).has_string() ? e->name(0).string().sval() : "";
        switch (e->kind()) {
          case pg_query::AEXPR_IN: {
            if (!e->rexpr().has_list()) return;
            pg_query::List items = e->rexpr().list();
            if (items.items_size() == 1) {
              e->set_kind(pg_query::AEXPR_OP);
              pg_query::Node only = items.items(0);
              *e->mutable_rexpr() = std::move(only);
            } else {
              e->set_kind(op == "<>" ? pg_query::AEXPR_OP_ALL : pg_query::AEXPR_OP_ANY);
              auto* arr = e->mutable_rexpr()->mutable_a_array_expr();
              arr->Clear();
              for (auto& it : *items.mutable_items()) *arr->add_elements() = std::move(it);
            }
            return;
          }
          case pg_query::AEXPR_LIKE:
          case pg_query::AEXPR_ILIKE: e->set_kind(pg_query::AEXPR_OP); return;
          case pg_query::AEXPR_BETWEEN:
          case pg_query::AEXPR_NOT_BETWEEN: {
            if (!e->rexpr().has_list() || e->rexpr().list().items_size() != 2) return;
            const bool neg = e->kind() == pg_query::AEXPR_NOT_BETWEEN;
            pg_query::Node lhs = e->lexpr();
            pg_query::List r = e->rexpr().list();
            pg_query::Node out;
            auto* b = out.mutable_bool_expr();
            b->set_boolop(neg ? pg_query::OR_EXPR : pg_query::AND_EXPR);
            for (int i = 0; i < 2; ++i) {
              auto* x = b->add_args()->mutable_a_expr();
              x->set_kind(pg_query::AEXPR_OP);
              x->add_name()->mutable_string()->set_sval(i == 0 ? (neg ? "<" : ">=") : (neg ? ">" : "<="));
              *x->mutable_lexpr() = lhs;
              *x->mutable_rexpr() = r.items(i);
            }
            *n = std::move(out);
            return;
          }
          default: return;
        }
      }
      case pg_query::Node::kFuncCall: {
        auto* f = n->mutable_func_call();
        // pg_catalog.f and public.f (pg_dump qualifies everything) are f.
        if (f->funcname_size() == 2 && f->funcname(0).has_string() &&
            (f->funcname(0).string().sval() == "pg_catalog" || f->funcname(0).string().sval() == "public"))
          f->mutable_funcname()->DeleteSubrange(0, 1);
        if (f->funcname_size() == 1 && f->funcname(0).has_string() && f->funcname(0).string().sval() == "nextval" &&
            f->args_size() == 1 && f->args(0).has_a_const() && f->args(0).a_const().has_sval()) {
          used_catalog = true;
          f->mutable_args(0)->mutable_a_const()->mutable_sval()->set_sval(
              resolve_sequence(f->args(0).a_const().sval().sval()));
        }
        return;
      }
      default: return;
    }
  }

  // 'Seq' / 'public.seq' / '"My"' as a regclass literal → "schema.name".
  std::string resolve_sequence(const std::string& lit) const {
    std::vector<std::string> parts;
    std::string cur;
    bool quoted = false;
    for (size_t i = 0; i < lit.size(); ++i) {
      const char ch = lit[i];
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < lit.size() && lit[i + 1] == '"') {
            cur += '"';
            ++i;
          } else {
            quoted = false;
          }
        } else {
          cur += ch;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == '.') {
        parts.push_back(cur);
        cur.clear();
      } else {
        cur += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
    }
    parts.push_back(cur);
    if (parts.size() >= 2) return parts[parts.size() - 2] + "." + parts.back();
    std::string schema = "public";
    if (ctx.catalog) {
      auto q = ctx.catalog->resolve("", parts.back(), [&](const QName& x) { return ctx.catalog->relation_exists(x); });
      schema = q ? q->schema : ctx.catalog->creation_schema();
    }
    return schema + "." + parts.back();
  }
};

struct DeparseResult {
  PgQueryDeparseResult r;
  ~DeparseResult() { pg_query_free_deparse_result(r); }
};

std::string deparse_bytes(std::string& buf) {
  PgQueryProtobuf p;
  p.len = buf.size();
  p.data = buf.data();
  DeparseResult res{pg_query_deparse_protobuf(p)};
  if (res.r.error || !res.r.query) return "";
  return res.r.query;
}

}  // namespace

namespace {
// Nesting depth of a node, stopping at limit; visit(node) is called on each
// pg_query::Node reached.
template <class Visit>
int depth_walk(const pg_query::Node& n, int limit, Visit&& visit) {
  int max_depth = 0;
  const auto rec = [&](const auto& self, const pb::MessageLite& m, MsgType t, int depth) -> void {
    if (depth > max_depth) max_depth = depth;
    if (t == MsgType::Node) visit(static_cast<const pg_query::Node&>(m));
    if (depth >= limit) return;
    pgmeta::children(m, t, [&](const pb::MessageLite& sub, MsgType st) {
      if (max_depth < limit) self(self, sub, st, depth + 1);
    });
  };
  rec(rec, n, MsgType::Node, 0);
  return max_depth;
}
}  // namespace

int node_depth(const pg_query::Node& n, int limit) {
  return depth_walk(n, limit, [](const pg_query::Node&) {});
}

namespace {
// The statement or expression is lent to the wrapper that deparsing needs
// (not copied: a view's query can be most of a migration's tree) and taken
// back before the wrapper is destroyed, even when serialising throws.
template <class Holder, class Set, class Release>
struct Lent {
  Holder* holder;
  Release release;
  Lent(Holder* h, const pg_query::Node& n, Set set, Release r) : holder(h), release(r) {
    (holder->*set)(const_cast<pg_query::Node*>(&n));
  }
  ~Lent() { (void)(holder->*release)(); }
  Lent(const Lent&) = delete;
  Lent& operator=(const Lent&) = delete;
};

// The parse result of the one statement n, serialised into buf, as
// libpg_query's deparser reads it.
bool serialize_stmt(const pg_query::Node& n, std::string& buf) {
  pg_query::ParseResult pr;
  pr.set_version(PG_VERSION_NUM);
  pg_query::RawStmt* raw = pr.add_stmts();
  const Lent lent(raw, n, &pg_query::RawStmt::unsafe_arena_set_allocated_stmt,
                  &pg_query::RawStmt::unsafe_arena_release_stmt);
  return pr.SerializeToString(&buf);
}

// libpg_query's deparse of the one statement `raw` holds: straight from our
// tree where the converter takes it, else through protobuf.
std::string deparse_raw_stmt(const pg_query::RawStmt& raw) {
#ifdef MIGLINT_DIRECT_PARSE
  if (auto text = pgconvert::deparse(raw)) return std::move(*text);
#endif
  std::string buf;
  return serialize_stmt(raw.stmt(), buf) ? deparse_bytes(buf) : "";
}

std::string deparse_stmt_unchecked(const pg_query::Node& n) {
  pg_query::RawStmt raw;
  const Lent lent(&raw, n, &pg_query::RawStmt::unsafe_arena_set_allocated_stmt,
                  &pg_query::RawStmt::unsafe_arena_release_stmt);
  return deparse_raw_stmt(raw);
}

std::string deparse_expr_unchecked(const pg_query::Node& n) {
  pg_query::RawStmt raw;
  pg_query::ResTarget* target = raw.mutable_stmt()->mutable_select_stmt()->add_target_list()->mutable_res_target();
  const Lent lent(target, n, &pg_query::ResTarget::unsafe_arena_set_allocated_val,
                  &pg_query::ResTarget::unsafe_arena_release_val);
  std::string s = deparse_raw_stmt(raw);
  if (s.starts_with("SELECT ")) s = s.substr(7);
  return s;
}

thread_local ExprPrefetch* t_prefetch = nullptr;

#ifdef MIGLINT_DIRECT_PARSE
// deparse_stmt_unchecked of a query the caller gives up. Straight from our
// tree, deparsing a query costs less than the cache key below would (a walk
// clearing locations and a serialisation): no cache.
std::string deparse_query_cached(pg_query::Node& n) { return deparse_stmt_unchecked(n); }
#else
// A query's deparsed text depends on its tree, not on where in a file it
// stood: the queries a folder defines again and again (a down restoring the
// view its up replaced, OR REPLACE of the same view) are deparsed once. By
// the serialised tree without its locations (two hashes and the length);
// per thread, as each folder replays on one; bounded.
struct TreeKey {
  size_t whole = 0, half = 0, size = 0;
  bool operator==(const TreeKey&) const = default;
};
struct TreeKeyHash {
  size_t operator()(const TreeKey& k) const { return k.whole; }
};
thread_local std::unordered_map<TreeKey, std::string, TreeKeyHash> t_query_texts;
constexpr size_t kQueryTextsMax = 512;

void clear_locations(pb::MessageLite& m, MsgType t, int depth) {
  if (depth > kMaxExprDepth) return;
  pgmeta::clear_location(m, t);
  pgmeta::mutable_children(m, t, [&](pb::MessageLite& sub, MsgType st) { clear_locations(sub, st, depth + 1); });
}

// deparse_stmt_unchecked of a query the caller gives up (its locations are
// cleared).
std::string deparse_query_cached(pg_query::Node& n) {
  clear_locations(n, MsgType::Node, 0);
  std::string buf;
  if (!serialize_stmt(n, buf)) return "";
  const std::string_view bytes = buf;
  const TreeKey key{std::hash<std::string_view>()(bytes), std::hash<std::string_view>()(bytes.substr(bytes.size() / 2)),
                    bytes.size()};
  if (const auto it = t_query_texts.find(key); it != t_query_texts.end()) return it->second;
  std::string text = deparse_bytes(buf);  // the key's serialisation is the deparser's input
  if (t_query_texts.size() >= kQueryTextsMax) t_query_texts.clear();
  t_query_texts.emplace(key, text);
  return text;
}
#endif

std::vector<std::string> column_refs_of(const pg_query::Node& n);
}  // namespace

std::string deparse_stmt(const pg_query::Node& n) {
  if (node_depth(n, kMaxExprDepth) >= kMaxExprDepth) return "";
  return deparse_stmt_unchecked(n);
}

std::string deparse_expr(const pg_query::Node& n) {
  if (node_depth(n, kMaxExprDepth) >= kMaxExprDepth) return "";
  return deparse_expr_unchecked(n);
}

// ---- prefetched texts ----

ExprPrefetch::ExprPrefetch(const std::vector<const Statement*>& statements) {
  const auto add = [&](const pg_query::Node& n) {
    if (index_.emplace(&n, nodes_.size()).second) nodes_.push_back(&n);
  };
  const auto constraint = [&](const pg_query::Node& n) {
    if (!n.has_constraint()) return;
    if (n.constraint().has_raw_expr()) add(n.constraint().raw_expr());
    if (n.constraint().has_where_clause()) add(n.constraint().where_clause());
  };
  const auto column = [&](const pg_query::Node& n) {
    if (n.has_column_def())
      for (const auto& c : n.column_def().constraints()) constraint(c);
    constraint(n);
  };
  for (const Statement* st : statements) {
    const pg_query::Node& n = *st->node;
    if (n.has_create_stmt()) {
      for (const auto& e : n.create_stmt().table_elts()) column(e);
    } else if (n.has_alter_table_stmt()) {
      for (const auto& c : n.alter_table_stmt().cmds())
        if (c.has_alter_table_cmd() && c.alter_table_cmd().has_def()) column(c.alter_table_cmd().def());
    } else if (n.has_index_stmt()) {
      for (const auto& p : n.index_stmt().index_params())
        if (p.has_index_elem() && p.index_elem().has_expr()) add(p.index_elem().expr());
      if (n.index_stmt().has_where_clause()) add(n.index_stmt().where_clause());
    }
  }
  slots_ = std::make_unique<Slot[]>(nodes_.size());
}

void ExprPrefetch::compute(size_t i) {
  fill(*nodes_[i], slots_[i].text);
  slots_[i].state.store(2, std::memory_order_release);
}

void ExprPrefetch::fill(const pg_query::Node& n, Text& t) {
  t.deep = node_depth(n, kMaxExprDepth) >= kMaxExprDepth;
  if (!t.deep) {
    t.text = deparse_expr_unchecked(n);
    pg_query::Node copy = n;
    const ExprContext none;
    Normalizer norm{none};
    norm.node(&copy, 0);
    t.canon = copy.SerializeAsString();
    t.canon_typed = norm.typed_const;
    t.canon_any_ctx = !norm.used_catalog;
    t.columns = column_refs_of(n);
  }
}

bool ExprPrefetch::Text::canon_for(const ExprContext& ctx) const {
  // Constants are normalised by the column's type only for these types.
  const bool typed = ctx.column_type == "boolean" || ctx.column_type == "timestamp without time zone" ||
                     ctx.column_type == "timestamp with time zone" || ctx.column_type == "date";
  return canon_any_ctx && !(canon_typed && typed);
}

void ExprPrefetch::run() {
  // Forwards, like the replay: doing nothing else, this thread soon runs
  // ahead of it and the replay finds its expressions ready.
  for (size_t i = 0; i < nodes_.size(); ++i) {
    int expected = 0;
    if (slots_[i].state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) compute(i);
  }
}

const ExprPrefetch::Text* ExprPrefetch::claim(const pg_query::Node* n, Text& scratch) {
  const auto it = index_.find(n);
  if (it == index_.end()) return nullptr;
  Slot& s = slots_[it->second];
  int expected = 0;
  if (s.state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) compute(it->second);
  if (s.state.load(std::memory_order_acquire) == 2) return &s.text;
  // The other thread is on it, and may have lost its core: do it here too
  // rather than wait.
  fill(*n, scratch);
  return &scratch;
}

UseExprPrefetch::UseExprPrefetch(ExprPrefetch* p) : previous_(t_prefetch) { t_prefetch = p; }
UseExprPrefetch::~UseExprPrefetch() { t_prefetch = previous_; }

namespace {
// `own`: n itself, when the caller gives it up: normalised in place rather
// than copied (a view's query is often most of its migration).
Expr make(const pg_query::Node& n, const ExprContext& ctx, bool query, pg_query::Node* own = nullptr) {
  Expr e;
  ExprPrefetch::Text scratch;
  const ExprPrefetch::Text* pre = !query && t_prefetch ? t_prefetch->claim(&n, scratch) : nullptr;
  if (pre ? pre->deep : node_depth(n, kMaxExprDepth) >= kMaxExprDepth) {
    e.text = "(expression too deeply nested)";
    e.canon = "deep:" + n.SerializeAsString();
    return e;
  }
  e.text = pre      ? pre->text
           : !query ? deparse_expr_unchecked(n)
           : own    ? deparse_query_cached(*own)
                    : deparse_stmt_unchecked(n);
  if (pre && pre->canon_for(ctx)) {
    e.canon = pre->canon;
    return e;
  }
  pg_query::Node copy;
  pg_query::Node* target = own;
  if (!target) {
    copy = n;
    target = &copy;
  }
  Normalizer norm{ctx};
  norm.node(target, 0);
  e.canon = target->SerializeAsString();
  return e;
}
}  // namespace

Expr make_expr(const pg_query::Node& n, const ExprContext& ctx) { return make(n, ctx, false); }

std::optional<Expr> nextval_expr(const std::string& sequence, std::string text, const ExprContext& ctx) {
  if (sequence.find_first_of("'\\") != std::string::npos) return std::nullopt;
  // Parsed once; locations are cleared by the normalisation, so the literal's
  // length does not matter.
  static const pg_query::Node tmpl = [] {
    google::protobuf::Arena arena;
    const pg_query::Node* n = parse_single_statement("SELECT nextval('s'::regclass)", arena);
    return pg_query::Node(n->select_stmt().target_list(0).res_target().val());
  }();
  pg_query::Node copy = tmpl;
  copy.mutable_func_call()
      ->mutable_args(0)
      ->mutable_type_cast()
      ->mutable_arg()
      ->mutable_a_const()
      ->mutable_sval()
      ->set_sval(sequence);
  Normalizer norm{ctx};
  norm.node(&copy, 0);
  return Expr{std::move(text), copy.SerializeAsString()};
}
Expr make_query(const pg_query::Node& n, const ExprContext& ctx) { return make(n, ctx, true); }
Expr make_query(pg_query::Node&& n, const ExprContext& ctx) { return make(n, ctx, true, &n); }

// ---- views' queries ----

struct ViewQuery::State {
  // Set for a query whose text and form are worked out when asked for.
  std::unique_ptr<pb::Arena> arena;
  const pg_query::Node* tree = nullptr;
  std::string column_type;
  std::once_flag text_once, canon_once;
  std::string text, canon;
};

namespace {
// How deep a query is (as node_depth), and whether it calls nextval(), whose
// sequence the normalisation resolves through the catalog of the moment.
struct QueryShape {
  int depth = 0;
  bool nextval = false;
};

QueryShape query_shape(const pg_query::Node& n) {
  QueryShape out;
  out.depth = depth_walk(n, kMaxExprDepth, [&](const pg_query::Node& node) {
    if (!node.has_func_call()) return;
    const auto& f = node.func_call().funcname();
    if (!f.empty() && f[f.size() - 1].has_string() && f[f.size() - 1].string().sval() == "nextval") out.nextval = true;
  });
  return out;
}
}  // namespace

ViewQuery make_view_query(std::unique_ptr<pb::Arena> arena, pg_query::Node* query, const ExprContext& ctx) {
  const QueryShape shape = query_shape(*query);
  if (shape.depth >= kMaxExprDepth || shape.nextval) return ViewQuery(make(*query, ctx, true, query));
  auto s = std::make_shared<ViewQuery::State>();
  s->arena = std::move(arena);
  s->tree = query;
  s->column_type = ctx.column_type;
  return ViewQuery(std::move(s));
}

ViewQuery::ViewQuery(Expr e) : s_(std::make_shared<State>()) {
  s_->text = std::move(e.text);
  s_->canon = std::move(e.canon);
}

ViewQuery::ViewQuery(std::shared_ptr<State> s) : s_(std::move(s)) {}

const std::string& ViewQuery::text() const {
  static const std::string none;
  if (!s_) return none;
  if (s_->tree) std::call_once(s_->text_once, [&] { s_->text = deparse_stmt_unchecked(*s_->tree); });
  return s_->text;
}

const std::string& ViewQuery::canon() const {
  static const std::string none;
  if (!s_) return none;
  if (s_->tree)
    std::call_once(s_->canon_once, [&] {
      // Normalised on a copy: the tree stays as written for the text and
      // for comparisons.
      pb::Arena arena;
      auto* copy = pb::Arena::CreateMessage<pg_query::Node>(&arena);
      copy->CopyFrom(*s_->tree);
      const ExprContext ctx{s_->column_type, nullptr};  // no nextval(): the catalog is not asked
      Normalizer norm{ctx};
      norm.node(copy, 0);
      s_->canon = copy->SerializeAsString();
    });
  return s_->canon;
}

bool ViewQuery::operator==(const ViewQuery& o) const {
  if (s_ == o.s_) return true;
  // The same tree but for where it stood normalises to the same form.
  if (s_ && o.s_ && s_->tree && o.s_->tree && s_->column_type == o.s_->column_type &&
      pgmeta::equal(*s_->tree, *o.s_->tree, MsgType::Node))
    return true;
  return canon() == o.canon();
}

Expr rename_column(const Expr& e, const std::string& from, const std::string& to, const ExprContext& ctx) {
  google::protobuf::Arena arena;
  const pg_query::Node* stmt = parse_single_statement("SELECT " + e.text, arena);
  if (!stmt || !stmt->has_select_stmt() || stmt->select_stmt().target_list_size() != 1) return e;
  pg_query::Node copy = stmt->select_stmt().target_list(0).res_target().val();
  const auto rec = [&](const auto& self, pb::MessageLite& m, MsgType t, int depth) -> void {
    if (depth > kMaxExprDepth) return;
    if (t == MsgType::Node) {
      auto& n = static_cast<pg_query::Node&>(m);
      if (n.has_column_ref()) {
        auto* f = n.mutable_column_ref()->mutable_fields();
        if (!f->empty() && (*f)[f->size() - 1].has_string() && (*f)[f->size() - 1].string().sval() == from)
          (*f)[f->size() - 1].mutable_string()->set_sval(to);
        return;
      }
    }
    pgmeta::mutable_children(m, t, [&](pb::MessageLite& sub, MsgType st) { self(self, sub, st, depth + 1); });
  };
  rec(rec, copy, MsgType::Node, 0);
  return make_expr(copy, ctx);
}

namespace {

// The column a ColumnRef names (its last field), or null for `*`.
const std::string* column_name(const pg_query::Node& x) {
  if (!x.has_column_ref()) return nullptr;
  const auto& f = x.column_ref().fields();
  if (f.empty() || !f[f.size() - 1].has_string()) return nullptr;
  return &f[f.size() - 1].string().sval();
}

std::vector<std::string> column_refs_of(const pg_query::Node& n) {
  std::vector<std::string> out;
  auto f = [&](const pg_query::Node& x) {
    const std::string* name = column_name(x);
    if (name && std::find(out.begin(), out.end(), *name) == out.end()) out.push_back(*name);
  };
  visit_node(n, f, 0);
  return out;
}

}  // namespace

std::vector<std::string> column_refs(const pg_query::Node& n) {
  ExprPrefetch::Text scratch;
  if (t_prefetch)
    if (const auto* pre = t_prefetch->claim(&n, scratch); pre && !pre->deep) return pre->columns;
  return column_refs_of(n);
}

std::string index_expr_name(const pg_query::Node& n) {
  switch (n.node_case()) {
    case pg_query::Node::kColumnRef: {
      const auto& f = n.column_ref().fields();
      if (!f.empty() && f[f.size() - 1].has_string()) return f[f.size() - 1].string().sval();
      return "expr";
    }
    case pg_query::Node::kFuncCall: {
      const auto& f = n.func_call().funcname();
      if (!f.empty() && f[f.size() - 1].has_string()) return f[f.size() - 1].string().sval();
      return "expr";
    }
    case pg_query::Node::kTypeCast: {
      if (n.type_cast().has_arg()) {
        std::string inner = index_expr_name(n.type_cast().arg());
        if (inner != "expr") return inner;
      }
      const auto names = strings(n.type_cast().type_name().names());
      return names.empty() ? "expr" : names.back();
    }
    case pg_query::Node::kCaseExpr: return "case";
    case pg_query::Node::kCoalesceExpr: return "coalesce";
    case pg_query::Node::kMinMaxExpr: return n.min_max_expr().op() == pg_query::IS_GREATEST ? "greatest" : "least";
    case pg_query::Node::kAArrayExpr: return "array";
    case pg_query::Node::kRowExpr: return "row";
    case pg_query::Node::kAExpr: return n.a_expr().kind() == pg_query::AEXPR_NULLIF ? "nullif" : "expr";
    case pg_query::Node::kSqlvalueFunction: {
      switch (n.sqlvalue_function().op()) {
        case pg_query::SVFOP_CURRENT_DATE: return "current_date";
        case pg_query::SVFOP_CURRENT_TIME:
        case pg_query::SVFOP_CURRENT_TIME_N: return "current_time";
        case pg_query::SVFOP_CURRENT_TIMESTAMP:
        case pg_query::SVFOP_CURRENT_TIMESTAMP_N: return "current_timestamp";
        case pg_query::SVFOP_LOCALTIME:
        case pg_query::SVFOP_LOCALTIME_N: return "localtime";
        case pg_query::SVFOP_LOCALTIMESTAMP:
        case pg_query::SVFOP_LOCALTIMESTAMP_N: return "localtimestamp";
        case pg_query::SVFOP_CURRENT_ROLE: return "current_role";
        case pg_query::SVFOP_CURRENT_USER: return "current_user";
        case pg_query::SVFOP_USER: return "user";
        case pg_query::SVFOP_SESSION_USER: return "session_user";
        case pg_query::SVFOP_CURRENT_CATALOG: return "current_catalog";
        case pg_query::SVFOP_CURRENT_SCHEMA: return "current_schema";
        default: return "expr";
      }
    }
    default: return "expr";
  }
}

}  // namespace miglint::catalog
