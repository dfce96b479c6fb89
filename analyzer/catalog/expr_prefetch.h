// The replay of a large migration spends much of its time on expressions
// (CHECK, DEFAULT, index expressions): deparsing, normalising, finding the
// columns they use. That mostly depends on the expression alone, so another
// thread can do it while the replay runs. Both go through the expressions
// in order, and each claims an expression before working on it (the replay
// does one the other thread is still on itself rather than wait).
#pragma once
#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/catalog/expr.h"

namespace pg_query {
class Node;
}

namespace miglint::catalog {

class ExprPrefetch {
 public:
  // The expressions of these statements that the replay deparses.
  explicit ExprPrefetch(const std::vector<const Statement*>& statements);
  bool empty() const { return nodes_.empty(); }
  // Prepares every expression nobody has claimed yet, in order.
  void run();

  struct Text {
    bool deep = false;                 // nested beyond kMaxExprDepth: nothing below is set
    std::string text;                  // deparse_expr
    std::string canon;                 // Expr::canon, normalised without an ExprContext
    bool canon_typed = false;          // it has constants, whose form depends on the column type
    bool canon_any_ctx = false;        // no sequence name was resolved
    std::vector<std::string> columns;  // column_refs
    // Is `canon` what make_expr computes in ctx?
    bool canon_for(const ExprContext& ctx) const;
  };
  // What was prepared for n (computed now unless already done; into
  // `scratch` while the other thread is on it), or null when n is not one
  // of the expressions.
  const Text* claim(const pg_query::Node* n, Text& scratch);

 private:
  struct Slot {
    std::atomic<int> state{0};  // 0 unclaimed, 1 being deparsed, 2 done
    Text text;
  };
  void compute(size_t i);
  static void fill(const pg_query::Node& n, Text& t);
  std::vector<const pg_query::Node*> nodes_;
  std::unordered_map<const pg_query::Node*, size_t> index_;
  std::unique_ptr<Slot[]> slots_;
};

// make_expr on this thread takes texts from `p` while this lives.
class UseExprPrefetch {
 public:
  explicit UseExprPrefetch(ExprPrefetch* p);
  ~UseExprPrefetch();
  UseExprPrefetch(const UseExprPrefetch&) = delete;
  UseExprPrefetch& operator=(const UseExprPrefetch&) = delete;

 private:
  ExprPrefetch* previous_;
};

}  // namespace miglint::catalog
