// Value types that keep the schema model small. A large folder's model holds
// hundreds of thousands of columns, constraints and index keys, and a table
// is copied whenever it changes: fields most objects leave empty, and small
// sets of names, should not cost what a std::string or a std::set does.
#pragma once
#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace miglint::catalog {

// A text that is usually empty (a column's collation, an index key's operator
// class): 8 bytes when empty, where a std::string is 32. Copies copy the text.
class RareText {
 public:
  RareText() = default;
  RareText(std::string_view s) { assign(s); }    // NOLINT(google-explicit-constructor): stands in for a string
  RareText(const std::string& s) { assign(s); }  // NOLINT(google-explicit-constructor)
  RareText(const char* s) { assign(s); }         // NOLINT(google-explicit-constructor)
  RareText(const RareText& o) { assign(o.str()); }
  RareText(RareText&&) noexcept = default;
  RareText& operator=(const RareText& o) {
    if (this != &o) assign(o.str());
    return *this;
  }
  RareText& operator=(RareText&&) noexcept = default;
  RareText& operator=(std::string_view s) {
    assign(s);
    return *this;
  }
  RareText& operator=(const std::string& s) { return *this = std::string_view(s); }
  RareText& operator=(const char* s) { return *this = std::string_view(s); }

  const std::string& str() const { return p_ ? *p_ : empty_text(); }
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)
  operator std::string_view() const { return str(); }    // NOLINT(google-explicit-constructor)
  bool empty() const { return !p_; }
  size_t size() const { return str().size(); }
  void clear() { p_.reset(); }

  friend bool operator==(const RareText& a, const RareText& b) { return a.str() == b.str(); }
  friend bool operator==(const RareText& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const RareText& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const RareText& a, const char* b) { return a.str() == b; }
  friend std::string operator+(const RareText& a, std::string_view b) { return std::string(a.str()).append(b); }
  friend std::string operator+(std::string_view a, const RareText& b) { return std::string(a).append(b.str()); }
  friend std::string operator+(const std::string& a, const RareText& b) { return a + b.str(); }
  friend std::string operator+(const char* a, const RareText& b) { return std::string(a).append(b.str()); }

 private:
  void assign(std::string_view s) {
    if (s.empty()) p_.reset();
    else p_ = std::make_unique<std::string>(s);
  }
  static const std::string& empty_text() {
    static const std::string e;
    return e;
  }
  std::unique_ptr<std::string> p_;  // null: empty
};

// A sorted set of names (the columns a constraint or index uses): what
// std::set<std::string> offers the model, in a sorted vector. Sets this small
// are cheaper searched than linked, and a node per name cost 64 bytes.
class NameSet {
 public:
  using value_type = std::string;
  using const_iterator = std::vector<std::string>::const_iterator;
  using iterator = const_iterator;

  const_iterator begin() const { return names_.begin(); }
  const_iterator end() const { return names_.end(); }
  bool empty() const { return names_.empty(); }
  size_t size() const { return names_.size(); }
  size_t count(std::string_view n) const { return std::binary_search(names_.begin(), names_.end(), n) ? 1 : 0; }
  bool contains(std::string_view n) const { return count(n) != 0; }

  std::pair<const_iterator, bool> insert(std::string_view n) {
    auto it = std::lower_bound(names_.begin(), names_.end(), n);
    if (it != names_.end() && *it == n) return {it, false};
    return {names_.insert(it, std::string(n)), true};
  }
  template <class It>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(std::string_view(*first));
  }
  size_t erase(std::string_view n) {
    auto it = std::lower_bound(names_.begin(), names_.end(), n);
    if (it == names_.end() || *it != n) return 0;
    names_.erase(it);
    return 1;
  }
  void clear() { names_.clear(); }
  // Gives back the room a finished set does not use.
  void shrink_to_fit() { names_.shrink_to_fit(); }

  friend bool operator==(const NameSet&, const NameSet&) = default;

 private:
  std::vector<std::string> names_;  // sorted, unique
};

}  // namespace miglint::catalog

template <>
struct fmt::formatter<miglint::catalog::RareText> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const miglint::catalog::RareText& s, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(std::string_view(s.str()), ctx);
  }
};
