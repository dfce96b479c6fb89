// parse_file gives large files to libpg_query in parts (two at least, of
// ~256 KiB), split at top-level semicolons and parsed on two threads at once
// (the language server re-parses the edited buffer on every change), each
// part's trees in an arena of its own (the replay frees a huge file's trees
// part by part). The
// statements, their byte ranges and every AST location (relative to the
// statement's base) are those of the whole-file parse; on any error the
// whole file is parsed as before.
#pragma once
#include <cstddef>

namespace miglint {

// Files of at least this many bytes are split (0: never). For tests.
void set_split_parse_min_bytes(size_t bytes);
// The size of a part, roughly (default 256 KiB). For tests.
void set_split_parse_part_bytes(size_t bytes);

}  // namespace miglint
