// parse_file gives large files to libpg_query in two halves, split at a
// top-level semicolon near the middle and parsed at once on two threads
// (the language server re-parses the edited buffer on every change). The
// statements, their byte ranges and every AST location (relative to the
// statement's base) are those of the whole-file parse; on any error the
// whole file is parsed as before.
#pragma once
#include <cstddef>

namespace miglint {

// Files of at least this many bytes are split (0: never). For tests.
void set_split_parse_min_bytes(size_t bytes);

}  // namespace miglint
