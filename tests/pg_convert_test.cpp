// The parse tree built straight from PostgreSQL's nodes is the tree the
// protobuf path gives, message for message, on every SQL file of the test
// data (and the corpus when present), on syntax the files do not use, and
// on PostgreSQL's errors; what the converter does not take it says so.
#ifdef MIGLINT_DIRECT_PARSE
#include <gtest/gtest.h>

#include <google/protobuf/arena.h>
#include <google/protobuf/io/coded_stream.h>
#include <pg_query.h>
#include <pg_query/pg_query.pb.h>

#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/ast/pg_convert.h"
#include "tests/temp_folder.h"

using miglint::testing::read_file;

namespace fs = std::filesystem;
using miglint::pgconvert::Result;

namespace {

struct Both {
  Result direct;
  std::string direct_bytes;  // serialised tree
  bool proto_error = false;
  std::string proto_message, proto_bytes;
  int proto_cursor = 0;
};

Both parse_both(const std::string& sql, google::protobuf::Arena& arena) {
  Both b;
  b.direct = miglint::pgconvert::parse(sql.c_str(), arena);
  if (b.direct.tree) b.direct_bytes = b.direct.tree->SerializeAsString();
  PgQueryProtobufParseResult p = pg_query_parse_protobuf(sql.c_str());
  if (p.error) {
    b.proto_error = true;
    b.proto_message = p.error->message;
    b.proto_cursor = p.error->cursorpos;
  } else {
    pg_query::ParseResult decoded;
    google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(p.parse_tree.data),
                                              static_cast<int>(p.parse_tree.len));
    in.SetRecursionLimit(1 << 20);
    EXPECT_TRUE(decoded.ParseFromCodedStream(&in));
    b.proto_bytes = decoded.SerializeAsString();
  }
  pg_query_free_protobuf_parse_result(p);
  return b;
}

// Both paths agree; returns false when the text is a syntax error.
bool expect_same(const std::string& sql, const std::string& what) {
  google::protobuf::Arena arena;
  const Both b = parse_both(sql, arena);
  if (b.proto_error) {
    EXPECT_EQ(b.direct.status, Result::Status::SyntaxError) << what;
    EXPECT_EQ(b.direct.message, b.proto_message) << what;
    EXPECT_EQ(b.direct.cursorpos, b.proto_cursor) << what;
    return false;
  }
  EXPECT_EQ(b.direct.status, Result::Status::Tree) << what;  // not left to the protobuf path
  EXPECT_TRUE(b.direct_bytes == b.proto_bytes) << what << ": the trees differ";
  return true;
}

std::vector<fs::path> sql_files(const fs::path& root) {
  std::vector<fs::path> out;
  if (!fs::is_directory(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".sql") out.push_back(e.path());
  return out;
}

TEST(PgConvert, SameTreesAsTheProtobufPathOnEveryTestFile) {
  size_t trees = 0, errors = 0;
  std::vector<fs::path> files = sql_files(fs::path(MIGLINT_SOURCE_DIR) / "testdata");
  for (const auto& p : sql_files("/work/shared/corpus")) files.push_back(p);  // when present
  for (const auto& f : files) {
    std::string sql = read_file(f);
    if (sql.find('\0') != std::string::npos) continue;  // PostgreSQL reads up to the first NUL
    (expect_same(sql, f.string()) ? trees : errors)++;
  }
  EXPECT_GT(trees, 1000u);
  EXPECT_GT(errors, 5u);  // the syntax-error fixtures
}

// libpg_query's deparse of each statement through protobuf ("" on error).
std::string deparse_through_protobuf(const pg_query::RawStmt& stmt) {
  pg_query::ParseResult pr;
  pr.set_version(PG_VERSION_NUM);
  *pr.add_stmts() = stmt;
  std::string buf = pr.SerializeAsString();
  PgQueryProtobuf p;
  p.len = buf.size();
  p.data = buf.data();
  PgQueryDeparseResult d = pg_query_deparse_protobuf(p);
  std::string text = d.error || !d.query ? "" : d.query;
  pg_query_free_deparse_result(d);
  return text;
}

TEST(PgConvert, SameDeparseAsTheProtobufPathOnEveryTestFile) {
  size_t statements = 0;
  for (const auto& f : sql_files(fs::path(MIGLINT_SOURCE_DIR) / "testdata")) {
    const std::string sql = read_file(f);
    google::protobuf::Arena arena;
    const Result r = miglint::pgconvert::parse(sql.c_str(), arena);
    if (!r.tree) continue;
    for (const auto& stmt : r.tree->stmts()) {
      const auto direct = miglint::pgconvert::deparse(stmt);
      ASSERT_TRUE(direct.has_value()) << f;  // not left to the protobuf path
      EXPECT_EQ(*direct, deparse_through_protobuf(stmt)) << f;
      ++statements;
    }
  }
  EXPECT_GT(statements, 1500u);
}

TEST(PgConvert, DeparseRefusalsAndUnknownNodes) {
  // A planner node at the top: the deparser raises an error, caught.
  pg_query::RawStmt planner;
  planner.mutable_stmt()->mutable_var()->set_varno(1);
  EXPECT_EQ(deparse_through_protobuf(planner), "");
  EXPECT_EQ(miglint::pgconvert::deparse(planner), std::optional<std::string>(""));
  // An integer list, which only analysed trees hold: left to the protobuf path.
  pg_query::RawStmt ints;
  ints.mutable_stmt()->mutable_select_stmt()->add_target_list()->mutable_int_list();
  EXPECT_EQ(miglint::pgconvert::deparse(ints), std::nullopt);
}

TEST(PgConvert, AnAllocationRefusedWhileBuildingTheDeparsersInputIsCaught) {
  // PostgreSQL refuses an allocation over 1 GB with an error (a longjmp): a
  // constant that long fails in palloc while its node is built, and the
  // deparse gives no text instead of ending the process.
  pg_query::RawStmt raw;
  raw.mutable_stmt()
      ->mutable_select_stmt()
      ->add_target_list()
      ->mutable_res_target()
      ->mutable_val()
      ->mutable_a_const()
      ->mutable_sval()
      ->set_sval(std::string((size_t{1} << 30) + 16, 'x'));
  EXPECT_EQ(miglint::pgconvert::deparse(raw), std::optional<std::string>(""));
}

TEST(PgConvert, SameTreesOnSyntaxTheFilesDoNotUse) {
  const char* statements[] = {
      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01', MINVALUE) TO (MAXVALUE, 1)",
      "CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 4, REMAINDER 0)",
      "CREATE TABLE l1 PARTITION OF l FOR VALUES IN ('a', NULL); CREATE TABLE d PARTITION OF l DEFAULT",
      "SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (a int PATH '$', NESTED PATH '$.x[*]' COLUMNS (b int "
      "PATH '$'))) jt",
      "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND s.x > 1 THEN UPDATE SET x = s.x WHEN NOT MATCHED THEN "
      "INSERT VALUES (s.id) WHEN NOT MATCHED BY SOURCE THEN DELETE RETURNING merge_action(), t.*",
      "SELECT a, sum(b) OVER w, rank() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST ROWS BETWEEN 1 PRECEDING AND "
      "CURRENT ROW EXCLUDE TIES) FROM t GROUP BY GROUPING SETS ((a), CUBE (b, c), ROLLUP (d)) WINDOW w AS (ORDER BY a)",
      "SELECT xmlelement(name foo, xmlattributes('x' AS bar), 'c'), xmlparse(document '<a/>'), xmlserialize(content x "
      "AS text)",
      "SELECT B'1010', X'ff', 1.5e10, -1, true, NULL, $1, (ARRAY[1,2])[1:2], (row(1,2)).f1, 'a' COLLATE \"C\", a IS "
      "DISTINCT FROM b, NULLIF(a,b), a = ANY('{1}'), EXISTS (SELECT 1), CASE WHEN a THEN 1 ELSE 2 END, GREATEST(1,2), "
      "current_timestamp, a BETWEEN SYMMETRIC 1 AND 2, interval '1 day' hour to second, 9223372036854775808",
      "SELECT JSON_OBJECT('a': 1 RETURNING jsonb), JSON_ARRAY(1,2), JSON_EXISTS(j, '$.a'), JSON_VALUE(j, '$.a' "
      "RETURNING int DEFAULT 0 ON EMPTY), JSON_QUERY(j, '$' WITH WRAPPER), j IS JSON OBJECT WITH UNIQUE KEYS, "
      "JSON_OBJECTAGG(k: v), JSON_ARRAYAGG(v ORDER BY v)",
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SEARCH DEPTH FIRST BY n SET ord CYCLE n SET c "
      "USING p SELECT * FROM r FOR UPDATE SKIP LOCKED",
      "CREATE FUNCTION g() RETURNS int BEGIN ATOMIC SELECT 1; SELECT 2; END",
      "CREATE TRIGGER tr AFTER INSERT OR UPDATE OF a ON t REFERENCING NEW TABLE AS nt FOR EACH STATEMENT WHEN (true) "
      "EXECUTE FUNCTION f()",
      "ALTER TABLE t ADD CONSTRAINT c EXCLUDE USING gist (a WITH =) WHERE (a > 0), ALTER COLUMN a TYPE bigint USING "
      "a::bigint, ALTER COLUMN b ADD GENERATED ALWAYS AS IDENTITY (START 10), ADD COLUMN v int GENERATED ALWAYS AS (a) "
      "VIRTUAL",
      "CREATE TABLE t2 (LIKE t INCLUDING ALL, a int CONSTRAINT nn NOT NULL NO INHERIT, b int REFERENCES t (a) ON "
      "DELETE SET NULL (b) DEFERRABLE, PRIMARY KEY (a, b WITHOUT OVERLAPS), UNIQUE NULLS NOT DISTINCT (c)) INHERITS "
      "(t)",
      "SELECT * FROM t TABLESAMPLE SYSTEM (10) REPEATABLE (1), LATERAL ROWS FROM (generate_series(1,2)) WITH "
      "ORDINALITY AS x(a, o), xmltable('/a' PASSING x COLUMNS c int PATH '@c')",
      "INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (DEFAULT) ON CONFLICT (a) DO UPDATE SET (a, b) = (SELECT 1, 2) "
      "RETURNING old.a, new.b",
      "SELECT overlay('abc' placing 'x' from 2 for 1), trim(both 'x' from 'xax'), extract(epoch from now()), 'a' IS "
      "NFC NORMALIZED, a AT LOCAL",
  };
  for (const char* s : statements) {
    EXPECT_TRUE(expect_same(s, s)) << s;
    google::protobuf::Arena arena;
    const Result r = miglint::pgconvert::parse(s, arena);
    for (const auto& stmt : r.tree->stmts())
      EXPECT_EQ(miglint::pgconvert::deparse(stmt), deparse_through_protobuf(stmt));
  }
}

TEST(PgConvert, SyntaxErrorsAreWhatPostgresSays) {
  for (const char* s : {"CREATE TABLE (", "SELECT 1; SELEC 2;", "ALTER TABLE t ADD COLUMN ;", "/* never closed"})
    EXPECT_FALSE(expect_same(s, s));
}

std::string sum_of_ones(int n) {
  std::string sql = "SELECT 1";
  for (int i = 1; i < n; ++i) sql += "+1";
  return sql;
}

TEST(PgConvert, DeepTreesAreLeftToTheProtobufPath) {
  // 2,000 nested operators convert; 5,000 pass the converter's limit, and
  // the protobuf path (which refuses to serialise them) decides.
  EXPECT_TRUE(expect_same(sum_of_ones(2000), "2000 deep"));
  google::protobuf::Arena arena;
  const Both deep = parse_both(sum_of_ones(5000), arena);
  EXPECT_EQ(deep.direct.status, Result::Status::Unsupported);
  EXPECT_TRUE(deep.proto_error);
  EXPECT_NE(deep.proto_message.find("too deeply"), std::string::npos);
}

}  // namespace
#endif
