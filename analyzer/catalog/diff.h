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

// Keys for `skip` below that leave out one part of a table, so that what a
// statement the model could not follow may have changed is not compared
// while the rest of the table still is:
// one column's type;
std::string column_key(const QName& table, std::string_view column);
// everything about one column but whether it exists and where it stands;
std::string column_def_key(const QName& table, std::string_view column);
// one constraint's definition (not whether it exists);
std::string constraint_key(const QName& table, std::string_view constraint);
// the table's indexes (not those that back its constraints).
std::string indexes_key(const QName& table);

// Objects for which `skip(key)` is true are left out (uncertain objects);
// keys are "table:<schema>\x1f<name>", column_key() and the like.
std::vector<Difference> diff(const Slice& before, const Slice& after,
                             const std::function<bool(const std::string&)>& skip = {});

}  // namespace miglint::catalog
