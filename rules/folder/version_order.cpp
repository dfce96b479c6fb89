// `version-order`: with --since, a migration added since the ref whose version
// is not newer than the migrations that existed there.
#include <filesystem>

#include "analyzer/engine/registry.h"
#include "analyzer/migrations/section_span.h"
#include "rules/folder/folder_checks.h"
#include "rules/support/folder_support.h"

namespace fs = std::filesystem;

namespace miglint {
namespace {

const RuleMeta kMeta{"version-order", Severity::Error, "a new migration is not newer than the existing ones", "folder"};

class VersionOrder final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  void check_changes(const MigrationFolder& folder, const GitChanges& changes,
                     std::vector<Diagnostic>& out) const override {
    auto found = check_version_order(folder, changes);
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
};

}  // namespace

std::vector<Diagnostic> check_version_order(const MigrationFolder& folder, const GitChanges& changes) {
  std::vector<Diagnostic> out;
  // Versions that existed at the ref, including migrations deleted since.
  std::error_code ec;
  fs::path root = fs::weakly_canonical(folder.dir, ec);
  if (ec) root = folder.dir.lexically_normal();
  std::optional<VersionKey> newest;
  std::string newest_version;
  std::optional<fs::path> newest_file;
  for (const fs::path& p : changes.existed) {
    fs::path rel = p.lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..") continue;
    std::optional<std::pair<std::string, VersionKey>> v = version_from_relative_path(rel, *folder.layout);
    if (!v) continue;
    if (!newest || v->second > *newest) {
      newest = v->second;
      newest_version = v->first;
      newest_file = p;
    }
  }
  if (!newest) return out;
  for (const Migration& m : folder.migrations) {
    if (m.repeatable || changes.existed_at_ref(m) || !changes.touches(m)) continue;
    if (m.key > *newest) continue;
    Diagnostic d = finding(kMeta, file_start_span(m.primary_file()),
                           migration_label(m) + " was added since " + changes.ref +
                               " but its version is not newer than " + newest_version + ", which already existed there",
                           "databases that already applied " + newest_version +
                               " may skip it or apply it out of order; give it a version newer than every existing "
                               "migration");
    std::error_code e2;
    if (newest_file && fs::exists(*newest_file, e2))
      d.notes.push_back({file_start_span(*newest_file), "the newest migration at " + changes.ref});
    out.push_back(std::move(d));
  }
  return out;
}

std::unique_ptr<Rule> make_version_order() { return std::make_unique<VersionOrder>(); }

}  // namespace miglint
