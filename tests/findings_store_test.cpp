// Findings kept compressed (large analyses) read exactly like a list, and an
// analysis that gathers its findings in the spool reports what one holding
// them as lists reports.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <thread>

#include "analyzer/diag/findings.h"
#include "analyzer/engine/runner.h"
#include "analyzer/source/chunk_store.h"
#include "analyzer/output/output.h"
#include "temp_folder.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

Span span_at(const std::string& path, size_t begin, size_t end, uint32_t line) {
  Span s;
  s.path = path;
  s.begin = begin;
  s.end = end;
  s.start = {line, 3, 2};
  s.stop = {line + 1, 1, 0};
  return s;
}

Diagnostic sample(size_t i, const std::string& path) {
  Diagnostic d;
  d.rule = i % 3 ? "require-lock-timeout" : "ban-drop-column";
  d.severity = static_cast<Severity>(i % 3);
  d.span = span_at(path, i * 7, i * 7 + 5, static_cast<uint32_t>(i + 1));
  d.message = "finding " + std::to_string(i) + std::string(i % 50, 'x') + " \xe2\x80\x94 \t\n\0 end";
  if (i % 2) d.help = "set a lock timeout first";
  if (i % 5 == 0) d.notes.push_back({span_at("other.sql", 1, 2, 9), "first created here"});
  if (i % 4 == 0) {
    d.fix.emplace();
    d.fix->description = "insert SET lock_timeout";
    d.fix->edits.push_back({span_at(path, 0, 0, 1), "SET lock_timeout = '2s';\n"});
    if (i % 8 == 0) d.fix->safety = FixSafety::Safe;
  }
  return d;
}

// Every field, compared: rule, severity, span, message, help, notes, fix.
void expect_same(const Diagnostic& a, const Diagnostic& b) {
  EXPECT_EQ(a.rule, b.rule);
  EXPECT_EQ(a.severity, b.severity);
  EXPECT_EQ(a.span.path, b.span.path);
  EXPECT_EQ(a.span.begin, b.span.begin);
  EXPECT_EQ(a.span.end, b.span.end);
  EXPECT_EQ(a.span.start, b.span.start);
  EXPECT_EQ(a.span.stop, b.span.stop);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.help, b.help);
  ASSERT_EQ(a.notes.size(), b.notes.size());
  for (size_t i = 0; i < a.notes.size(); ++i) {
    EXPECT_EQ(a.notes[i].message, b.notes[i].message);
    EXPECT_EQ(a.notes[i].span.path, b.notes[i].span.path);
    EXPECT_EQ(a.notes[i].span.start, b.notes[i].span.start);
  }
  ASSERT_EQ(a.fix.has_value(), b.fix.has_value());
  if (a.fix) {
    EXPECT_EQ(a.fix->description, b.fix->description);
    EXPECT_EQ(a.fix->safety, b.fix->safety);
    ASSERT_EQ(a.fix->edits.size(), b.fix->edits.size());
    for (size_t i = 0; i < a.fix->edits.size(); ++i) {
      EXPECT_EQ(a.fix->edits[i].text, b.fix->edits[i].text);
      EXPECT_EQ(a.fix->edits[i].span.end, b.fix->edits[i].span.end);
    }
  }
}

void expect_same_reports(const AnalysisResult& lists, const AnalysisResult& packed,
                         std::initializer_list<Format> formats) {
  for (const Format format : formats) {
    std::ostringstream x, y;
    write_report(x, format, lists, OutputOptions{});
    write_report(y, format, packed, OutputOptions{});
    EXPECT_EQ(x.str(), y.str()) << "format " << static_cast<int>(format);
  }
}

// The same analysis twice: findings held as lists, then gathered compressed.
std::pair<AnalysisResult, AnalysisResult> analyze_both(const fs::path& dir, bool release) {
  AnalysisOptions a;
  a.paths = {dir};
  a.release_syntax = release;
  a.keep_effects = false;
  AnalysisResult lists = analyze(a);
  a.compact_findings = true;
  return {std::move(lists), analyze(a)};
}

}  // namespace

TEST(Findings, EncodingKeepsEveryField) {
  for (size_t i = 0; i < 20; ++i) {
    const Diagnostic d = sample(i, i == 7 ? "" : "db/20240101_x.up.sql");
    std::string bytes;
    encode_diagnostic(bytes, d);
    const char* p = bytes.data();
    const Diagnostic back = decode_diagnostic(p, bytes.data() + bytes.size());
    EXPECT_EQ(p, bytes.data() + bytes.size());
    expect_same(d, back);
  }
  // A truncated encoding is refused, not read past its end.
  std::string bytes;
  encode_diagnostic(bytes, sample(4, "a.sql"));
  const char* p = bytes.data();
  EXPECT_THROW(decode_diagnostic(p, bytes.data() + bytes.size() - 3), std::logic_error);
}

TEST(Findings, CompressedReadLikeTheList) {
  // Enough findings for many blocks, appended in uneven batches: the first
  // MiB of them kept as encoded, the rest compressed.
  std::vector<Diagnostic> all;
  std::string encoded;
  for (size_t i = 0; encoded.size() < 3 * kUncompressedBytes; ++i) {
    all.push_back(sample(i, "db/" + std::to_string(i / 10) + ".sql"));
    encode_diagnostic(encoded, all.back());
  }
  Findings packed = Findings::compressed();
  for (size_t i = 0; i < all.size();) {
    const size_t n = std::min<size_t>(1 + i % 37, all.size() - i);
    packed.append(std::vector<Diagnostic>(all.begin() + static_cast<std::ptrdiff_t>(i),
                                          all.begin() + static_cast<std::ptrdiff_t>(i + n)));
    i += n;
  }
  ASSERT_TRUE(packed.is_compressed());
  ASSERT_EQ(packed.size(), all.size());
  size_t k = 0;
  for (const Diagnostic& d : packed) expect_same(all[k++], d);
  EXPECT_EQ(k, all.size());
  // Read twice, and by algorithms that copy iterators.
  EXPECT_EQ(std::count_if(packed.begin(), packed.end(),
                          [](const Diagnostic& d) { return d.severity == Severity::Error; }),
            std::count_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
  const auto copy = packed.to_vector();
  ASSERT_EQ(copy.size(), all.size());
  expect_same(copy.back(), all.back());
  EXPECT_THROW((void)packed[0], std::logic_error);
  // Empty compressed findings read as empty.
  const Findings none = Findings::compressed();
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(none.begin() == none.end());
  // A list stays a list and indexes.
  const Findings list(std::vector<Diagnostic>{all[3], all[4]});
  EXPECT_FALSE(list.is_compressed());
  expect_same(list[1], all[4]);
}

TEST(FindingSpool, TakesEachPathsFindingsInTheOrderAdded) {
  FindingSpool spool;
  // More than kUncompressedBytes: blocks kept as they are, then compressed ones.
  const size_t kThreads = 4, kPerThread = 6000;
  std::vector<std::thread> threads;
  for (size_t t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < kPerThread; ++i) {
        // Each thread owns its paths; a batch mixes two of them.
        const std::string a = "t" + std::to_string(t) + "/" + std::to_string(i % 50) + ".sql";
        const std::string b = "t" + std::to_string(t) + "/" + std::to_string((i + 1) % 50) + ".sql";
        spool.add({sample(i, a), sample(i + 100000, b)});
      }
    });
  for (auto& th : threads) th.join();
  auto paths = spool.paths();
  EXPECT_EQ(paths.size(), kThreads * 50);
  size_t total = 0;
  for (const auto& path : paths) {
    const auto found = spool.take(path);
    total += found.size();
    // Within one path, findings come back in the order each thread added them.
    std::vector<size_t> seq;
    for (const auto& d : found) seq.push_back(d.span.begin);
    const auto first_b = std::stable_partition(seq.begin(), seq.end(), [](size_t b) { return b < 100000 * 7; });
    EXPECT_TRUE(std::is_sorted(seq.begin(), first_b));
    EXPECT_TRUE(std::is_sorted(first_b, seq.end()));
    EXPECT_TRUE(spool.take(path).empty()) << "taken twice";
  }
  EXPECT_EQ(total, kThreads * kPerThread * 2);
  EXPECT_TRUE(spool.paths().empty());
}

// The command line gathers findings in the spool and finishes them file by
// file; the language server and the tests hold lists. Both must report the
// same, suppressions, severities and selection included.
TEST(Findings, SpooledAnalysisReportsWhatListsReport) {
  std::vector<fs::path> folders;
  for (const char* root :
       {"testdata/migrations", "testdata/intent", "testdata/audit", "examples", "examples/variants"}) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (const auto& e : fs::directory_iterator(root))
      if (e.is_directory()) folders.push_back(e.path());
  }
  std::sort(folders.begin(), folders.end());
  ASSERT_GE(folders.size(), 10u);
  size_t compared = 0, freed = 0;
  for (const auto& dir : folders) {
    SCOPED_TRACE(dir.string());
    for (const bool release : {false, true}) {
      const auto [lists, packed] = analyze_both(dir, release);
      ASSERT_FALSE(lists.diagnostics.is_compressed());
      ASSERT_TRUE(packed.diagnostics.is_compressed());
      ASSERT_EQ(lists.diagnostics.size(), packed.diagnostics.size()) << dir;
      auto it = packed.diagnostics.begin();
      for (const auto& d : lists.diagnostics) expect_same(d, *it++);
      EXPECT_EQ(lists.files, packed.files);
      EXPECT_EQ(lists.migrations, packed.migrations);
      ASSERT_EQ(lists.folders.size(), packed.folders.size());
      for (size_t f = 0; f < lists.folders.size(); ++f)
        EXPECT_EQ(lists.folders[f].unmodeled, packed.folders[f].unmodeled) << dir;
      // Every report reads them the same way, code frames and fingerprints
      // included (a compact analysis keeps only the texts of the files it freed).
      expect_same_reports(lists, packed, {Format::Human, Format::Sarif, Format::Gitlab, Format::Junit});
      // With the trees released, parses are freed as the replay passes
      // (only those whose suppressions or failures the end reads stay).
      if (!release) EXPECT_TRUE(packed.texts.paths().empty());
      freed += packed.texts.paths().size();
      compared += lists.diagnostics.size();
    }
  }
  EXPECT_GT(compared, 100u);
  EXPECT_GT(freed, 50u);
}

// Enough findings for many compressed blocks, so that every report reads
// across block boundaries (references into a block must not outlive it), and
// files with suppressions (kept to the end) between files freed early.
TEST(Findings, LargeSpooledAnalysisReportsWhatListsReport) {
  miglint::testing::TempFolder tmp;
  for (int i = 0; i < 400; ++i) {
    const std::string v = fmt::format("2024{:010d}", i);
    const std::string t = "t" + std::to_string(i);
    std::string up = "CREATE TABLE " + t +
                     " (id bigint PRIMARY KEY, note text);\n"
                     "CREATE INDEX " +
                     t + "_note ON " + t +
                     " (note);\n"
                     "ALTER TABLE " +
                     t + " ADD COLUMN extra integer NOT NULL DEFAULT 1;\n";
    if (i % 7 == 0) up = "-- miglint-ignore-file require-concurrent-index-creation: a new table\n" + up;
    if (i % 11 == 0) up += "-- miglint-ignore ban-drop-column: unused on purpose\n";
    tmp.write(v + "_make_" + t + ".up.sql", up);
    tmp.write(v + "_make_" + t + ".down.sql", "DROP TABLE " + t + ";\n");
  }
  const auto [lists, packed] = analyze_both(tmp.dir, true);
  ASSERT_TRUE(packed.diagnostics.is_compressed());
  ASSERT_GT(lists.diagnostics.size(), 1500u);
  ASSERT_EQ(lists.diagnostics.size(), packed.diagnostics.size());
  auto it = packed.diagnostics.begin();
  for (const auto& d : lists.diagnostics) expect_same(d, *it++);
  expect_same_reports(lists, packed,
                      {Format::Human, Format::Json, Format::Sarif, Format::Gitlab, Format::Junit, Format::Lsp,
                       Format::Github, Format::Gcc});
  const size_t freed = packed.texts.paths().size();
  size_t kept = 0;
  for (const auto& fa : packed.folders) kept += fa.files.size();
  EXPECT_GE(freed, 700u);  // every file without suppressions
  EXPECT_GE(kept, 57u);    // the files with suppressions stay parsed to the end
  EXPECT_LT(kept, 100u);
}
