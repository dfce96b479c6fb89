// Large files are parsed in parts, two at once (analyzer/ast/parse_split.h):
// the result must be the whole-file parse's, statement for statement and
// location for location, and a part that fails falls back to it.
#include <gtest/gtest.h>
#include <pg_query/pg_ast_meta.h>
#include <pg_query/pg_query.pb.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/ast/parse_split.h"
#include "analyzer/engine/runner.h"

namespace fs = std::filesystem;
namespace pb = google::protobuf;

namespace {

// Every location as a file offset, and the message without them.
void strip_locations(pb::MessageLite& m, miglint::pgmeta::MsgType t, const miglint::Statement& st,
                     std::vector<size_t>& out) {
  const int loc = miglint::pgmeta::location_of(m, t);
  if (loc >= 0) out.push_back(st.offset(loc));
  miglint::pgmeta::clear_location(m, t);
  miglint::pgmeta::mutable_children(m, t, [&](pb::MessageLite& c, miglint::pgmeta::MsgType ct) {
    strip_locations(c, ct, st, out);
  });
}

std::vector<std::string> describe(const miglint::ParsedFile& f) {
  std::vector<std::string> out;
  for (const auto& st : f.statements) {
    pg_query::Node copy = *st.node;
    std::vector<size_t> locs;
    strip_locations(copy, miglint::pgmeta::MsgType::Node, st, locs);
    std::string line = std::to_string(st.ordinal) + " [" + std::to_string(st.begin) + "," + std::to_string(st.end) +
                       ") ";
    for (size_t l : locs) line += std::to_string(l) + ",";
    out.push_back(line + " " + copy.SerializeAsString());
  }
  for (const auto& r : f.failed) out.push_back("failed " + std::to_string(r.begin) + "," + std::to_string(r.end));
  for (const auto& c : f.comments) out.push_back("comment " + std::to_string(c.begin) + "," + std::to_string(c.end));
  for (const auto& d : f.diagnostics)
    out.push_back(d.rule + " " + std::to_string(d.span.begin) + "," + std::to_string(d.span.end) + " " + d.message);
  return out;
}

std::vector<std::string> parse_both_ways(const std::string& text, bool& differs_from_empty) {
  miglint::set_split_parse_min_bytes(0);
  const auto whole = describe(miglint::parse_file(std::make_shared<miglint::SourceFile>("big.sql", text)));
  miglint::set_split_parse_min_bytes(1024);
  const auto split = describe(miglint::parse_file(std::make_shared<miglint::SourceFile>("big.sql", text)));
  // Many parts of ~2 KiB.
  miglint::set_split_parse_part_bytes(2048);
  const auto parts = describe(miglint::parse_file(std::make_shared<miglint::SourceFile>("big.sql", text)));
  miglint::set_split_parse_part_bytes(size_t{256} << 10);
  miglint::set_split_parse_min_bytes(size_t{32} << 10);
  EXPECT_EQ(split, whole);
  EXPECT_EQ(parts, whole);
  differs_from_empty = !whole.empty();
  return whole;
}

std::string block(int i) {
  const std::string n = std::to_string(i);
  return "-- table " + n +
         "; with a semicolon in a comment\n"
         "CREATE TABLE t" +
         n + " (id bigint PRIMARY KEY, note text DEFAULT 'a;b', n int CHECK (n > " + n +
         "));\n"
         "CREATE INDEX t" +
         n + "_note ON t" + n +
         " (lower(note)) WHERE n <> 0;\n"
         "/* block; comment */ ALTER TABLE t" +
         n +
         " ADD COLUMN c int NOT NULL DEFAULT 0;\n"
         "CREATE FUNCTION f" +
         n + "() RETURNS int LANGUAGE sql AS $$ SELECT 1; SELECT " + n +
         "; $$;\n"
         "UPDATE t" +
         n + " SET n = 1 WHERE id = " + n + ";\n";
}

TEST(ParseSplit, HalvesParseAsTheWholeFile) {
  std::string text;
  for (int i = 0; i < 80; ++i) text += block(i);
  bool any = false;
  const auto whole = parse_both_ways(text, any);
  EXPECT_TRUE(any);
  EXPECT_GE(whole.size(), 400u);
  // No newline at the end, no semicolon after the last statement.
  parse_both_ways(text + "SELECT 1", any);
}

// Each part's trees are in their own arena, freed from the front as a
// reader passes them; the other statements keep theirs.
TEST(ParseSplit, PartsAreFreedFromTheFront) {
  std::string text;
  for (int i = 0; i < 80; ++i) text += block(i);
  miglint::set_split_parse_min_bytes(1024);
  miglint::set_split_parse_part_bytes(2048);
  miglint::ParsedFile f = miglint::parse_file(std::make_shared<miglint::SourceFile>("big.sql", text));
  miglint::set_split_parse_part_bytes(size_t{256} << 10);
  miglint::set_split_parse_min_bytes(size_t{32} << 10);
  ASSERT_GE(f.trees.size(), 4u);
  EXPECT_EQ(f.trees.back().statements_end, f.statements.size());
  const size_t first_end = f.trees[0].statements_end;
  ASSERT_GT(first_end, 0u);
  f.release_trees_before(first_end - 1);  // the first part is not passed yet
  EXPECT_NE(f.statements[0].node, nullptr);
  f.release_trees_before(first_end + 1);
  EXPECT_EQ(f.trees_freed, 1u);
  EXPECT_EQ(f.trees[0].arena, nullptr);
  for (size_t i = 0; i < first_end; ++i) EXPECT_EQ(f.statements[i].node, nullptr);
  for (size_t i = first_end; i < f.statements.size(); ++i) ASSERT_NE(f.statements[i].node, nullptr);
  EXPECT_TRUE(f.statements.back().node->has_update_stmt());  // still readable
  f.release_syntax();
  EXPECT_EQ(f.statements.back().node, nullptr);
}

TEST(ParseSplit, AnErrorInEitherHalfParsesTheWholeFile) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += block(i);
  bool any = false;
  parse_both_ways("SELECT (;\n" + text + text, any);
  parse_both_ways(text + text + "SELECT (;\n", any);
  // A statement body with semicolons of its own, near the middle.
  parse_both_ways(text + "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n" + text,
                  any);
}

TEST(ParseSplit, FindingsAreThoseOfTheWholeFile) {
  const fs::path dir = fs::temp_directory_path() / ("miglint-split-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string text;
  for (int i = 0; i < 80; ++i) text += block(i);
  std::ofstream(dir / "big.sql") << text;
  miglint::AnalysisOptions o;
  o.paths = {dir / "big.sql"};
  const auto render = [&] {
    std::vector<std::string> out;
    for (const auto& d : miglint::analyze(o).diagnostics)
      out.push_back(std::to_string(d.span.begin) + "," + std::to_string(d.span.end) + " " + d.rule + " " + d.message);
    return out;
  };
  miglint::set_split_parse_min_bytes(0);
  const auto whole = render();
  miglint::set_split_parse_min_bytes(1024);
  const auto split = render();
  miglint::set_split_parse_min_bytes(size_t{32} << 10);
  EXPECT_EQ(split, whole);
  EXPECT_FALSE(whole.empty());
  fs::remove_all(dir);
}

}  // namespace
