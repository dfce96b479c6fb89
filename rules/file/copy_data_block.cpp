// `copy-data-block`: findings are made by the parser (analyzer/ast/parse.cpp); this file
// registers the rule so selection, severities, docs and suppressions know it.
#include "analyzer/engine/registry.h"

namespace miglint {

std::unique_ptr<Rule> make_copy_data_block() {
  return declared_rule({"copy-data-block", Severity::Info, "COPY ... FROM stdin data rows, skipped", "file"});
}

}  // namespace miglint
