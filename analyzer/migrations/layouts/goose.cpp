// goose: one <version>_<name>.sql per migration holding both halves, after
// `-- +goose Up` and `-- +goose Down` (with StatementBegin/End blocks).
//
// Transaction mode: goose wraps each migration in a transaction unless the
// file says `-- +goose NO TRANSACTION`.
#include <cctype>
#include <optional>
#include <string>

#include "analyzer/migrations/layout.h"

namespace miglint::layouts {
namespace {

// "-- +goose Up" → "up"; "" when the line is no goose annotation.
std::string goose_command(std::string_view line) {
  line = trim(line);
  if (line.substr(0, 2) != "--") return {};
  line = trim(line.substr(2));
  if (lower(line.substr(0, 6)) != "+goose") return {};
  std::string cmd = lower(trim(line.substr(6)));
  // Collapse inner whitespace: "NO  TRANSACTION".
  std::string out;
  for (char c : cmd)
    if (!(std::isspace(static_cast<unsigned char>(c)) && !out.empty() && out.back() == ' '))
      out.push_back(std::isspace(static_cast<unsigned char>(c)) ? ' ' : c);
  return out;
}

class Goose final : public SectionedFileLayout {
 public:
  std::string_view name() const override { return "goose"; }

  bool claims_file(std::string_view, const std::string* text) const override {
    for (const Line& l : split_lines(*text)) {
      std::string cmd = goose_command(l.text);
      if (cmd == "up" || cmd == "down") return true;
    }
    return false;
  }

  bool in_transaction_by_default() const override { return true; }

  void sections(std::string_view text, Candidate& c) const override {
    std::optional<size_t> up_begin, down_begin, up_end;
    for (const Line& l : split_lines(text)) {
      std::string cmd = goose_command(l.text);
      if (cmd == "up" && !up_begin) {
        up_begin = l.next;
      } else if (cmd == "down" && !down_begin) {
        down_begin = l.next;
        if (up_begin && !up_end) up_end = l.begin;
      } else if (cmd == "no transaction") {
        c.in_transaction = false;
      }
    }
    if (up_begin) c.up = Range{*up_begin, up_end.value_or(text.size())};
    if (down_begin) {
      // A Down before Up ends where Up starts.
      size_t end = text.size();
      if (up_begin && *up_begin > *down_begin) {
        for (const Line& l : split_lines(text))
          if (l.next == *up_begin) end = l.begin;
      }
      c.down = Range{*down_begin, end};
    }
  }

  Downs downs() const override { return Downs::Expected; }
  std::string missing_down_help(const Migration&) const override {
    return "add a '-- +goose Down' section that undoes the up section";
  }
};

}  // namespace

const LayoutKind& goose_layout() {
  static const Goose kind;
  return kind;
}

}  // namespace miglint::layouts
