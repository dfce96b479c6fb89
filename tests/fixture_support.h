// Fixture harness shared by the rule fixture suites.
//
// A single-file fixture is testdata/rules/<rule-id>/<case>.sql, analysed alone
// with only <rule-id> selected. Expectations sit under the statement they are
// about:
//   -- expect: rule-id "message substring"      (a finding in the statement above)
//   -- expect: rule-id @12:5                     (a finding starting at 12:5)
// Options go in a header comment: -- fixture: role=down in_transaction=true pg_version=10
// The harness is strict both ways: an unexpected finding fails, a missing one
// fails, and a fixture without expectations must be silent.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"

namespace miglint::testing {

std::filesystem::path source_dir();
std::vector<std::filesystem::path> rule_fixture_files();
// Returns the mismatches (empty when the fixture passes).
std::vector<std::string> run_rule_fixture(const std::filesystem::path& file);

}  // namespace miglint::testing
