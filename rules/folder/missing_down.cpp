// `missing-down`: an up migration without its down.
#include <algorithm>
#include <filesystem>

#include "analyzer/engine/registry.h"
#include "analyzer/migrations/section_span.h"
#include "rules/folder/folder_checks.h"
#include "rules/support/folder_support.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"missing-down", Severity::Warning, "an up migration without its down", "folder"};

std::string expected_down(const MigrationFolder& folder, const Migration& m) {
  switch (folder.layout) {
    case Layout::Updown: {
      std::string f = std::filesystem::path(m.up->file.str()).filename().string();
      if (f.ends_with(".up.sql")) return "add " + f.substr(0, f.size() - 7) + ".down.sql next to it";
      return "add the down file";
    }
    case Layout::Folder: return "add down.sql to " + std::filesystem::path(m.up->file.str()).parent_path().filename().string() + "/";
    case Layout::Goose: return "add a '-- +goose Down' section that undoes the up section";
    case Layout::Dbmate: return "add a '-- migrate:down' section that undoes the up section";
    case Layout::Flyway: return "add U" + m.version + "__" + m.name + ".sql that undoes it";
    case Layout::Plain: break;
  }
  return "add a down migration";
}

}  // namespace

std::vector<Diagnostic> check_missing_down(const MigrationFolder& folder) {
  std::vector<Diagnostic> out;
  if (!layout_has_downs(folder.layout)) return out;
  // Flyway undo scripts are optional; only a folder that uses them expects them.
  if (folder.layout == Layout::Flyway &&
      std::none_of(folder.migrations.begin(), folder.migrations.end(), [](const Migration& m) { return m.down.has_value(); }))
    return out;
  for (const Migration& m : folder.migrations) {
    if (!m.up || m.down || m.repeatable) continue;
    out.push_back(finding(kMeta, section_span(*m.up), migration_label(m) + " has an up but no down",
                          expected_down(folder, m) + ", or mark it irreversible with an empty down"));
  }
  return out;
}

std::unique_ptr<Rule> make_missing_down() {
  return std::make_unique<FolderCheckRule>(
      kMeta, [](const MigrationFolder& folder, const Config&) { return check_missing_down(folder); });
}

}  // namespace miglint
