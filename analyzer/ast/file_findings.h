// The findings parse_file makes about a file's text. The parser and the lexer
// find the fact (a NUL byte, a psql meta-command, a statement PostgreSQL
// rejects); each function is defined in the file of the rule it reports for
// (rules/file/<id>.cpp, rules/schema/unmodeled_statement.cpp), which words it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/source/source_file.h"

namespace miglint {

// binary-file: NUL bytes in a file that looks binary; it is not analysed.
Diagnostic binary_file_finding(const SourceFile& file, size_t first_nul, size_t nul_count);
// invalid-utf8: invalid byte sequences, or NUL bytes in a text file.
Diagnostic invalid_utf8_finding(const SourceFile& file, size_t first_invalid, size_t invalid_count);
Diagnostic nul_bytes_finding(const SourceFile& file, size_t first_nul, size_t nul_count);
// psql-meta-command: a backslash command the lexer blanked, [begin, end).
Diagnostic psql_meta_command_finding(const SourceFile& file, size_t begin, size_t end);
// copy-data-block: COPY … FROM stdin rows the lexer blanked, [begin, end).
Diagnostic copy_data_block_finding(const SourceFile& file, size_t begin, size_t end);
// syntax-error: PostgreSQL's `message` for the token [at, end) (`token`, its
// text); `statement_end` is where the statement before it ends without `;`
// when the token begins statements.
Diagnostic syntax_error_finding(const SourceFile& file, size_t at, size_t end, std::string message,
                                std::string_view token, std::optional<size_t> statement_end);
// unmodeled-statement: a statement the parser library could not hand over
// (nested too deeply), [begin, end).
Diagnostic statement_not_handed_over_finding(const SourceFile& file, size_t begin, size_t end);

}  // namespace miglint
