// What `verify` prints besides its findings (which every format writes as
// `check` does): a table of the migrations, the diffs of downs that do not
// restore the schema and the disagreements with the static analysis; in
// JSON, both verdicts per migration.
#pragma once
#include <ostream>

#include <nlohmann/json.hpp>

#include "analyzer/verify/verify.h"

namespace miglint::verify {

void write_summary(std::ostream& out, const VerifyReport& r, bool color);
nlohmann::ordered_json report_json(const VerifyReport& r);

}  // namespace miglint::verify
