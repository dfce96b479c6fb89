// Small ASCII string helpers shared by every layer (SQL keywords, config
// values, headers: all ASCII, so no locale is involved).
#pragma once
#include <cctype>
#include <string>
#include <string_view>

namespace miglint {

// ASCII lowercase.
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Without leading and trailing characters of `chars`.
inline std::string_view trim_chars(std::string_view s, std::string_view chars) {
  while (!s.empty() && chars.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

// Without trailing white space (isspace).
inline std::string_view trim_right(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Without leading and trailing white space (isspace).
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return trim_right(s);
}

}  // namespace miglint
