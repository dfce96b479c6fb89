// `unreadable-file`: findings are made by the engine (analyzer/engine/runner.cpp); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_unreadable_file() {
  return declared_rule({"unreadable-file", Severity::Error, "a file or directory that cannot be read", "file"});
}

}  // namespace miglint
