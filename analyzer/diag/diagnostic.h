// The one finding type every rule produces and every output format reads.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source/source_file.h"
#include "analyzer/source/symbol.h"

namespace miglint {

enum class Severity { Info = 0, Warning = 1, Error = 2 };

std::string_view severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

// A resolved range in one file: byte offsets plus their positions.
// Paths, rule ids, help and fix descriptions are Symbols: a large folder's
// report repeats each of them thousands of times.
struct Span {
  Symbol path;
  size_t begin = 0;
  size_t end = 0;
  Position start;
  Position stop;
};

Span make_span(const SourceFile& file, size_t begin, size_t end);

struct Note {
  Span span;
  std::string message;
};

struct TextEdit {
  Span span;
  std::string text;
};

// Whether applying a fix keeps what the migration does (`--fix` applies
// it) or may change it (only with `--unsafe-fixes`): a lock or statement
// timeout can make a migration fail that ran, CONCURRENTLY fails in a
// transaction block, NOT VALID leaves existing rows unchecked.
enum class FixSafety { Safe, Unsafe };

struct Fix {
  Symbol description;
  std::vector<TextEdit> edits;
  FixSafety safety = FixSafety::Unsafe;
};

struct Diagnostic {
  Symbol rule;
  Severity severity = Severity::Warning;
  Span span;
  std::string message;
  Symbol help;
  std::vector<Note> notes;
  std::optional<Fix> fix;
};

// Deterministic report order: path, position, rule, message.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);

}  // namespace miglint
