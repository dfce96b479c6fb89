#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "analyzer/ast/parse.h"
#include "analyzer/ast/pg_compat.h"
#include "analyzer/engine/registry.h"
#include "analyzer/engine/runner.h"
#include "analyzer/diag/fixes.h"
#include "tests/fixture_support.h"
#include "tests/temp_folder.h"

namespace fs = std::filesystem;

namespace miglint::testing {

fs::path source_dir() { return fs::path(MIGLINT_SOURCE_DIR); }

std::vector<fs::path> rule_fixture_files() {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(source_dir() / "testdata" / "rules", ec), end; !ec && it != end;
       it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".sql" && it.depth() == 1) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

struct Expectation {
  std::string rule;
  std::string substring;
  uint32_t line = 0;  // explicit position, else the statement above
  uint32_t column = 0;
  size_t range_begin = 0;
  size_t range_end = 0;
  uint32_t written_at = 0;
};

}  // namespace

std::vector<std::string> run_rule_fixture(const fs::path& file) {
  const std::string rule_id = file.parent_path().filename().string();
  auto src = std::make_shared<SourceFile>(file.filename().string(), read_file(file));
  const ParsedFile parsed = parse_file(src);

  Config config;
  Role role = Role::Plain;
  const std::string name = file.filename().string();
  if (name.ends_with(".up.sql")) role = Role::Up;
  if (name.ends_with(".down.sql")) role = Role::Down;
  bool in_tx = false;
  std::string extra_select;  // more rules to run beside the fixture's own
  std::vector<Expectation> expects;
  std::vector<std::string> malformed;
  static const std::regex expect_re(
      R"re(^--\s*expect:\s*([a-z0-9-]+)\s*(?:"([^"]*)")?\s*(?:@(\d+)(?::(\d+))?)?\s*$)re");
  static const std::regex option_re(R"(([a-z_]+)=([A-Za-z0-9_,-]+))");
  for (const auto& c : parsed.comments) {
    const std::string text(parsed.comment_text(c));
    std::smatch m;
    if (text.starts_with("-- fixture:")) {
      for (std::sregex_iterator it(text.begin(), text.end(), option_re), end; it != end; ++it) {
        const std::string k = (*it)[1], v = (*it)[2];
        if (k == "role") role = v == "up" ? Role::Up : v == "down" ? Role::Down : Role::Plain;
        else if (k == "in_transaction") in_tx = v == "true";
        else if (k == "pg_version") config.pg_version = std::stoi(v);
        else if (k == "select") extra_select = v;
      }
      continue;
    }
    if (!std::regex_match(text, m, expect_re)) {
      // A malformed expectation would silently expect nothing.
      if (text.starts_with("-- expect")) malformed.push_back(text);
      continue;
    }
    Expectation e;
    e.rule = m[1];
    e.substring = m[2];
    e.written_at = src->position(c.begin).line;
    if (m[3].matched) {
      e.line = static_cast<uint32_t>(std::stoul(m[3]));
      if (m[4].matched) e.column = static_cast<uint32_t>(std::stoul(m[4]));
    } else {
      // The statement (parsed or not) that starts last before the comment.
      e.range_begin = 0;
      e.range_end = c.begin;
      for (const auto& s : parsed.statements)
        if (s.begin < c.begin && s.begin >= e.range_begin) e.range_begin = s.begin;
      for (const auto& f : parsed.failed)
        if (f.begin < c.begin && f.begin >= e.range_begin) e.range_begin = f.begin;
    }
    expects.push_back(e);
  }

  config.select = {rule_id};
  for (size_t b = 0; b < extra_select.size();) {
    size_t e = extra_select.find(',', b);
    if (e == std::string::npos) e = extra_select.size();
    if (e > b) config.select.push_back(extra_select.substr(b, e - b));
    b = e + 1;
  }
  const RuleSelection selection(config, {}, {});
  // A down fixture x.down.sql reads its sibling x.up.sql as its migration's up.
  std::optional<ParsedFile> up;
  if (role == Role::Down && name.ends_with(".down.sql")) {
    const auto up_path = file.parent_path() / (name.substr(0, name.size() - 9) + ".up.sql");
    if (fs::exists(up_path))
      up = parse_file(std::make_shared<SourceFile>(up_path.filename().string(), read_file(up_path)));
  }
  auto diags = analyze_unit_alone(parsed, role, in_tx, config, selection, up ? &*up : nullptr);

  std::vector<std::string> problems;
  for (const auto& text : malformed)
    problems.push_back(name + ": malformed expectation (no quote inside the substring): " + text);
  std::vector<bool> used(diags.size(), false);
  for (const auto& e : expects) {
    bool found = false;
    for (size_t i = 0; i < diags.size() && !found; ++i) {
      const auto& d = diags[i];
      if (used[i] || d.rule != e.rule) continue;
      if (!e.substring.empty() && d.message.find(e.substring) == std::string::npos) continue;
      if (e.line) {
        if (d.span.start.line != e.line || (e.column && d.span.start.column != e.column)) continue;
      } else if (d.span.begin < e.range_begin || d.span.begin >= e.range_end) {
        continue;
      }
      used[i] = true;
      found = true;
    }
    if (!found)
      problems.push_back(fmt::format("{}:{}: expected {} \"{}\" was not reported", file.filename().string(),
                                     e.written_at, e.rule, e.substring));
  }
  for (size_t i = 0; i < diags.size(); ++i)
    if (!used[i])
      problems.push_back(fmt::format("{}:{}:{}: unexpected {}: {}", file.filename().string(), diags[i].span.start.line,
                                     diags[i].span.start.column, diags[i].rule, diags[i].message));

  // Every fix the rule offers applies cleanly: the edited file still parses
  // and has one finding of the rule fewer.
  const auto count = [&](const std::vector<Diagnostic>& v) {
    return std::count_if(v.begin(), v.end(), [&](const Diagnostic& d) { return d.rule == rule_id; });
  };
  for (const auto& d : diags) {
    if (d.rule != rule_id || !d.fix) continue;
    std::string text(src->text());
    auto edits = d.fix->edits;
    std::sort(edits.begin(), edits.end(),
              [](const TextEdit& a, const TextEdit& b) { return a.span.begin > b.span.begin; });
    bool here = true;
    for (const auto& e : edits) {
      here = here && e.span.path == d.span.path && e.span.begin <= e.span.end && e.span.end <= text.size();
      if (here) text.replace(e.span.begin, e.span.end - e.span.begin, e.text);
    }
    if (!here) continue;  // edits elsewhere (another file) are checked by their own fixtures
    const ParsedFile fixed = parse_file(std::make_shared<SourceFile>(name, text));
    const auto after = analyze_unit_alone(fixed, role, in_tx, config, selection, up ? &*up : nullptr);
    if (!fixed.failed.empty())
      problems.push_back(fmt::format("{}:{}: the fix \"{}\" leaves a syntax error:\n{}", file.filename().string(),
                                     d.span.start.line, d.fix->description, text));
    else if (count(after) >= count(diags))
      problems.push_back(fmt::format("{}:{}: the fix \"{}\" does not remove the finding:\n{}", file.filename().string(),
                                     d.span.start.line, d.fix->description, text));
  }
  // All of the file's fixes at once, as `check --fix --unsafe-fixes` applies
  // them: the file still parses and none of the rule's fixable findings is left.
  std::vector<const Fix*> fixes;
  for (const auto& d : diags)
    if (d.fix) fixes.push_back(&*d.fix);
  const std::vector<TextEdit> edits = compatible_edits(fixes, src->path());
  if (!edits.empty()) {
    const std::string text = apply_edits(src->text(), edits);
    const ParsedFile fixed = parse_file(std::make_shared<SourceFile>(name, text));
    const auto after = analyze_unit_alone(fixed, role, in_tx, config, selection, up ? &*up : nullptr);
    if (!fixed.failed.empty())
      problems.push_back(
          fmt::format("{}: applying every fix leaves a syntax error:\n{}", file.filename().string(), text));
    for (const auto& d : after)
      if (d.rule == rule_id && d.fix)
        problems.push_back(fmt::format("{}:{}: applying every fix leaves \"{}\" to fix:\n{}", file.filename().string(),
                                       d.span.start.line, d.message, text));
  }
  return problems;
}

}  // namespace miglint::testing

namespace {

using miglint::testing::rule_fixture_files;

class RuleFixture : public ::testing::TestWithParam<fs::path> {};

// `-- fixture: grammar=18`: syntax that older grammars refuse; a build with
// an older grammar skips the fixture.
int fixture_grammar(const fs::path& file) {
  std::ifstream in(file);
  static const std::regex grammar_re(R"(^--\s*fixture:.*\bgrammar=(\d+))");
  std::smatch m;
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, m, grammar_re)) return std::stoi(m[1]);
  return 0;
}

TEST_P(RuleFixture, FindingsMatchExpectations) {
  if (const int g = fixture_grammar(GetParam()); g > miglint::pgc::kGrammarMajor)
    GTEST_SKIP() << "needs the PostgreSQL " << g << " grammar; this build parses with " << miglint::pgc::kGrammarMajor;
  const auto problems = miglint::testing::run_rule_fixture(GetParam());
  for (const auto& p : problems) ADD_FAILURE() << p;
}

std::string fixture_name(const ::testing::TestParamInfo<fs::path>& info) {
  std::string n = info.param.parent_path().filename().string() + "_" + info.param.stem().string();
  for (auto& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, ::testing::ValuesIn(rule_fixture_files()), fixture_name);

}  // namespace
