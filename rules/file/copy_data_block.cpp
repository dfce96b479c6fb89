// `copy-data-block`: COPY ... FROM stdin data rows, skipped. The lexer finds and
// blanks them (analyzer/ast/lexer.cpp); this file words the finding.
#include <fmt/format.h>

#include "analyzer/ast/file_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"copy-data-block", Severity::Info, "COPY ... FROM stdin data rows, skipped", "file"};

}  // namespace

Diagnostic copy_data_block_finding(const SourceFile& file, size_t begin, size_t end) {
  const auto lines = file.position(end).line - file.position(begin).line + 1;
  return finding(kMeta, file, begin, end,
                 fmt::format("COPY ... FROM stdin data ({} line{}) skipped", lines, lines == 1 ? "" : "s"),
                 "the rows are data, not SQL; only psql can feed them to COPY");
}

std::unique_ptr<Rule> make_copy_data_block() { return declared_rule(kMeta); }

}  // namespace miglint
