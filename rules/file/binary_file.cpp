// `binary-file`: findings are made by the parser (analyzer/ast/parse.cpp); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_binary_file() {
  return declared_rule({"binary-file", Severity::Error, "the file is binary, not SQL", "file"});
}

}  // namespace miglint
