// `version-collision`: two migrations share a version.
#include <map>

#include "analyzer/engine/registry.h"
#include "analyzer/migrations/section_span.h"
#include "rules/folder/folder_checks.h"
#include "rules/support/folder_support.h"
#include "analyzer/source/display_path.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"version-collision", Severity::Error, "two migrations share a version", "folder"};

}  // namespace

std::vector<Diagnostic> check_version_collision(const MigrationFolder& folder) {
  std::vector<Diagnostic> out;
  std::map<VersionKey, std::vector<const Migration*>> by_key;
  for (const Migration& m : folder.migrations)
    if (!m.repeatable) by_key[m.key].push_back(&m);
  for (auto& [key, ms] : by_key) {
    if (ms.size() < 2) continue;
    for (const Migration* m : ms) {
      std::string others;
      Diagnostic d = finding(kMeta, file_start_span(m->primary_file()), "",
                             "give each migration its own version; runners refuse or silently skip duplicates");
      for (const Migration* o : ms) {
        if (o == m) continue;
        if (!others.empty()) others += ", ";
        others += display_path(o->primary_file());
        d.notes.push_back({file_start_span(o->primary_file()), "also version " + o->version + " here"});
      }
      d.message = "version " + m->version + " of " + display_path(m->primary_file()) + " is also used by " + others;
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::unique_ptr<Rule> make_version_collision() {
  return std::make_unique<FolderCheckRule>(kMeta, [](const MigrationFolder& folder, const Config&) {
    return check_version_collision(folder);
  });
}

}  // namespace miglint
