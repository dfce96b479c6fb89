// down-not-inverse lists a few differences in its message and gives each of
// many its own note, so that no difference is lost and no line runs on.
#include <gtest/gtest.h>

#include "analyzer/engine/runner.h"
#include "tests/temp_folder.h"

using namespace miglint;

namespace {

// down-not-inverse findings of the folder.
std::vector<Diagnostic> down_not_inverse(const miglint::testing::TempFolder& f) {
  AnalysisOptions o;
  o.paths = {f.dir};
  std::vector<Diagnostic> out;
  for (auto& d : analyze(o).diagnostics)
    if (d.rule == "down-not-inverse") out.push_back(std::move(d));
  return out;
}

// Migration 1 runs `create` (its down: `drop`); migration 2 runs `up`, whose
// down is `down`. The down-not-inverse findings of that folder.
std::vector<Diagnostic> second_down(const std::string& create, const std::string& up, const std::string& down,
                                    const std::string& drop = "DROP TABLE t;\n") {
  miglint::testing::TempFolder f;
  f.write("1_create.up.sql", create);
  f.write("1_create.down.sql", drop);
  f.write("2_change.up.sql", up);
  f.write("2_change.down.sql", down);
  return down_not_inverse(f);
}

}  // namespace

TEST(DownNotInverseNotes, FewDifferencesAreListedInTheMessage) {
  const auto ds = second_down("CREATE TABLE t (id bigint);\n", "ALTER TABLE t ADD COLUMN b integer;\n", "SELECT 1;\n");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].message, "down does not restore the schema: column b on public.t: extra (integer)");
  ASSERT_EQ(ds[0].notes.size(), 1u);
  EXPECT_EQ(ds[0].notes[0].message, "the up migration created column b on public.t here");
  EXPECT_TRUE(ds[0].notes[0].span.path.ends_with("2_change.up.sql"));
}

TEST(DownNotInverseNotes, ManyDifferencesGetOneNoteEach) {
  miglint::testing::TempFolder f;
  f.write("1_create.up.sql",
          "CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN b integer;\nALTER TABLE t ADD COLUMN c text;\n"
          "ALTER TABLE t ADD COLUMN d date;\nCREATE INDEX t_b_idx ON t (b);\n");
  f.write("1_create.down.sql", "DROP TABLE t;\n");
  f.write("2_more.up.sql",
          "ALTER TABLE t ADD COLUMN e integer, ADD COLUMN g integer;\nDROP INDEX t_b_idx;\n"
          "CREATE INDEX t_e_idx ON t (e);\nALTER TABLE t DROP COLUMN d;\n");
  f.write("2_more.down.sql", "CREATE INDEX t_other_idx ON t (c);\n");
  const auto ds = down_not_inverse(f);
  ASSERT_EQ(ds.size(), 1u);
  const Diagnostic& d = ds[0];
  const std::string head = "down does not restore the schema: ";
  ASSERT_TRUE(d.message.starts_with(head)) << d.message;
  const size_t n = std::stoul(d.message.substr(head.size()));
  EXPECT_GT(n, 3u) << d.message;
  EXPECT_NE(d.message.find(" differences, one note each; the first: "), std::string::npos) << d.message;
  ASSERT_EQ(d.notes.size(), n);
  size_t from_up = 0, at_down = 0;
  for (const auto& note : d.notes) {
    if (note.span.path.ends_with("2_more.up.sql")) {
      ++from_up;
      EXPECT_NE(note.message.find("; the up migration "), std::string::npos) << note.message;
    } else {
      // Made by the down alone: anchored at the finding.
      ++at_down;
      EXPECT_EQ(note.span.path, d.span.path);
      EXPECT_NE(note.message.find("t_other_idx"), std::string::npos) << note.message;
    }
  }
  EXPECT_GE(from_up, 4u);  // columns e, g and d, indexes t_b_idx and t_e_idx
  EXPECT_EQ(at_down, 1u);
}

// A down that re-adds a constraint differently: both sides of the difference
// are written in full, so they never read the same.
TEST(DownNotInverseNotes, ConstraintDifferencesShowWhatDiffers) {
  struct Case {
    std::string create, readd, before, after;
  };
  const std::vector<Case> cases = {
      {"CONSTRAINT k CHECK (id > 0) NO INHERIT", "CONSTRAINT k CHECK (id > 0)", "NO INHERIT", ""},
      {"CONSTRAINT k UNIQUE NULLS NOT DISTINCT (id)", "CONSTRAINT k UNIQUE (id)", "UNIQUE NULLS NOT DISTINCT (id)",
       "UNIQUE (id)"},
      {"CONSTRAINT k EXCLUDE USING btree (id WITH =)", "CONSTRAINT k EXCLUDE USING hash (id WITH =)", "USING btree",
       "USING hash"},
  };
  for (const auto& c : cases) {
    const auto ds = second_down("CREATE TABLE t (id bigint, " + c.create + ");\n", "ALTER TABLE t DROP CONSTRAINT k;\n",
                                "ALTER TABLE t ADD " + c.readd + ";\n");
    ASSERT_EQ(ds.size(), 1u) << c.create;
    const std::string& m = ds[0].message;
    const std::string head = "constraint k on public.t: definition ", arrow_text = " → ";
    const size_t def = m.find(head);
    const size_t arrow = m.find(arrow_text);
    ASSERT_NE(def, std::string::npos) << m;
    ASSERT_NE(arrow, std::string::npos) << m;
    const std::string before = m.substr(def + head.size(), arrow - def - head.size());
    const std::string after = m.substr(arrow + arrow_text.size());
    EXPECT_NE(before, after) << m;
    EXPECT_NE(before.find(c.before), std::string::npos) << m;
    if (!c.after.empty()) {
      EXPECT_NE(after.find(c.after), std::string::npos) << m;
    } else {
      EXPECT_EQ(after.find("NO INHERIT"), std::string::npos) << m;
    }
  }
}

// A view re-created with other column names or materialization: said so,
// not as two identical queries.
TEST(DownNotInverseNotes, ViewDifferencesNameTheProperty) {
  struct Case {
    std::string create, recreate, expected;
  };
  const std::vector<Case> cases = {
      // Column aliases are the names of the query's columns, as PostgreSQL keeps them.
      {"CREATE VIEW v (x) AS SELECT id FROM t", "CREATE VIEW v AS SELECT id FROM t",
       "view public.v: definition SELECT t.id AS x FROM t → SELECT t.id FROM t"},
      {"CREATE MATERIALIZED VIEW v AS SELECT id FROM t", "CREATE VIEW v AS SELECT id FROM t",
       "materialized view public.v: kind materialized view → view"},
  };
  for (const auto& c : cases) {
    const bool mat = c.create.find("MATERIALIZED") != std::string::npos;
    const auto ds = second_down("CREATE TABLE t (id bigint);\n" + c.create + ";\n",
                                mat ? "DROP MATERIALIZED VIEW v;\n" : "DROP VIEW v;\n", c.recreate + ";\n",
                                "DROP TABLE t CASCADE;\n");
    ASSERT_EQ(ds.size(), 1u) << c.create;
    EXPECT_NE(ds[0].message.find(c.expected), std::string::npos) << ds[0].message;
    if (c.expected.find(" definition ") == std::string::npos)
      EXPECT_EQ(ds[0].message.find(" definition "), std::string::npos) << ds[0].message;
  }
}

// A unique constraint's index re-created as a plain unique index: the
// index's definition is the same, what differs is the constraint it backs.
TEST(DownNotInverseNotes, IndexThatNoLongerBacksItsConstraint) {
  const auto ds = second_down("CREATE TABLE t (id bigint, a text, CONSTRAINT t_a_key UNIQUE (a));\n",
                              "ALTER TABLE t DROP CONSTRAINT t_a_key;\n", "CREATE UNIQUE INDEX t_a_key ON t (a);\n");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_NE(ds[0].message.find("index public.t_a_key: backs constraint t_a_key → none"), std::string::npos)
      << ds[0].message;
}
