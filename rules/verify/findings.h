// The findings `miglint verify` makes from what a real server did. Each
// function is defined in the file of the rule it reports for, which words
// the finding; `verify` finds the fact.
#pragma once
#include <string>
#include <string_view>

#include "analyzer/diag/diagnostic.h"

namespace miglint {

// migration-fails (rules/verify/migration_fails.cpp): PostgreSQL refused a
// statement of the up or the down, with an error no static rule names, or
// the up does not apply again after its down. `half` is "up" or "down".
Diagnostic migration_fails_finding(const Span& span, std::string_view half, std::string_view server,
                                   std::string_view error, bool timed_out);

// access-exclusive-lock (rules/verify/access_exclusive_lock.cpp): the
// statement took ACCESS EXCLUSIVE on a table that existed before the
// migration. `rule` is a static lock rule that flags the same statement,
// reported under its id instead, or empty. `table`: one or several, joined
// by ", ".
Diagnostic access_exclusive_lock_finding(const Span& span, std::string_view rule, std::string_view table,
                                         std::string_view server, double ms);

}  // namespace miglint
