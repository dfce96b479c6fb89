// The progress an analysis reports ends complete: every file parsed and
// checked and every migration replayed counted once, whatever the threads.
#include <gtest/gtest.h>

#include "analyzer/engine/runner.h"
#include "tests/temp_folder.h"

using namespace miglint;

TEST(AnalysisProgress, CountsEveryFileAndMigrationOnce) {
  miglint::testing::TempFolder f;
  for (int i = 1; i <= 5; ++i) {
    f.write(std::to_string(i) + "_t" + std::to_string(i) + ".up.sql",
            "CREATE TABLE t" + std::to_string(i) + " (id bigint);\n");
    f.write(std::to_string(i) + "_t" + std::to_string(i) + ".down.sql", "DROP TABLE t" + std::to_string(i) + ";\n");
  }
  for (const unsigned jobs : {1u, 2u, 4u}) {
    AnalysisProgress work;
    AnalysisOptions o;
    o.paths = {f.dir};
    o.jobs = jobs;
    o.progress = &work;
    const auto r = analyze(o);
    EXPECT_EQ(r.migrations, 5u);
    // Five migrations, each read as one work item, then replayed.
    EXPECT_EQ(work.total.load(), 10u) << "jobs " << jobs;
    EXPECT_EQ(work.done.load(), work.total.load()) << "jobs " << jobs;
  }
}
