// `syntax-error`: a statement PostgreSQL rejects. The parser
// (analyzer/ast/parse.cpp) parses statement by statement after a failure and
// asks this file to word each rejection.
#include <fmt/format.h>
#include <pg_query.h>

#include "analyzer/ast/file_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"syntax-error", Severity::Error,
                     "a statement PostgreSQL rejects (miglint parses with the grammar of PostgreSQL " PG_MAJORVERSION
                     ")",
                     "file"};

}  // namespace

Diagnostic syntax_error_finding(const SourceFile& file, size_t at, size_t end, std::string message,
                                std::string_view token, std::optional<size_t> statement_end) {
  Diagnostic d = finding(kMeta, file, at, end, std::move(message),
                         "PostgreSQL " PG_MAJORVERSION
                         " rejects this statement; the rest of the file is still analysed");
  if (statement_end) {
    const auto line = file.position(*statement_end).line;
    d.help = fmt::format(
        "if `{}` begins a new statement, end the previous one with `;` (line {}): PostgreSQL " PG_MAJORVERSION
        " reads both as one statement and rejects it; the rest of the file is still analysed",
        token, line);
    d.notes.push_back(
        {make_span(file, *statement_end - 1, *statement_end), "the statement before it ends here without `;`"});
  }
  return d;
}

std::unique_ptr<Rule> make_syntax_error() { return declared_rule(kMeta); }

}  // namespace miglint
