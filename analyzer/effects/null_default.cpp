#include "analyzer/effects/null_default.h"

#include <array>
#include <string_view>
#include <utility>

namespace miglint::effects {

namespace {

// The display name, without the length, of a type whose length coercion
// turns a null into a stored expression; "" for any other type.
std::string coerced_base(std::string_view type) {
  // (canonical display with a length, what NULL:: shows)
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kTypes{{
      {"character varying(", "character varying"},
      {"character(", "bpchar"},
      {"numeric(", "numeric"},
      {"timestamp(", "timestamp"},
      {"time(", "time"},
      {"bit varying(", "bit varying"},
      {"bit(", "\"bit\""},
      {"interval(", ""},  // interval's length coercion folds a null
  }};
  for (const auto& [prefix, base] : kTypes) {
    if (!type.starts_with(prefix) || base.empty()) continue;
    const size_t close = type.find(')');
    if (close == std::string_view::npos) return "";
    // "timestamp(3) with time zone" keeps what follows the length.
    return std::string(base) + std::string(type.substr(close + 1));
  }
  return "";
}

}  // namespace

bool is_null_default(const pg_query::Node& e) {
  if (e.has_a_const()) return e.a_const().isnull();
  return e.has_type_cast() && e.type_cast().has_arg() && e.type_cast().arg().has_a_const() &&
         e.type_cast().arg().a_const().isnull();
}

std::optional<std::string> stored_null_default(const pg_query::Node& e, const std::string& column_type) {
  const std::string base = coerced_base(column_type);
  if (e.has_type_cast()) {
    // NULL::T is stored as written when T has a length itself, or when the
    // column's length coerces it.
    const std::string cast = catalog::canonical_type(e.type_cast().type_name());
    if (base.empty() && coerced_base(cast).empty()) return std::nullopt;
    return "NULL::" + cast;
  }
  if (base.empty()) return std::nullopt;
  return "NULL::" + base;
}

}  // namespace miglint::effects
