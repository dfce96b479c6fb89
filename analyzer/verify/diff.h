// Unified diffs of two schema dumps (libdtl), for a down that does not
// restore the schema.
#pragma once
#include <string>
#include <string_view>

namespace miglint::verify {

// `--- from` / `+++ to` and the hunks with three lines of context; empty
// when the texts are equal.
std::string unified_diff(const std::string& a, const std::string& b, std::string_view from, std::string_view to);
// "2 lines only before, 1 line only after", from a unified diff.
std::string diff_summary(const std::string& diff);

}  // namespace miglint::verify
