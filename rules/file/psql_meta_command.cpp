// `psql-meta-command`: a psql backslash command, skipped. The lexer finds and
// blanks it (analyzer/ast/lexer.cpp); this file words the finding.
#include <fmt/format.h>

#include "analyzer/ast/file_findings.h"
#include "analyzer/engine/registry.h"
#include "analyzer/source/strings.h"
#include "rules/support/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"psql-meta-command", Severity::Info, "a psql backslash command, skipped", "file"};

}  // namespace

Diagnostic psql_meta_command_finding(const SourceFile& file, size_t begin, size_t end) {
  const std::string_view cmd = std::string_view(file.text()).substr(begin, end - begin);
  return finding(kMeta, file, begin, end, fmt::format("psql meta-command `{}` skipped", trim_right(cmd)),
                 "only psql runs backslash commands; other migration runners send them to the server, which "
                 "rejects them");
}

std::unique_ptr<Rule> make_psql_meta_command() { return declared_rule(kMeta); }

}  // namespace miglint
