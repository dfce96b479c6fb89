// `invalid-utf8`: findings are made by the parser (analyzer/ast/parse.cpp); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_invalid_utf8() {
  return declared_rule({"invalid-utf8", Severity::Error, "the file is not valid UTF-8 or contains NUL bytes", "file"});
}

}  // namespace miglint
