// Helpers of the folder-wide schema rules (protected-object, unintended-drop).
#pragma once
#include <charconv>
#include <string>
#include <string_view>

#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/source/display_path.h"
#include "analyzer/source/file_io.h"
#include "analyzer/source/source_file.h"

namespace miglint {

// Where a config entry is written ("miglint.toml:12" → line 12 of
// Config::file); the folder itself when the config has no file on disk.
inline Span config_span(const Config& config, std::string_view origin, const MigrationFolder& folder) {
  uint32_t line = 0;
  if (const auto colon = origin.rfind(':'); colon != std::string_view::npos) {
    const std::string_view digits = origin.substr(colon + 1);
    std::from_chars(digits.data(), digits.data() + digits.size(), line);
  }
  std::string bytes;
  if (!config.file.empty() && line > 0 && read_file_bytes(config.file, bytes)) {
    const SourceFile file(display_path(config.file), std::move(bytes));
    if (line <= file.line_count()) {
      const size_t b = file.line_start(line);
      return make_span(file, b, b + file.line_text(line).size());
    }
  }
  Span s;
  s.path = display_path(folder.dir);
  return s;
}

}  // namespace miglint
