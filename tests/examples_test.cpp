// The bundled examples, run through the built binary like the README does:
// the correct folder passes, each variant fails with the rule it shows.
#include <gtest/gtest.h>

#include "analyzer/migrations/git.h"
#include "tests/fixture_support.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

ProcessResult miglint_check(const std::vector<std::string>& args) {
  std::vector<std::string> argv{MIGLINT_BINARY, "check", "--color", "never"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

}  // namespace

TEST(Examples, CorrectFolderPasses) {
  const fs::path dir = miglint::testing::source_dir() / "examples" / "migrations";
  const auto r = miglint_check({dir.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

struct Variant {
  const char* name;
  std::vector<const char*> rules;
};
void PrintTo(const Variant& v, std::ostream* os) { *os << v.name; }

std::string variant_name(const ::testing::TestParamInfo<Variant>& p) { return p.param.name; }

class ExampleVariant : public ::testing::TestWithParam<Variant> {};

TEST_P(ExampleVariant, FailsWithItsRule) {
  const Variant& v = GetParam();
  const fs::path root = miglint::testing::source_dir() / "examples";
  const fs::path dir = root / "variants" / v.name / "migrations";
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  const auto r = miglint_check({"--config", (root / "miglint.toml").string(), "--format", "gcc", dir.string()});
  if (v.rules.empty()) {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return;
  }
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  for (const char* rule : v.rules)
    EXPECT_NE(r.out.find(std::string("[") + rule + "]"), std::string::npos) << rule << "\n" << r.out << r.err;
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleVariant,
                         ::testing::Values(Variant{"down_forgets_check", {"down-not-inverse"}},
                                           Variant{"drops_protected_index", {"protected-object", "unintended-drop"}},
                                           Variant{"drop_cascade", {"unintended-drop", "protected-object"}},
                                           Variant{"comment_mentions_protected", {}},
                                           Variant{"missing_down", {"missing-down"}},
                                           Variant{"version_collision", {"version-collision"}}),
                         variant_name);
