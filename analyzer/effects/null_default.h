// DEFAULT NULL as PostgreSQL stores it. A null constant is not stored (the
// column has no default), but on a column whose type has a length or
// precision (varchar(n), char(n), numeric(p,s), timestamp(p), time(p),
// bit(n), and arrays of them) the null goes through the type's length
// coercion, is no longer a constant, and is stored: pg_dump then prints
// `DEFAULT NULL::character varying`.
#pragma once
#include <optional>
#include <string>

#include "analyzer/catalog/expr.h"

namespace miglint::effects {

// Whether `e` is NULL or NULL::type.
bool is_null_default(const pg_query::Node& e);

// The default PostgreSQL stores for the null default `e` on a column of type
// `column_type`, as SQL (`NULL::character varying`); nullopt: none.
std::optional<std::string> stored_null_default(const pg_query::Node& e, const std::string& column_type);

}  // namespace miglint::effects
