// SourceFile's lines: \n, \r\n and a lone \r each end one, as editors count
// them; a text without \r takes a faster path that must find the same lines.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzer/source/source_file.h"

namespace miglint {
namespace {

std::vector<size_t> starts(const std::string& text) {
  const SourceFile f("f.sql", text);
  std::vector<size_t> out;
  for (uint32_t line = 1; line <= f.line_count(); ++line) out.push_back(f.line_start(line));
  return out;
}

TEST(SourceFile, EachLineBreakStartsALine) {
  EXPECT_EQ(starts(""), (std::vector<size_t>{0}));
  EXPECT_EQ(starts("a"), (std::vector<size_t>{0}));
  EXPECT_EQ(starts("\n"), (std::vector<size_t>{0, 1}));
  EXPECT_EQ(starts("ab\ncd\n\nef"), (std::vector<size_t>{0, 3, 6, 7}));
  EXPECT_EQ(starts("ab\ncd\n"), (std::vector<size_t>{0, 3, 6}));
  EXPECT_EQ(starts("ab\r\ncd\r\n"), (std::vector<size_t>{0, 4, 8}));
  EXPECT_EQ(starts("ab\rcd\r"), (std::vector<size_t>{0, 3, 6}));
  EXPECT_EQ(starts("a\r\n\nb\rc\n"), (std::vector<size_t>{0, 3, 4, 6, 8}));
}

TEST(SourceFile, LinesAndPositionsAgreeWithOrWithoutCarriageReturns) {
  // The same lines written with \n and with \r\n.
  std::string lf, crlf;
  for (int i = 0; i < 200; ++i) {
    const std::string line(static_cast<size_t>(i % 17), static_cast<char>('a' + i % 26));
    lf += line + "\n";
    crlf += line + "\r\n";
  }
  const SourceFile a("a.sql", lf), b("b.sql", crlf);
  ASSERT_EQ(a.line_count(), b.line_count());
  for (uint32_t line = 1; line <= a.line_count(); ++line) {
    EXPECT_EQ(a.line_text(line), b.line_text(line)) << line;
    EXPECT_EQ(a.position(a.line_start(line)).line, line);
    EXPECT_EQ(b.position(b.line_start(line)).line, line);
  }
}

}  // namespace
}  // namespace miglint
