// Version keys: numeric comparison of versions of any length and shape.
#include <cctype>
#include <string>

#include "analyzer/migrations/migration.h"

namespace miglint {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Digit count first, then 18-digit chunks: numeric order for any length.
void append_component(std::string_view digits, VersionKey& key) {
  size_t first = digits.find_first_not_of('0');
  std::string_view sig = first == std::string_view::npos ? std::string_view{} : digits.substr(first);
  key.parts.push_back(sig.size());
  for (size_t i = 0; i < sig.size(); i += 18) {
    uint64_t v = 0;
    for (char c : sig.substr(i, 18)) v = v * 10 + static_cast<uint64_t>(c - '0');
    key.parts.push_back(v);
  }
}

// diesel: YYYY-MM-DD-HHMMSS with an optional -NNNN suffix.
bool parse_diesel(std::string_view s, VersionKey& key) {
  if (s.size() < 17) return false;
  for (size_t i = 0; i < 17; ++i) {
    bool dash = i == 4 || i == 7 || i == 10;
    if (dash ? s[i] != '-' : !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  std::string_view suffix = s.substr(17);
  if (!suffix.empty() && (suffix[0] != '-' || !all_digits(suffix.substr(1)))) return false;
  std::string digits;
  for (char c : s.substr(0, 17))
    if (c != '-') digits.push_back(c);
  append_component(digits, key);
  if (!suffix.empty()) append_component(suffix.substr(1), key);
  return true;
}

}  // namespace

std::optional<VersionKey> parse_version(std::string_view text) {
  if (!text.empty() && (text[0] == 'V' || text[0] == 'v')) text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  VersionKey key;
  if (text.find('-') != std::string_view::npos) {
    if (parse_diesel(text, key)) return key;
    return std::nullopt;
  }
  // Flyway separates components with '.' or '_' ("1.2.10", "1_2").
  size_t start = 0;
  while (true) {
    size_t sep = text.find_first_of("._", start);
    std::string_view part = text.substr(start, sep == std::string_view::npos ? std::string_view::npos : sep - start);
    if (!all_digits(part)) return std::nullopt;
    append_component(part, key);
    if (sep == std::string_view::npos) break;
    start = sep + 1;
  }
  return key;
}

}  // namespace miglint
