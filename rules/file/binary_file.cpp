// `binary-file`: the file is binary, not SQL. The parser finds the NUL bytes
// (analyzer/ast/lexer.cpp) and asks this file to word the finding.
#include <fmt/format.h>

#include "analyzer/ast/file_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"binary-file", Severity::Error, "the file is binary, not SQL", "file"};

}  // namespace

Diagnostic binary_file_finding(const SourceFile& file, size_t first_nul, size_t nul_count) {
  return finding(kMeta, file, first_nul, first_nul + 1,
                 fmt::format("file is binary ({} NUL bytes); it was not analysed", nul_count),
                 "migration files must be text; check that this file belongs in the folder");
}

std::unique_ptr<Rule> make_binary_file() { return declared_rule(kMeta); }

}  // namespace miglint
