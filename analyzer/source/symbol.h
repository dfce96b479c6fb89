// A string kept once per process. Findings repeat the same few texts many
// times (rule ids, paths, help and fix descriptions): a large folder's report
// holds hundreds of thousands of findings, and each copy of those texts cost
// a heap block. A Symbol is one pointer into a process-wide pool, so copies
// are free and equal texts compare by address.
//
// Only for texts drawn from a small set (a folder's paths, the rules' own
// words): the pool is never emptied, and what goes in stays for the life of
// the process.
#pragma once
#include <compare>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace miglint {

class Symbol {
 public:
  Symbol() = default;
  Symbol(std::string_view text);  // NOLINT(google-explicit-constructor): a Symbol stands in for a string
  Symbol(const std::string& text) : Symbol(std::string_view(text)) {}
  Symbol(const char* text) : Symbol(std::string_view(text)) {}

  const std::string& str() const { return text_ ? *text_ : empty_text(); }
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)
  operator std::string_view() const { return str(); }    // NOLINT(google-explicit-constructor)
  const char* c_str() const { return str().c_str(); }
  const char* data() const { return str().data(); }
  size_t size() const { return str().size(); }
  bool empty() const { return size() == 0; }
  bool starts_with(std::string_view p) const { return str().starts_with(p); }
  bool ends_with(std::string_view p) const { return str().ends_with(p); }
  // Equal texts share one address (the empty text: null).
  const void* address() const { return text_; }
  // The Symbol at an address() taken in this process (compact encodings of
  // findings store the address instead of the text).
  static Symbol at_address(const void* address) {
    Symbol s;
    s.text_ = static_cast<const std::string*>(address);
    return s;
  }

  friend bool operator==(const Symbol& a, const Symbol& b) { return a.text_ == b.text_ || (a.empty() && b.empty()); }
  friend bool operator==(const Symbol& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const Symbol& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const Symbol& a, const char* b) { return a.str() == b; }
  friend std::strong_ordering operator<=>(const Symbol& a, const Symbol& b) {
    return a == b ? std::strong_ordering::equal : a.str() <=> b.str();
  }
  // Exact overloads for every text type, so that comparing never interns.
  friend std::strong_ordering operator<=>(const Symbol& a, std::string_view b) { return a.str().compare(b) <=> 0; }
  friend std::strong_ordering operator<=>(const Symbol& a, const std::string& b) { return a.str().compare(b) <=> 0; }
  friend std::strong_ordering operator<=>(const Symbol& a, const char* b) { return a.str().compare(b) <=> 0; }
  friend std::string operator+(const Symbol& a, std::string_view b) { return std::string(a.str()).append(b); }
  friend std::string operator+(std::string_view a, const Symbol& b) { return std::string(a).append(b.str()); }
  friend std::ostream& operator<<(std::ostream& os, const Symbol& s) { return os << s.str(); }

 private:
  static const std::string& empty_text();
  const std::string* text_ = nullptr;  // in the pool; null: empty
};

}  // namespace miglint

template <>
struct std::hash<miglint::Symbol> {
  size_t operator()(const miglint::Symbol& s) const noexcept { return std::hash<const void*>()(s.address()); }
};

template <>
struct fmt::formatter<miglint::Symbol> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const miglint::Symbol& s, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(std::string_view(s.str()), ctx);
  }
};
