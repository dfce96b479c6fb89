// plain: up-only <version><sep><name>.sql files ordered by version (many
// tools); the fallback: a folder where no other layout is recognised is read
// as plain.
//
// Transaction mode: nothing is known about the runner, so no transaction is
// claimed.
#include "analyzer/migrations/layout.h"

namespace miglint::layouts {
namespace {

constexpr std::string_view kSeparators = "_-.";

class Plain final : public LayoutKind {
 public:
  std::string_view name() const override { return "plain"; }

  Detect detect() const override { return Detect::Fallback; }
  bool claims_file(std::string_view name, const std::string*) const override {
    Candidate c;
    return match_single(name, c, kSeparators);
  }

  void collect(FolderReader& reader) const override {
    for (std::string_view f : reader.top_files()) {
      if (!ends_with(f, ".sql")) continue;
      Candidate c;
      c.rel = f;
      c.part = Part::Up;
      if (match_single(f, c, kSeparators)) reader.add_whole(std::move(c), true);
      else reader.unmatched(f);
    }
  }
  bool listing_decides() const override { return true; }
  bool in_transaction_by_default() const override { return false; }

  std::string_view stem(std::string_view file) const override {
    Candidate c;
    match_single(file_name(file), c, kSeparators);
    return c.stem;
  }
  bool version_of(const std::vector<std::string>& parts, Candidate& c) const override {
    return parts.size() == 1 && match_single(parts[0], c, kSeparators);
  }

  Downs downs() const override { return Downs::None; }
  std::string missing_down_help(const Migration&) const override { return "add a down migration"; }
};

}  // namespace

const LayoutKind& plain_layout() {
  static const Plain kind;
  return kind;
}

}  // namespace miglint::layouts
