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
#include "analyzer/source/source_file.h"

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

// Calls fn(path, text as prepare_text leaves it) for every .sql file of the
// test folders, the examples and the corpus.
template <class F>
void for_each_prepared_file(F&& fn) {
  for (const char* root : {"testdata", "examples", "/work/shared/corpus"}) {
    if (!fs::is_directory(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file() || e.path().extension() != ".sql") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      fn(e.path(), miglint::prepare_text(ss.str()).text);
    }
  }
}

TEST(LexerComments, SameAsScannerOnEveryTestAndCorpusFile) {
  size_t files = 0;
  for_each_prepared_file([&](const fs::path& path, const std::string& text) {
    const auto want = scanner_comments(text);
    if (!want) return;
    ++files;
    EXPECT_EQ(lexer_comments(text), *want) << path;
  });
  EXPECT_GT(files, 100u);
}

// prepare_text skips plain ASCII eight bytes at a time: a NUL, an invalid
// byte or a multi-byte character is found at every offset, as a byte-by-byte
// reading finds it.
TEST(PrepareText, EveryOddByteAtEveryOffset) {
  const std::string base = "SELECT a, b FROM some_table WHERE c = 'x' AND d > 10;";
  const std::vector<std::string> odd = {std::string(1, '\0'), "\xFF",     "\xC3\xA9",
                                        "\xF0\x9F\x98\x80",   "\xE2\x82", "\xC3"};
  for (const auto& o : odd)
    for (size_t at = 0; at <= base.size(); ++at) {
      const std::string in = base.substr(0, at) + o + base.substr(at);
      std::vector<size_t> nul, invalid;
      std::string want = in;
      for (size_t i = 0; i < in.size();) {
        if (in[i] == '\0') {
          nul.push_back(i);
          want[i++] = ' ';
          continue;
        }
        const size_t n = miglint::utf8_sequence_length(in, i);
        if (n == 0) {
          invalid.push_back(i);
          want[i++] = '_';
        } else {
          i += n;
        }
      }
      const auto p = miglint::prepare_text(in);
      EXPECT_EQ(p.text, want) << at;
      EXPECT_EQ(p.nul_bytes, nul) << at;
      EXPECT_EQ(p.invalid_utf8, invalid) << at;
    }
}

// A text without a backslash or the word stdin has no meta-command or COPY
// data to look for; one with them still has them found, in any case.
TEST(PrepareText, MetaCommandsAndCopyDataStillFound) {
  const auto ranges = [](const std::vector<miglint::ByteRange>& v) {
    Ranges out;
    for (const auto& r : v) out.push_back({r.begin, r.end});
    return out;
  };
  EXPECT_EQ(ranges(miglint::prepare_text("\\set x 1\nSELECT 1;").meta_commands), (Ranges{{0, 8}}));
  EXPECT_TRUE(miglint::prepare_text("SELECT 'a\\b';").meta_commands.empty());
  for (const std::string kw : {"stdin", "STDIN", "StdIn"}) {
    const std::string text = "COPY t FROM " + kw + ";\n1\n\\.\nSELECT 1;";
    EXPECT_EQ(ranges(miglint::prepare_text(text).copy_data), (Ranges{{text.find('1'), text.find("\\.") + 2}})) << kw;
  }
  EXPECT_TRUE(miglint::prepare_text("SELECT 'stdin';\n1\n").copy_data.empty());
  EXPECT_TRUE(miglint::prepare_text("SELECT 1;\n").copy_data.empty());
}

// longest_word bounds every identifier PostgreSQL's scanner finds, on every
// test and corpus file; without a double quote it counts words in literals
// and comments too, with one it does not.
TEST(LongestWord, BoundsEveryIdentifier) {
  const std::string long_word(70, 'a');
  EXPECT_EQ(miglint::longest_word("SELECT '" + long_word + "' AS x", 0, 100), 70u);
  EXPECT_EQ(miglint::longest_word("SELECT 1 -- " + long_word, 0, 100), 70u);
  EXPECT_EQ(miglint::longest_word("SELECT \"x\", '" + long_word + "'", 0, 100), 6u);
  EXPECT_EQ(miglint::longest_word("SELECT \"" + long_word + "\"", 0, 100), 72u);
  EXPECT_EQ(miglint::longest_word("SELECT ab, abcd", 7, 9), 2u);
  size_t files = 0;
  for_each_prepared_file([&](const fs::path& path, const std::string& text) {
    PgQueryScanResult r = pg_query_scan(text.c_str());
    pg_query::ScanResult sr;
    if (!r.error && sr.ParseFromArray(r.pbuf.data, static_cast<int>(r.pbuf.len))) {
      ++files;
      for (const auto& range : miglint::lexical_split(text)) {
        size_t ident = 0;
        for (const auto& t : sr.tokens())
          if (t.token() == pg_query::IDENT && static_cast<size_t>(t.start()) >= range.begin &&
              static_cast<size_t>(t.end()) <= range.end)
            ident = std::max(ident, static_cast<size_t>(t.end() - t.start()));
        EXPECT_GE(miglint::longest_word(text, range.begin, range.end), ident) << path << " " << range.begin;
      }
    }
    pg_query_free_scan_result(r);
  });
  EXPECT_GT(files, 100u);
}

}  // namespace
