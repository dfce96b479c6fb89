// `invalid-utf8`: the file is not valid UTF-8 or contains NUL bytes. The lexer
// finds the bytes (analyzer/ast/lexer.cpp) and this file words the findings.
#include <fmt/format.h>

#include "analyzer/ast/file_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"invalid-utf8", Severity::Error, "the file is not valid UTF-8 or contains NUL bytes", "file"};

}  // namespace

Diagnostic invalid_utf8_finding(const SourceFile& file, size_t first_invalid, size_t invalid_count) {
  return finding(kMeta, file, first_invalid, first_invalid + 1,
                 fmt::format("file is not valid UTF-8 ({} invalid byte{}, first at byte {})", invalid_count,
                             invalid_count == 1 ? "" : "s", first_invalid),
                 "PostgreSQL rejects invalid byte sequences for encoding UTF8; re-encode the file as UTF-8. "
                 "It was analysed with the bad bytes replaced");
}

Diagnostic nul_bytes_finding(const SourceFile& file, size_t first_nul, size_t nul_count) {
  return finding(kMeta, file, first_nul, first_nul + 1,
                 fmt::format("file contains {} NUL byte{}", nul_count, nul_count == 1 ? "" : "s"),
                 "PostgreSQL cannot accept NUL bytes in SQL text; they were ignored");
}

std::unique_ptr<Rule> make_invalid_utf8() { return declared_rule(kMeta); }

}  // namespace miglint
