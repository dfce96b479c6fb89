// Fixes as text: which of a file's fixes can be applied together, the text
// they make, and the unified diff that shows them (human output, `check
// --fix --diff`).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/source/source_file.h"

namespace miglint {

// The edits of the fixes that touch `path`, in text order, leaving out every
// fix with an edit that overlaps (or inserts at the same place as) an edit
// of a fix taken before it: a fix is applied whole or not at all. Fixes
// with an edit in another file are left out too (each file is fixed on its
// own). `taken`: how many fixes were taken.
std::vector<TextEdit> compatible_edits(const std::vector<const Fix*>& fixes, std::string_view path,
                                       size_t* taken = nullptr);

// `text` with `edits` (in text order, not overlapping) applied.
std::string apply_edits(std::string_view text, const std::vector<TextEdit>& edits);

// A unified diff (`--- a/PATH`, `+++ b/PATH`, hunks with three lines of
// context) of what `edits` (in text order, not overlapping) do to `text`;
// empty when they change nothing. Linear in the text and the edits.
std::string edits_diff(std::string_view path, std::string_view text, const std::vector<TextEdit>& edits);
// The same for a file: only the lines around the edits are read.
std::string edits_diff(std::string_view path, const SourceFile& file, const std::vector<TextEdit>& edits);

// A unified diff of `before` -> `after` (three lines of context), line by
// line (Myers' algorithm). Up to `max_changes` changed lines it is minimal;
// past them the lines between the first and the last difference are shown
// replaced whole, so that the time stays linear. Empty when equal.
std::string unified_diff(std::string_view path, std::string_view before, std::string_view after,
                         size_t max_changes = 1000);

}  // namespace miglint
