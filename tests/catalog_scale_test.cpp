// Replay cost grows with the number of migrations, not with their square.
#include <gtest/gtest.h>

#include <chrono>

#include "analyzer/replay/replay.h"

using namespace miglint;

namespace {

double replay_seconds(int n, std::vector<std::unique_ptr<ParsedFile>>& keep) {
  std::vector<catalog::ReplayMigration> migs;
  for (int i = 0; i < n; ++i) {
    const std::string t = "t" + std::to_string(i);
    auto up = std::make_unique<ParsedFile>(parse_file(std::make_shared<SourceFile>(
        "up.sql", "CREATE TABLE " + t +
                      " (id serial PRIMARY KEY, ref int REFERENCES t0 (id), name text UNIQUE);"
                      "CREATE INDEX ON " +
                      t + " (lower(name));")));
    auto down = std::make_unique<ParsedFile>(
        parse_file(std::make_shared<SourceFile>("down.sql", "DROP TABLE " + t + ";")));
    catalog::ReplayMigration m;
    m.version = std::to_string(i);
    m.up = catalog::whole_file_part(*up);
    m.down = catalog::whole_file_part(*down);
    migs.push_back(std::move(m));
    keep.push_back(std::move(up));
    keep.push_back(std::move(down));
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto r = catalog::replay(migs);
  const auto t1 = std::chrono::steady_clock::now();
  EXPECT_TRUE(r.not_inverse.empty());
  EXPECT_EQ(r.catalog.tables().size(), static_cast<size_t>(n));
  return std::chrono::duration<double>(t1 - t0).count();
}

}  // namespace

TEST(CatalogScale, ReplayIsLinear) {
  std::vector<std::unique_ptr<ParsedFile>> keep;
  // Table t0 references itself first so every later table can reference it.
  const double small = replay_seconds(1000, keep);
  const double large = replay_seconds(4000, keep);
  std::cout << "replay 1000 migrations: " << small << " s, 4000: " << large << " s\n";
  // 4x the migrations must cost well under 16x (quadratic) the time.
  EXPECT_LT(large, small * 8 + 0.05);
}
