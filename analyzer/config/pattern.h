// Regular expressions a user writes (migrations.name_pattern): matched by
// RE2, whose time is linear in the text, so no pattern can make a run hang
// the way a backtracking engine does on `(a+)+$`.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace miglint {

class Pattern {
 public:
  // nullopt (and why in *error) when the pattern does not compile, or uses
  // what a linear-time engine cannot do (back-references, look-around).
  static std::optional<Pattern> compile(const std::string& text, std::string* error);
  // Does the pattern match somewhere in `s` (anchor it with ^ and $)?
  bool search(std::string_view s) const;
  const std::string& text() const;

 private:
  explicit Pattern(std::shared_ptr<const re2::RE2> re) : re_(std::move(re)) {}
  std::shared_ptr<const re2::RE2> re_;
};

// Globs that leave files and directories out of an analysis (`exclude` in
// the config, `--exclude`), run as RE2 patterns: `*` and `?` within one path
// component, `**` across components, `[...]` a character class. A glob
// without `/` matches an entry's name anywhere; with one, its path relative
// to the glob's base directory. A trailing `/` matches directories only. An
// excluded directory is not looked into.
class PathFilter {
 public:
  // False (and why in *error) when the glob cannot be used.
  bool add(const std::string& glob, const std::filesystem::path& base, std::string* error);
  bool empty() const { return globs_.empty(); }
  const std::vector<std::string>& globs() const { return texts_; }
  // `dir_prefix`: the absolute, normal path of the entry's directory,
  // ending in '/' (dir_prefix_of); `name`: the entry's name.
  bool excluded(const std::string& dir_prefix, std::string_view name, bool dir) const;
  static std::string dir_prefix_of(const std::filesystem::path& dir);

 private:
  struct Glob {
    Pattern re;
    bool by_name = false;
    bool dir_only = false;
  };
  std::vector<Glob> globs_;
  std::vector<std::string> texts_;
};

}  // namespace miglint
