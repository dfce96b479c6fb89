// Regular expressions a user writes (migrations.name_pattern): matched by
// RE2, whose time is linear in the text, so no pattern can make a run hang
// the way a backtracking engine does on `(a+)+$`.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace miglint
