// A foreign key's referential action as SQL writes it, from the letter
// pg_constraint (and the model) keeps: the one spelling the schema script,
// the down-check messages and the model's constraint texts share.
#pragma once
#include <string_view>

namespace miglint::catalog {

// "" for NO ACTION ('a'), the default, which is not written.
inline std::string_view fk_action_sql(char action) {
  switch (action) {
    case 'r': return "RESTRICT";
    case 'c': return "CASCADE";
    case 'n': return "SET NULL";
    case 'd': return "SET DEFAULT";
    default: return "";
  }
}

}  // namespace miglint::catalog
