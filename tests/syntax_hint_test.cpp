// A syntax error at a statement keyword that begins its line says where the
// `;` before it is most likely missing, and only then.
#include <gtest/gtest.h>

#include <memory>

#include <pg_query.h>

#include "analyzer/ast/parse.h"

using namespace miglint;

namespace {

const Diagnostic& only_syntax_error(const ParsedFile& f) {
  const Diagnostic* found = nullptr;
  for (const auto& d : f.diagnostics)
    if (d.rule == "syntax-error") {
      EXPECT_EQ(found, nullptr) << "more than one syntax error";
      found = &d;
    }
  EXPECT_NE(found, nullptr);
  static const Diagnostic none;
  return found ? *found : none;
}

ParsedFile parse(const std::string& text) { return parse_file(std::make_shared<SourceFile>("m.up.sql", text)); }

}  // namespace

TEST(SyntaxHint, MissingSemicolonBeforeAStatementKeyword) {
  const auto f = parse("ALTER TABLE a DROP CONSTRAINT a_pkey\nALTER TABLE a ADD COLUMN b int;\nDROP TABLE c;\n");
  const auto& d = only_syntax_error(f);
  EXPECT_EQ(d.span.start.line, 2u);
  EXPECT_EQ(d.span.start.column, 1u);
  EXPECT_NE(d.help.str().find("if `ALTER` begins a new statement, end the previous one with `;` (line 1)"),
            std::string::npos)
      << d.help.str();
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].span.start.line, 1u);
  EXPECT_EQ(d.notes[0].span.start.column, 36u);  // the last character of `a_pkey`
  EXPECT_EQ(d.notes[0].message, "the statement before it ends here without `;`");
}

TEST(SyntaxHint, LooksPastCommentsAndIndentation) {
  const auto f = parse("CREATE TABLE a (id int) -- the table\n/* then\n   its index */\n  create index on a (id);\n");
  const auto& d = only_syntax_error(f);
  EXPECT_EQ(d.span.start.line, 4u);
  EXPECT_NE(d.help.str().find("if `create` begins a new statement"), std::string::npos) << d.help.str();
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].span.start.line, 1u);
  EXPECT_EQ(d.notes[0].span.start.column, 23u);  // the closing parenthesis
}

TEST(SyntaxHint, NoHintForOtherErrors) {
  for (const std::string text : {
           "SELECT 1 FROM t WHERE id = = 2;\n",                                       // not a statement keyword
           "ALTER TABLE a DROP CONSTRAINT a_pkey ALTER TABLE a ADD COLUMN b int;\n",  // not at a line start
           "SELEC 1;\n",                                                              // the statement's own first word
           "CREATE TABLE t (a int,\n  , b int);\n",                                   // a comma, not a keyword
       }) {
    const auto f = parse(text);
    const auto& d = only_syntax_error(f);
    EXPECT_TRUE(d.notes.empty()) << text;
    EXPECT_EQ(d.help.str(),
              "PostgreSQL " PG_MAJORVERSION " rejects this statement; the rest of the file is still analysed")
        << text;
  }
}
