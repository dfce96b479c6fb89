// The comments our lexer finds are exactly the comment tokens of
// PostgreSQL's own scanner: suppressions, intent mentions and "a mention in a
// comment is not a touch" rely on them, and the parser no longer runs the
// scanner a second time to find them.
#include <gtest/gtest.h>
#include <pg_query.h>
#include <pg_query/pg_query.pb.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/ast/lexer.h"

namespace fs = std::filesystem;

namespace {

using Ranges = std::vector<std::pair<size_t, size_t>>;

// nullopt when the scanner refuses the text (unterminated literal).
std::optional<Ranges> scanner_comments(const std::string& text) {
  PgQueryScanResult r = pg_query_scan(text.c_str());
  std::optional<Ranges> out;
  if (!r.error) {
    pg_query::ScanResult sr;
    if (sr.ParseFromArray(r.pbuf.data, static_cast<int>(r.pbuf.len))) {
      out.emplace();
      for (const auto& t : sr.tokens())
        if (t.token() == pg_query::SQL_COMMENT || t.token() == pg_query::C_COMMENT)
          out->push_back({t.start(), t.end()});
    }
  }
  pg_query_free_scan_result(r);
  return out;
}

Ranges lexer_comments(const std::string& text) {
  Ranges out;
  for (const auto& c : miglint::lexical_comments(text)) out.push_back({c.begin, c.end});
  return out;
}

TEST(LexerComments, TrickyLiterals) {
  const char* cases[] = {
      "SELECT E'a\\'' -- c\n, 1; -- x",
      "SELECT 'a\\' -- c\n;",
      "SELECT $a$ -- not $a$ -- yes\n",
      "SELECT a$b$c -- yes\n",
      "SELECT 1 /* a /* b */ c */ -- d\n",
      "SELECT 1 --\r\n-- two\r\n",
      "SELECT x::text--c\n",
      "SELECT 1 */* c */ 2;",
      "SELECT \"a--b\" -- c\n",
      "SELECT 'it''s' -- c\n",
      "CREATE FUNCTION f() RETURNS int AS $body$ -- in body\n SELECT 1 $body$ LANGUAGE sql; -- out",
      "SELECT 1 +-- c\n 2",
      "SELECT x$1 -- c\n",
  };
  for (const char* c : cases) {
    const std::string text = c;
    const auto want = scanner_comments(text);
    ASSERT_TRUE(want) << text;
    EXPECT_EQ(lexer_comments(text), *want) << text;
  }
}

TEST(LexerComments, SameAsScannerOnEveryTestAndCorpusFile) {
  size_t files = 0;
  for (const char* root : {"testdata", "examples", "/work/shared/corpus"}) {
    if (!fs::is_directory(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file() || e.path().extension() != ".sql") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = miglint::prepare_text(ss.str()).text;
      const auto want = scanner_comments(text);
      if (!want) continue;
      ++files;
      EXPECT_EQ(lexer_comments(text), *want) << e.path();
    }
  }
  EXPECT_GT(files, 100u);
}

}  // namespace
