// An optional value kept out of line and shared between copies.
//
// The schema model holds one Column per column of every table (hundreds of
// thousands in a large folder), and a table is copied whenever it changes;
// an inline std::optional<Expr> costs 72 bytes whether set or not and is
// copied with its table. A Boxed costs 16, and copies share the value until
// one of them is changed (copy on write).
#pragma once
#include <memory>
#include <optional>
#include <utility>

namespace miglint::catalog {

template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(std::nullopt_t) {}                                 // NOLINT(google-explicit-constructor)
  Boxed(const T& v) : p_(std::make_shared<T>(v)) {}        // NOLINT(google-explicit-constructor)
  Boxed(T&& v) : p_(std::make_shared<T>(std::move(v))) {}  // NOLINT(google-explicit-constructor)
  Boxed(std::optional<T> v) {                              // NOLINT(google-explicit-constructor)
    if (v) p_ = std::make_shared<T>(std::move(*v));
  }

  Boxed& operator=(std::nullopt_t) {
    p_.reset();
    return *this;
  }
  Boxed& operator=(const T& v) { return *this = Boxed(v); }
  Boxed& operator=(T&& v) { return *this = Boxed(std::move(v)); }

  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return *p_; }
  const T* operator->() const { return p_.get(); }
  // Changing the value first makes it this copy's own.
  T& operator*() { return *own(); }
  T* operator->() { return own(); }
  const T& value() const {
    if (!p_) throw std::bad_optional_access();
    return *p_;
  }
  template <class... A>
  T& emplace(A&&... args) {
    p_ = std::make_shared<T>(std::forward<A>(args)...);
    return *p_;
  }
  void reset() { p_.reset(); }
  std::optional<T> optional() const { return p_ ? std::optional<T>(*p_) : std::nullopt; }

  friend bool operator==(const Boxed& a, const Boxed& b) {
    return a.p_ == b.p_ || (a.p_ && b.p_ ? *a.p_ == *b.p_ : a.p_ == b.p_);
  }
  friend bool operator==(const Boxed& a, std::nullopt_t) { return !a.p_; }

 private:
  T* own() {
    if (p_ && p_.use_count() > 1) p_ = std::make_shared<T>(*p_);
    return p_.get();
  }
  std::shared_ptr<T> p_;
};

}  // namespace miglint::catalog
