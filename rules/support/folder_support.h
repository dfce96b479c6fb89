// Helpers of the folder rules (rules/folder/) and of the folder-wide schema
// rules (protected-object, unintended-drop).
#pragma once
#include <charconv>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/source/display_path.h"
#include "analyzer/source/file_io.h"
#include "analyzer/source/source_file.h"
#include "rules/support/findings.h"

namespace miglint {

// A folder rule whose findings are a function of the folder as read and the
// config (check_migrations).
class FolderCheckRule final : public Rule {
 public:
  using Check = std::vector<Diagnostic> (*)(const MigrationFolder&, const Config&);
  FolderCheckRule(const RuleMeta& meta, Check check) : meta_(meta), check_(check) {}
  const RuleMeta& meta() const override { return meta_; }
  void check_migrations(const MigrationFolder& folder, const Config& config,
                        std::vector<Diagnostic>& out) const override {
    std::vector<Diagnostic> found = check_(folder, config);
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }

 private:
  const RuleMeta& meta_;
  Check check_;
};

// "migration 3 (add_users)", or "repeatable migration 'views'".
inline std::string migration_label(const Migration& m) {
  if (m.repeatable) return "repeatable migration '" + m.name + "'";
  return "migration " + m.version + (m.name.empty() ? "" : " (" + m.name + ")");
}

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
