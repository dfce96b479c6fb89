#include "analyzer/ast/pg_convert.h"

#include "analyzer/ast/pg_convert_impl.h"

#include <google/protobuf/arena.h>

extern "C" {
#include "pg_query.h"
#include "pg_query_internal.h"

// pg_deparse.c: PostgreSQL's error handling (longjmp) stays in C. `build`
// runs inside its PG_TRY: a palloc that fails while building the nodes is
// caught like a deparser error.
using miglint_build_fn = RawStmt* (*)(void* arg);
char* miglint_deparse_raw_stmt(miglint_build_fn build, void* arg, MemoryContext context);
}

#include <cstdlib>

namespace miglint::pgconvert {

namespace {
// Past this many nested nodes the protobuf path decides: it refuses trees
// nested more deeply than about twice as many messages ("too deeply to
// serialize"), and what it refuses is not to be analysed either.
constexpr int kMaxDepth = 3000;

// libpg_query's parse result and memory context, released in order.
class RawParse {
 public:
  explicit RawParse(const char* sql) : context_(pg_query_enter_memory_context()) {
    parsed_ = pg_query_raw_parse(sql, 0);
  }
  ~RawParse() {
    if (parsed_.error) pg_query_free_error(parsed_.error);
    std::free(parsed_.stderr_buffer);
    pg_query_exit_memory_context(context_);
  }
  RawParse(const RawParse&) = delete;
  RawParse& operator=(const RawParse&) = delete;
  const PgQueryInternalParsetreeAndError& get() const { return parsed_; }

 private:
  MemoryContext context_;
  PgQueryInternalParsetreeAndError parsed_{};
};
}  // namespace

bool node(pg_query::Node* out, const void* in, Cx& cx) {
  if (++cx.depth > kMaxDepth) return false;
  const bool ok = node_body(out, static_cast<const ::Node*>(in), cx);
  --cx.depth;
  return ok;
}

bool nodes(google::protobuf::RepeatedPtrField<pg_query::Node>* out, const ::List* in, Cx& cx) {
  if (!in) return true;
  if (in->type != T_List) return false;  // integer and OID lists: only in analysed trees
  out->Reserve(in->length);
  for (int i = 0; i < in->length; ++i) {
    pg_query::Node* item = out->Add();
    if (const void* p = in->elements[i].ptr_value; p && !node(item, p, cx)) return false;
  }
  return true;
}

bool special(pg_query::List* out, const ::Node* in, Cx& cx) {
  return nodes(out->mutable_items(), reinterpret_cast<const ::List*>(in), cx);
}

bool special(pg_query::IntList*, const ::Node*, Cx&) { return false; }
bool special(pg_query::OidList*, const ::Node*, Cx&) { return false; }

bool special(pg_query::A_Const* out, const ::Node* in, Cx& cx) {
  const auto* c = reinterpret_cast<const ::A_Const*>(in);
  out->set_location(c->location);
  if (c->isnull) {
    out->set_isnull(true);
    return true;
  }
  switch (nodeTag(&c->val)) {
    case T_Integer: return conv(out->mutable_ival(), &c->val.ival, cx);
    case T_Float: return conv(out->mutable_fval(), &c->val.fval, cx);
    case T_Boolean: return conv(out->mutable_boolval(), &c->val.boolval, cx);
    case T_String: return conv(out->mutable_sval(), &c->val.sval, cx);
    case T_BitString: return conv(out->mutable_bsval(), &c->val.bsval, cx);
    default: return false;
  }
}

::Node* back_node(const pg_query::Node& in, Cx& cx) {
  if (cx.failed || ++cx.depth > kMaxDepth) {
    cx.failed = true;
    return nullptr;
  }
  ::Node* n = back_body(in, cx);
  --cx.depth;
  return n;
}

::Node* back_special(const pg_query::List& in, Cx& cx) {
  ::List* list = NIL;
  for (const auto& item : in.items()) list = lappend(list, back_node(item, cx));
  return reinterpret_cast<::Node*>(list);
}

::Node* back_special(const pg_query::IntList&, Cx& cx) {
  cx.failed = true;  // libpg_query's reader does not take them either
  return nullptr;
}

::Node* back_special(const pg_query::OidList&, Cx& cx) {
  cx.failed = true;
  return nullptr;
}

::Node* back_special(const pg_query::A_Const& in, Cx& cx) {
  // makeNode's cast, without the alignment warning it gives in C++.
  auto* c = static_cast<::A_Const*>(static_cast<void*>(newNode(sizeof(::A_Const), T_A_Const)));
  c->location = in.location();
  if (in.isnull()) {
    c->isnull = true;
    return reinterpret_cast<::Node*>(c);
  }
  switch (in.val_case()) {
    case pg_query::A_Const::kIval: c->val.ival = *makeInteger(in.ival().ival()); break;
    case pg_query::A_Const::kFval: c->val.fval = *back(in.fval(), cx); break;
    case pg_query::A_Const::kBoolval: c->val.boolval = *makeBoolean(in.boolval().boolval()); break;
    case pg_query::A_Const::kSval: c->val.sval = *back(in.sval(), cx); break;
    case pg_query::A_Const::kBsval: c->val.bsval = *back(in.bsval(), cx); break;
    case pg_query::A_Const::VAL_NOT_SET: break;
  }
  return reinterpret_cast<::Node*>(c);
}

::String* back(const pg_query::String& in, Cx&) { return makeString(pstrdup(in.sval().c_str())); }
::Float* back(const pg_query::Float& in, Cx&) { return makeFloat(pstrdup(in.fval().c_str())); }
::BitString* back(const pg_query::BitString& in, Cx&) { return makeBitString(pstrdup(in.bsval().c_str())); }

namespace {
struct Build {
  const pg_query::RawStmt* stmt;
  Cx cx;
};

// Called from C inside PG_TRY. A failed palloc jumps out of these frames,
// which hold nothing with a destructor.
extern "C" RawStmt* build_raw_stmt(void* arg) {
  auto* b = static_cast<Build*>(arg);
  ::RawStmt* raw = back(*b->stmt, b->cx);
  return b->cx.failed ? nullptr : raw;  // an incomplete tree is not deparsed
}
}  // namespace

std::optional<std::string> deparse(const pg_query::RawStmt& stmt) {
  const MemoryContext context = pg_query_enter_memory_context();
  Build b{&stmt, {}};
  char* out = miglint_deparse_raw_stmt(build_raw_stmt, &b, context);
  pg_query_exit_memory_context(context);
  if (b.cx.failed) {  // a node the converter does not know
    std::free(out);
    return std::nullopt;
  }
  std::string text = out ? std::string(out) : std::string();
  std::free(out);
  return text;
}

Result parse(const char* sql, google::protobuf::Arena& arena) {
  Result r;
  const RawParse raw(sql);
  if (const PgQueryError* e = raw.get().error) {
    r.status = Result::Status::SyntaxError;
    r.message = e->message ? e->message : "syntax error";
    r.cursorpos = e->cursorpos;
    return r;
  }
  auto* tree = google::protobuf::Arena::CreateMessage<pg_query::ParseResult>(&arena);
  tree->set_version(PG_VERSION_NUM);
  Cx cx;
  if (const ::List* stmts = raw.get().tree) {
    tree->mutable_stmts()->Reserve(stmts->length);
    for (int i = 0; i < stmts->length; ++i) {
      const auto* stmt = static_cast<const ::RawStmt*>(stmts->elements[i].ptr_value);
      if (!stmt || nodeTag(stmt) != T_RawStmt || !conv(tree->add_stmts(), stmt, cx)) return r;  // Unsupported
    }
  }
  r.status = Result::Status::Tree;
  r.tree = tree;
  return r;
}

}  // namespace miglint::pgconvert
