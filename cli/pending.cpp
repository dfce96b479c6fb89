#include <iostream>

#include "cli/commands.h"

namespace miglint {

int run_schema(const SchemaOptions&) { throw UsageError("`schema` is not available in this build"); }
int run_lsp() { throw UsageError("`lsp` is not available in this build"); }
int run_sum(const CommonOptions&) { throw UsageError("`sum` is not available in this build"); }

}  // namespace miglint
