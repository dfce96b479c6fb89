// Spans for folder-level findings: a file's start, or where a section begins.
#pragma once
#include <filesystem>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/migrations/migration.h"

namespace miglint {

// Line 1, column 1 of the file (or folder), path through display_path.
Span file_start_span(const std::filesystem::path& p);
// The same for a path as text (a migration's files): no path object built.
Span file_start_span(const std::string& p);
// A whole file: its start; a section of one: the position of its first byte.
Span section_span(const Section& s);

}  // namespace miglint
