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
//
// apply_sql() applies inline SQL to a schema model, for the model's suites.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/effects/apply.h"

namespace miglint::testing {

std::filesystem::path source_dir();
std::vector<std::filesystem::path> rule_fixture_files();
// Returns the mismatches (empty when the fixture passes).
std::vector<std::string> run_rule_fixture(const std::filesystem::path& file);

// What applying some statements to a model reported and did.
struct Applied {
  std::vector<effects::Issue> issues;  // unmodeled-statement ones included
  std::vector<effects::Effect> effects;
  bool has(std::string_view rule) const {
    for (const auto& i : issues)
      if (i.rule == rule) return true;
    return false;
  }
  // "rule: message" per issue, unmodeled-statement ones left out.
  std::string rules() const {
    std::string s;
    for (const auto& i : issues)
      if (i.rule != "unmodeled-statement") s += i.rule + ": " + i.message + "\n";
    return s;
  }
  std::vector<std::string> unmodeled() const {
    std::vector<std::string> out;
    for (const auto& i : issues)
      if (i.rule == "unmodeled-statement") out.push_back(i.message);
    return out;
  }
};

// Parses `sql` (it must parse) and applies its statements to `c` in order.
inline Applied apply_sql(catalog::Catalog& c, const std::string& sql) {
  auto pf = parse_file(std::make_shared<SourceFile>("t.sql", sql));
  EXPECT_TRUE(pf.diagnostics.empty()) << sql;
  Applied a;
  for (const auto& s : pf.statements) {
    auto r = effects::apply_statement(c, pf, s);
    a.issues.insert(a.issues.end(), r.issues.begin(), r.issues.end());
    a.effects.insert(a.effects.end(), r.effects.begin(), r.effects.end());
  }
  return a;
}

}  // namespace miglint::testing
