// Folder fixtures for protected-object and unintended-drop
// (testdata/intent/<case>/: migrations/, optional miglint.toml, expected.txt
// with one `relative/path:line rule` per expected finding). Strict both ways
// for those two rules. Also: the real corpus folders without any protect
// config, where unintended-drop may only fire for migrations that declare an
// intent.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "analyzer/config/config.h"
#include "analyzer/replay/summary.h"
#include "analyzer/replay/replay.h"
#include "analyzer/engine/runner.h"
#include "tests/fixture_support.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

fs::path intent_dir() { return miglint::testing::source_dir() / "testdata" / "intent"; }

std::vector<std::string> cases() {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(intent_dir(), ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory()) out.push_back(it->path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool ours(const Diagnostic& d) { return d.rule == "protected-object" || d.rule == "unintended-drop"; }

AnalysisResult run(const fs::path& dir, const Config& config, bool keep_effects = true) {
  AnalysisOptions o;
  o.paths = {dir};
  o.config = config;
  o.jobs = 2;
  o.keep_effects = keep_effects;
  return analyze(o);
}

std::string describe(const Findings& ds) {
  std::string s;
  for (const auto& d : ds)
    if (ours(d)) s += d.span.path + ":" + std::to_string(d.span.start.line) + " " + d.rule + ": " + d.message + "\n";
  return s;
}

}  // namespace

class IntentFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(IntentFixture, FindingsMatchExpected) {
  const fs::path dir = intent_dir() / GetParam();
  Config config;
  if (fs::exists(dir / "miglint.toml")) config = load_config(dir / "miglint.toml");
  const auto result = run(dir / "migrations", config);
  std::vector<std::string> got;
  for (const auto& d : result.diagnostics) {
    if (!ours(d)) continue;
    std::error_code ec;
    const fs::path rel = fs::relative(fs::absolute(d.span.path.str()), fs::absolute(dir), ec);
    got.push_back(rel.generic_string() + ":" + std::to_string(d.span.start.line) + " " + d.rule);
  }
  std::vector<std::string> want;
  std::ifstream in(dir / "expected.txt");
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') want.push_back(line);
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want) << describe(result.diagnostics);
}

// The folder rules walk each migration as the replay applies it; dropping
// the effects after that walk (what `check` does) changes no finding.
TEST_P(IntentFixture, SameFindingsWithoutKeepingEffects) {
  const fs::path dir = intent_dir() / GetParam();
  Config config;
  if (fs::exists(dir / "miglint.toml")) config = load_config(dir / "miglint.toml");
  const auto kept = run(dir / "migrations", config, true);
  const auto dropped = run(dir / "migrations", config, false);
  ASSERT_EQ(dropped.folders.size(), 1u);
  ASSERT_TRUE(dropped.folders[0].replay);
  EXPECT_TRUE(dropped.folders[0].replay->effects.empty());
  ASSERT_TRUE(kept.folders[0].replay);
  EXPECT_FALSE(kept.folders[0].replay->effects.empty());
  EXPECT_EQ(describe(kept.diagnostics), describe(dropped.diagnostics));
  EXPECT_EQ(kept.diagnostics.size(), dropped.diagnostics.size());
}

std::string case_name(const ::testing::TestParamInfo<std::string>& p) { return p.param; }
INSTANTIATE_TEST_SUITE_P(Intent, IntentFixture, ::testing::ValuesIn(cases()), case_name);

TEST(Intent, MessagesSayHowAndWhy) {
  const fs::path dir = intent_dir() / "protect_drop_table_cascade";
  const auto result = run(dir / "migrations", load_config(dir / "miglint.toml"));
  bool index = false;
  for (const auto& d : result.diagnostics)
    if (d.rule == "protected-object" && d.message.find("index idx_ws_digest") != std::string::npos) {
      index = true;
      EXPECT_NE(d.message.find("dropping table ws also drops index idx_ws_digest"), std::string::npos) << d.message;
      EXPECT_NE(d.message.find("care zone"), std::string::npos) << d.message;
      ASSERT_FALSE(d.notes.empty());
      EXPECT_NE(d.notes[0].span.path.str().find("miglint.toml"), std::string::npos);
    }
  EXPECT_TRUE(index) << describe(result.diagnostics);

  const fs::path cas = intent_dir() / "intent_cascade_dependents";
  const auto r2 = run(cas / "migrations", {});
  bool view = false;
  for (const auto& d : r2.diagnostics)
    if (d.rule == "unintended-drop" && d.message.find("view active_ws") != std::string::npos) {
      view = true;
      EXPECT_NE(d.message.find("dropping table ws CASCADE also drops view active_ws, which the intent (drop table "
                               "ws) does not name"),
                std::string::npos)
          << d.message;
      ASSERT_FALSE(d.notes.empty());
      EXPECT_EQ(d.notes[0].message, "intent declared here");
    }
  EXPECT_TRUE(view) << describe(r2.diagnostics);

  const fs::path inf = intent_dir() / "intent_name_inference";
  const auto r3 = run(inf / "migrations", {});
  bool inferred = false;
  for (const auto& d : r3.diagnostics)
    if (d.rule == "unintended-drop") {
      inferred = true;
      ASSERT_FALSE(d.notes.empty());
      EXPECT_NE(d.notes[0].message.find("inferred from the migration name `drop_pins`"), std::string::npos);
    }
  EXPECT_TRUE(inferred);
}

TEST(Intent, NamedObjectsAnswerWhatPatternsMatch) {
  using catalog::ObjectKind;
  const auto effect = [](effects::Action a, ObjectKind k, std::string schema, std::string name,
                         std::string member = {}) {
    effects::Effect e;
    e.action = a;
    e.object.kind = k;
    e.object.name = {std::move(schema), std::move(name)};
    e.object.member = std::move(member);
    return e;
  };
  const auto pattern = [](std::string_view kind, std::string_view name) {
    std::string error;
    auto p = effects::parse_pattern(kind, name, &error);
    EXPECT_TRUE(p) << error;
    return *p;
  };
  effects::NamedObjects named;
  named.add(effect(effects::Action::Created, ObjectKind::Table, "public", "users"));
  named.add(effect(effects::Action::Created, ObjectKind::Column, "app", "users", "email"));
  named.add(effect(effects::Action::Created, ObjectKind::MaterializedView, "public", "stats"));
  auto renamed = effect(effects::Action::Renamed, ObjectKind::Index, "public", "old_idx");
  renamed.links().new_name = "new_idx";
  named.add(renamed);
  // Many more, so that both the sorted part and the tail are searched.
  for (int i = 0; i < 10000; ++i)
    named.add(effect(effects::Action::Created, ObjectKind::Table, "public", "t" + std::to_string(i)));
  named.add(effect(effects::Action::Dropped, ObjectKind::Schema, "audit", ""));

  EXPECT_TRUE(named.any(pattern("table", "users")));
  EXPECT_TRUE(named.any(pattern("table", "public.users")));
  EXPECT_FALSE(named.any(pattern("table", "app.users")));
  EXPECT_TRUE(named.any(pattern("column", "users.email")));
  EXPECT_TRUE(named.any(pattern("column", "app.users.email")));
  EXPECT_FALSE(named.any(pattern("column", "public.users.email")));
  EXPECT_FALSE(named.any(pattern("column", "users.name")));
  EXPECT_TRUE(named.any(pattern("view", "stats")));
  EXPECT_TRUE(named.any(pattern("materialized view", "stats")));
  EXPECT_TRUE(named.any(pattern("index", "old_idx")));
  EXPECT_TRUE(named.any(pattern("index", "new_idx")));
  EXPECT_FALSE(named.any(pattern("index", "users")));
  EXPECT_TRUE(named.any(pattern("table", "t0")));
  EXPECT_TRUE(named.any(pattern("table", "t9999")));
  EXPECT_FALSE(named.any(pattern("table", "t10000")));
  EXPECT_TRUE(named.any(pattern("schema", "audit")));
  EXPECT_FALSE(named.any(pattern("schema", "users")));

  EXPECT_TRUE(effects::names(pattern("index", "new_idx"), renamed));
  EXPECT_TRUE(effects::names(pattern("index", "old_idx"), renamed));
  EXPECT_FALSE(effects::names(pattern("index", "other"), renamed));
}

TEST(Intent, EffectSummaries) {
  const fs::path dir = miglint::testing::source_dir() / "examples" / "migrations";
  const auto result = run(dir, {});
  ASSERT_EQ(result.folders.size(), 1u);
  ASSERT_TRUE(result.folders[0].replay);
  const auto ms = effects::migration_effects(*result.folders[0].replay);
  std::map<std::string, std::string> by_version;
  for (const auto& m : ms) by_version[m.version] = m.summary;
  EXPECT_EQ(by_version["20260520120000"], "drops table runtime_image_pins; touches nothing else");
  EXPECT_EQ(by_version["20260310080000"], "alters table workspaces (adds column description); touches nothing else");
  EXPECT_EQ(by_version["20260105090000"], "creates table workspaces, index idx_workspaces_runtime_image_digest");
}

// The corpus without protect config: unintended-drop only where a migration
// declares an intent (directive or drop_/remove_ name).
TEST(IntentCorpus, FiresOnlyWithDeclaredIntent) {
  const fs::path corpus = "/work/shared/corpus";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "no corpus";
  size_t folders = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    const fs::path dir = entry.path() / "migrations";
    if (!fs::is_directory(dir)) continue;
    ++folders;
    const auto result = run(dir, {});
    for (const auto& d : result.diagnostics) {
      EXPECT_NE(d.rule, "protected-object") << d.span.path;
      if (d.rule != "unintended-drop") continue;
      // The migration's name: the file name, or its folder's (diesel up.sql).
      std::string name = fs::path(d.span.path.str()).lexically_relative(dir).string();
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      std::ifstream in(d.span.path);
      std::stringstream ss;
      ss << in.rdbuf();
      const bool declared = name.find("drop") != std::string::npos || name.find("remove") != std::string::npos ||
                            ss.str().find("miglint:intent") != std::string::npos;
      EXPECT_TRUE(declared) << d.span.path << ": " << d.message;
    }
  }
  if (folders == 0) GTEST_SKIP() << "no corpus folders";
}
