#include "analyzer/config/config.h"

#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "analyzer/config/pattern.h"
#include "analyzer/source/file_io.h"

namespace miglint {
namespace {

std::string where(const std::string& origin, const toml::node& n) {
  return fmt::format("{}:{}", origin, n.source().begin.line);
}

[[noreturn]] void fail(const std::string& origin, const toml::node& n, const std::string& msg) {
  throw ConfigError(fmt::format("{}: {}", where(origin, n), msg));
}

using KeySet = std::set<std::string, std::less<>>;
// Every key the parser takes, by table (docs/CONFIG.md documents each one).
const KeySet kTopKeys{"pg_version", "assume_in_transaction", "max_file_size_mb", "exclude", "migrations", "rules",
                      "protect"};
const KeySet kMigrationsKeys{"dir", "layout", "name_pattern"};
const KeySet kRulesKeys{"select", "ignore", "severity", "doc_url"};
const KeySet kProtectKinds{"table", "column", "index", "constraint", "type", "function", "schema"};

void check_keys(const std::string& origin, const toml::table& t, const std::set<std::string, std::less<>>& allowed,
                std::string_view section) {
  for (const auto& [k, v] : t) {
    if (!allowed.contains(k.str())) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      fail(origin, v,
           fmt::format("unknown key `{}`{} (expected one of: {})", k.str(),
                       section.empty() ? "" : fmt::format(" in [{}]", section), list));
    }
  }
}

std::string get_string(const std::string& origin, const toml::node& n, std::string_view key) {
  if (const auto* s = n.as_string()) return s->get();
  fail(origin, n, fmt::format("`{}` must be a string", key));
}

std::vector<std::string> get_string_list(const std::string& origin, const toml::node& n, std::string_view key) {
  const auto* arr = n.as_array();
  if (!arr) fail(origin, n, fmt::format("`{}` must be an array of strings", key));
  std::vector<std::string> out;
  for (const auto& e : *arr) out.push_back(get_string(origin, e, key));
  return out;
}

}  // namespace

std::optional<std::filesystem::path> find_config(const std::filesystem::path& start) {
  std::error_code ec;
  auto dir = std::filesystem::absolute(start, ec);
  if (ec) return std::nullopt;
  while (true) {
    auto candidate = dir / "miglint.toml";
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::vector<std::string> config_keys() {
  std::vector<std::string> out;
  for (const auto& k : kTopKeys)
    if (k != "migrations" && k != "rules" && k != "protect") out.push_back(k);
  for (const auto& k : kMigrationsKeys) out.push_back("migrations." + k);
  for (const auto& k : kRulesKeys) out.push_back("rules." + k);
  for (const auto& k : kProtectKinds) out.push_back("protect." + k);
  out.emplace_back("protect.reason");
  return out;
}

Config load_config(const std::filesystem::path& file) {
  std::string text, error;
  if (!read_file_bytes(file, text, &error, kMaxConfigBytes))
    throw ConfigError(fmt::format("{}: cannot read config file: {}", file.string(), error));
  Config c = parse_config(text, file.string());
  c.file = file;
  return c;
}

namespace {

// toml++ 3.3 classifies a character as whitespace through a table with holes:
// some code points (U+00A1 to U+049A among them) reach __builtin_unreachable,
// which is undefined behaviour. It asks only outside strings and comments,
// where valid TOML has no such character, and in a multi-line basic string
// right after a backslash. Those places are refused here, before toml++ sees
// them, as the invalid TOML they nearly always are.
void refuse_unclassifiable(std::string_view s, const std::string& origin) {
  enum class In { Plain, Comment, Basic, Literal, MultiBasic, MultiLiteral } in = In::Plain;
  size_t line = 1, line_start = 0;
  const auto non_ascii = [&](size_t i) { return i < s.size() && static_cast<unsigned char>(s[i]) >= 0x80; };
  const auto fail_at = [&](size_t i, std::string_view what) {
    size_t column = 1;  // in characters
    for (size_t k = line_start; k < i; ++k) column += (static_cast<unsigned char>(s[k]) & 0xC0) != 0x80;
    throw ConfigError(fmt::format("{}:{}:{}: invalid TOML: {}", origin, line, column, what));
  };
  const auto run_of = [&](size_t i, char q) {
    size_t n = 0;
    while (i + n < s.size() && s[i + n] == q) ++n;
    return n;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch == '\n') {
      ++line;
      line_start = i + 1;
      if (in != In::MultiBasic && in != In::MultiLiteral)
        in = In::Plain;  // a single-line string ends (toml++ says how)
      continue;
    }
    switch (in) {
      case In::Plain:
        if (ch == '#') in = In::Comment;
        else if (ch == '"' || ch == '\'') {
          const bool multi = run_of(i, ch) >= 3;
          in = ch == '"' ? (multi ? In::MultiBasic : In::Basic) : (multi ? In::MultiLiteral : In::Literal);
          if (multi) i += 2;
        } else if (non_ascii(i)) {
          fail_at(i, "a character beyond ASCII outside a string or comment");
        }
        break;
      case In::Comment: break;
      case In::Basic:
        if (ch == '\\' && i + 1 < s.size() && s[i + 1] != '\n') ++i;
        else if (ch == '"') in = In::Plain;
        break;
      case In::Literal:
        if (ch == '\'') in = In::Plain;
        break;
      case In::MultiBasic:
        if (ch == '\\') {
          if (non_ascii(i + 1)) fail_at(i + 1, "a backslash before a character beyond ASCII");
          size_t j = i + 1;
          while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
          if (j < s.size() && (s[j] == '\n' || s[j] == '\r')) {
            // A line-ending backslash: the whitespace after it is skipped.
            for (; j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'); ++j)
              if (s[j] == '\n') {
                ++line;
                line_start = j + 1;
              }
            if (non_ascii(j)) fail_at(j, "a character beyond ASCII right after a line-ending backslash");
            i = j - 1;
          } else {
            ++i;  // an escape
          }
        } else if (ch == '"' && run_of(i, '"') >= 3) {
          i += run_of(i, '"') - 1;  // up to two quotes before the closing three belong to the string
          in = In::Plain;
        }
        break;
      case In::MultiLiteral:
        if (ch == '\'' && run_of(i, '\'') >= 3) {
          i += run_of(i, '\'') - 1;
          in = In::Plain;
        }
        break;
    }
  }
}

// The text with each character beyond ASCII replaced by one of the same
// length that toml++ classifies safely, and never as whitespace (U+0500,
// U+E000, U+10000). Where toml++ asks about such a character outside a
// string it then reports invalid TOML, and a text it accepts is valid TOML,
// whose strings and comments refuse_unclassifiable reads as toml++ does.
std::string with_safe_characters(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size();) {
    const auto b = static_cast<unsigned char>(out[i]);
    const size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    bool whole = b >= 0xC0 && i + len <= out.size();
    for (size_t k = 1; whole && k < len; ++k) whole = (static_cast<unsigned char>(out[i + k]) & 0xC0) == 0x80;
    if (!whole) {  // ASCII, or bytes that are not UTF-8 (toml++ reports them)
      ++i;
      continue;
    }
    static constexpr std::string_view kSafe[] = {"", "", "\xD4\x80", "\xEE\x80\x80", "\xF0\x90\x80\x80"};
    out.replace(i, len, kSafe[len]);
    i += len;
  }
  return out;
}

[[noreturn]] void throw_parse_error(const toml::parse_error& e, const std::string& origin) {
  std::string what(e.description());
  // Where the message quotes a stand-in of with_safe_characters.
  for (const std::string_view safe : {"\xD4\x80", "\xEE\x80\x80", "\xF0\x90\x80\x80"})
    for (size_t at; (at = what.find(safe)) != std::string::npos;)
      what.replace(at, safe.size(), "a character beyond ASCII");
  throw ConfigError(
      fmt::format("{}:{}:{}: invalid TOML: {}", origin, e.source().begin.line, e.source().begin.column, what));
}

}  // namespace

Config parse_config(std::string_view text, const std::string& origin) {
  try {
    (void)toml::parse(with_safe_characters(text), origin);
  } catch (const toml::parse_error& e) {
    throw_parse_error(e, origin);
  }
  refuse_unclassifiable(text, origin);
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    throw_parse_error(e, origin);
  }
  Config c;
  check_keys(origin, root, kTopKeys, "");
  if (const auto* n = root.get("pg_version")) {
    const auto* i = n->as_integer();
    if (!i || i->get() < 9 || i->get() > 18)
      fail(origin, *n, "`pg_version` must be an integer major version between 9 and 18, e.g. 15");
    c.pg_version = static_cast<int>(i->get());
  }
  if (const auto* n = root.get("max_file_size_mb")) {
    const auto* i = n->as_integer();
    if (!i || i->get() < 1 || i->get() > 4096)
      fail(origin, *n, "`max_file_size_mb` must be an integer number of MiB between 1 and 4096");
    c.max_file_bytes = static_cast<std::size_t>(i->get()) << 20;
  }
  if (const auto* n = root.get("assume_in_transaction")) {
    const auto* b = n->as_boolean();
    if (!b) fail(origin, *n, "`assume_in_transaction` must be true or false");
    c.assume_in_transaction = b->get();
  }
  if (const auto* n = root.get("exclude")) {
    // Relative to the config file's folder, as the file is written there.
    const std::filesystem::path base = std::filesystem::path(origin).parent_path();
    (void)get_string_list(origin, *n, "exclude");  // an array of strings
    for (const auto& e : *n->as_array()) {
      const std::string glob = e.as_string()->get();
      std::string error;
      if (!c.exclude.add(glob, base, &error))
        fail(origin, e, fmt::format("`exclude` entry \"{}\" is not a usable glob: {}", glob, error));
    }
  }
  if (const auto* n = root.get("migrations")) {
    const auto* t = n->as_table();
    if (!t) fail(origin, *n, "`migrations` must be a table");
    check_keys(origin, *t, kMigrationsKeys, "migrations");
    if (const auto* d = t->get("dir")) c.migrations_dir = get_string(origin, *d, "dir");
    if (const auto* l = t->get("layout")) {
      c.layout = get_string(origin, *l, "layout");
      c.layout_origin = where(origin, *l);
    }
    if (const auto* p = t->get("name_pattern")) {
      std::string error;
      c.name_pattern = Pattern::compile(get_string(origin, *p, "name_pattern"), &error);
      if (!c.name_pattern)
        fail(origin, *p,
             fmt::format("`name_pattern` is not a regular expression miglint can run in linear time (RE2 syntax; "
                         "no back-references or look-around): {}",
                         error));
    }
  }
  if (const auto* n = root.get("rules")) {
    const auto* t = n->as_table();
    if (!t) fail(origin, *n, "`rules` must be a table");
    check_keys(origin, *t, kRulesKeys, "rules");
    if (const auto* s = t->get("select")) c.select = get_string_list(origin, *s, "select");
    if (const auto* s = t->get("ignore")) c.ignore = get_string_list(origin, *s, "ignore");
    if (const auto* u = t->get("doc_url")) {
      c.doc_url = get_string(origin, *u, "doc_url");
      if (c.doc_url.find("{id}") == std::string::npos)
        fail(origin, *u,
             "`doc_url` must contain `{id}`, which stands for the rule id, e.g. "
             "\"https://wiki.example.com/miglint/{id}\"");
    }
    if (const auto* s = t->get("severity")) {
      const auto* st = s->as_table();
      if (!st) fail(origin, *s, "`rules.severity` must be a table of rule = \"error|warning|info\"");
      for (const auto& [k, v] : *st) {
        const std::string sev = get_string(origin, v, k.str());
        const auto parsed = parse_severity(sev);
        if (!parsed)
          fail(origin, v,
               fmt::format("severity of `{}` must be \"error\", \"warning\" or \"info\", not \"{}\"", k.str(), sev));
        c.severity[std::string(k.str())] = *parsed;
      }
    }
    // Rule ids are checked against the registry by the caller (validate_rule_ids).
    for (const auto* key : {"select", "ignore"}) {
      if (const auto* s = t->get(key))
        for (const auto& e : *s->as_array()) c.rule_id_origins.push_back({e.as_string()->get(), where(origin, e)});
    }
    if (const auto* s = t->get("severity"))
      for (const auto& [k, v] : *s->as_table()) c.rule_id_origins.push_back({std::string(k.str()), where(origin, v)});
  }
  if (const auto* n = root.get("protect")) {
    const auto* arr = n->as_array();
    if (!arr) fail(origin, *n, "`protect` must be an array of tables: [[protect]]");
    const KeySet& kinds = kProtectKinds;
    for (const auto& e : *arr) {
      const auto* t = e.as_table();
      if (!t) fail(origin, e, "each [[protect]] entry must be a table");
      ProtectEntry p;
      p.origin = where(origin, e);
      for (const auto& [k, v] : *t) {
        if (k.str() == "reason") {
          p.reason = get_string(origin, v, "reason");
        } else if (kinds.contains(k.str())) {
          if (!p.kind.empty())
            fail(origin, v,
                 fmt::format("[[protect]] entry names both `{}` and `{}`; use one entry per object", p.kind, k.str()));
          p.kind = std::string(k.str());
          p.name = get_string(origin, v, k.str());
          if (p.name.empty()) fail(origin, v, fmt::format("`{}` must not be empty", p.kind));
        } else {
          fail(origin, v,
               fmt::format("unknown key `{}` in [[protect]] (expected one of table, column, index, constraint, type, "
                           "function, schema, reason)",
                           k.str()));
        }
      }
      if (p.kind.empty())
        fail(origin, e, "[[protect]] entry needs one of table, column, index, constraint, type, function, schema");
      c.protect.push_back(std::move(p));
    }
  }
  return c;
}

}  // namespace miglint
