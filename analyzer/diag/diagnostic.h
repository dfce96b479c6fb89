// The one finding type every rule produces and every output format reads.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source/source_file.h"

namespace miglint {

enum class Severity { Info = 0, Warning = 1, Error = 2 };

std::string_view severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

// A resolved range in one file: byte offsets plus their positions.
struct Span {
  std::string path;
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

struct Fix {
  std::string description;
  std::vector<TextEdit> edits;
};

struct Diagnostic {
  std::string rule;
  Severity severity = Severity::Warning;
  Span span;
  std::string message;
  std::string help;
  std::vector<Note> notes;
  std::optional<Fix> fix;
};

// Deterministic report order: path, position, rule, message.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);

}  // namespace miglint
