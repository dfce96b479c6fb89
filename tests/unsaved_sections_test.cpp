// Goose and dbmate files carry both halves of a migration: when the text
// analysed is not the disk's (an editor buffer, --stdin-filename), the halves
// and the transaction mode come from that text.
#include <gtest/gtest.h>

#include "analyzer/engine/runner.h"
#include "tests/temp_folder.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

// Findings of `rule` when `file` holds `unsaved` in an editor (or on disk: null).
std::vector<Diagnostic> found(const std::string& rule, const fs::path& file, const std::string* unsaved) {
  AnalysisOptions o;
  o.paths = {file};
  if (unsaved) o.overlays[fs::weakly_canonical(file)] = *unsaved;
  std::vector<Diagnostic> out;
  for (auto& d : analyze(o).diagnostics)
    if (d.rule == rule) out.push_back(std::move(d));
  return out;
}

const std::string kGooseDisk = "-- +goose Up\nCREATE TABLE users (id bigint);\n\n-- +goose Down\nDROP TABLE users;\n";
const std::string kGooseEdited =
    "-- +goose Up\nCREATE TABLE users (id bigint);\nCREATE TABLE teams (id bigint);\nCREATE TABLE members (id "
    "bigint);\n\n"
    "-- +goose Down\nDROP TABLE members;\nDROP TABLE teams;\nDROP TABLE users;\n";

}  // namespace

TEST(UnsavedSections, GooseHalvesComeFromTheBuffer) {
  miglint::testing::TempFolder f;
  const auto file = f.write("00001_create.sql", kGooseDisk);
  EXPECT_TRUE(found("down-not-inverse", file, nullptr).empty());
  EXPECT_TRUE(found("down-not-inverse", file, &kGooseEdited).empty());
  EXPECT_TRUE(found("empty-migration", file, &kGooseEdited).empty());
  // A down in the buffer that forgets one table: reported inside the buffer's down.
  std::string forgets = kGooseEdited;
  forgets.erase(forgets.find("DROP TABLE teams;\n"), 18);
  const auto ds = found("down-not-inverse", file, &forgets);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].span.start.line, 7u);
  EXPECT_NE(ds[0].message.find("public.teams"), std::string::npos) << ds[0].message;
}

TEST(UnsavedSections, DbmateHalvesComeFromTheBuffer) {
  miglint::testing::TempFolder f;
  const auto file = f.write("20240101000000_create.sql",
                            "-- migrate:up\nCREATE TABLE users (id bigint);\n\n-- migrate:down\nDROP TABLE users;\n");
  const std::string edited =
      "-- migrate:up\nCREATE TABLE users (id bigint);\nCREATE TABLE teams (id bigint);\n\n"
      "-- migrate:down\nDROP TABLE teams;\nDROP TABLE users;\n";
  EXPECT_TRUE(found("down-not-inverse", file, &edited).empty());
}

TEST(UnsavedSections, TransactionAnnotationOfTheBufferCounts) {
  miglint::testing::TempFolder f;
  const std::string body =
      "-- +goose Up\nCREATE INDEX CONCURRENTLY users_id_idx ON users (id);\n"
      "-- +goose Down\nDROP INDEX CONCURRENTLY users_id_idx;\n";
  f.write("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id bigint);\n-- +goose Down\nDROP TABLE users;\n");
  const auto file = f.write("00002_index.sql", body);
  const std::string rule = "ban-concurrent-index-creation-in-transaction";
  EXPECT_FALSE(found(rule, file, nullptr).empty());  // goose runs it in a transaction
  const std::string no_tx = "-- +goose NO TRANSACTION\n" + body;
  EXPECT_TRUE(found(rule, file, &no_tx).empty());
}
