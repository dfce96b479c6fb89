// Baselines: known findings that do not fail a run (--write-baseline FILE,
// --baseline FILE).
//
// A finding's key is rule + path + a hash of the text of the line(s) its span
// covers (whitespace-trimmed) + its index among findings with the same first
// three parts, in report order. No line numbers: inserting or deleting lines
// elsewhere in the file keeps the key; editing the flagged line itself (or
// adding one more identical finding) does not.
//
// File format (JSON): {"version": 1, "findings": [{"rule", "path", "line_hash",
// "index", "message"}]}; "message" is for readers only and not part of the key.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "analyzer/diag/diagnostic.h"

namespace miglint {

class BaselineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The text of a file by Span::path; nullopt when unknown. The default reads
// the path from disk; the engine passes its own when text came from stdin.
using TextLookup = std::function<std::optional<std::string>(const std::string& path)>;
TextLookup disk_text_lookup();

class Baseline {
 public:
  struct Key {
    std::string rule, path, line_hash;
    size_t index = 0;
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 flags the 0 of a defaulted <=>
    auto operator<=>(const Key&) const = default;
  };

  // Throws BaselineError when the file cannot be read or is not a baseline.
  static Baseline load(const std::filesystem::path& file);
  static Baseline from_diagnostics(const std::vector<Diagnostic>& diags, const TextLookup& text = disk_text_lookup());
  // Throws BaselineError when the file cannot be written.
  void save(const std::filesystem::path& file) const;
  std::string to_json() const;

  // The diagnostics that are not in the baseline, in their original order.
  std::vector<Diagnostic> filter(const std::vector<Diagnostic>& diags,
                                 const TextLookup& text = disk_text_lookup()) const;
  size_t size() const { return entries_.size(); }

  // Keys of the diagnostics, in the same order.
  static std::vector<Key> keys(const std::vector<Diagnostic>& diags, const TextLookup& text);

 private:
  struct Entry {
    Key key;
    std::string message;
  };
  std::vector<Entry> entries_;
};

}  // namespace miglint
