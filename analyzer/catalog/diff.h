// Differences between two catalog states, in the model's own semantics.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/catalog/catalog.h"

namespace miglint::catalog {

struct Difference {
  ObjectRef object;      // the object that differs (for columns/constraints: the table + member)
  std::string property;  // "exists", "type", "not null", "default", "column order", "definition", ...
  std::string before;    // human-readable, types canonical, expressions deparsed
  std::string after;
  std::string str() const;  // "column x on public.t: type integer → bigint"
};

// The key of one column for `skip` below: only that column's type is left out.
std::string column_key(const QName& table, std::string_view column);

// Objects for which `skip(key)` is true are left out (uncertain objects);
// keys are "table:<schema>\x1f<name>", column_key() and the like.
std::vector<Difference> diff(const Slice& before, const Slice& after,
                             const std::function<bool(const std::string&)>& skip = {});

}  // namespace miglint::catalog
