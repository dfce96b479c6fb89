// dbmate: one <version>_<name>.sql per migration holding both halves, after
// `-- migrate:up` and `-- migrate:down`.
//
// Transaction mode: dbmate wraps each migration in a transaction unless its
// `-- migrate:up` line says `transaction:false`.
#include <optional>
#include <string>
#include <utility>

#include "analyzer/migrations/layout.h"

namespace miglint::layouts {
namespace {

// "-- migrate:up transaction:false" → ("up", "transaction:false").
std::pair<std::string, std::string> dbmate_command(std::string_view line) {
  line = trim(line);
  if (line.substr(0, 2) != "--") return {};
  line = trim(line.substr(2));
  if (line.substr(0, 8) != "migrate:") return {};
  line.remove_prefix(8);
  size_t sp = line.find_first_of(" \t");
  std::string cmd(line.substr(0, sp));
  std::string opts = sp == std::string_view::npos ? std::string() : std::string(trim(line.substr(sp)));
  return {cmd, opts};
}

class Dbmate final : public SectionedFileLayout {
 public:
  std::string_view name() const override { return "dbmate"; }

  bool claims_file(std::string_view, const std::string* text) const override {
    for (const Line& l : split_lines(*text)) {
      auto [cmd, opts] = dbmate_command(l.text);
      if (cmd == "up" || cmd == "down") return true;
    }
    return false;
  }

  bool in_transaction_by_default() const override { return true; }

  void sections(std::string_view text, Candidate& c) const override {
    std::optional<size_t> up_begin, up_end, down_begin, down_end;
    for (const Line& l : split_lines(text)) {
      auto [cmd, opts] = dbmate_command(l.text);
      if (cmd == "up" && !up_begin) {
        up_begin = l.next;
        if (down_begin && !down_end) down_end = l.begin;
        if (opts.find("transaction:false") != std::string::npos) c.in_transaction = false;
      } else if (cmd == "down" && !down_begin) {
        down_begin = l.next;
        if (up_begin && !up_end) up_end = l.begin;
      }
    }
    if (up_begin) c.up = Range{*up_begin, up_end.value_or(text.size())};
    if (down_begin) c.down = Range{*down_begin, down_end.value_or(text.size())};
  }

  Downs downs() const override { return Downs::Expected; }
  std::string missing_down_help(const Migration&) const override {
    return "add a '-- migrate:down' section that undoes the up section";
  }
};

}  // namespace

const LayoutKind& dbmate_layout() {
  static const Dbmate kind;
  return kind;
}

}  // namespace miglint::layouts
