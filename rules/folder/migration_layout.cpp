// `migration-layout`: the folder mixes layouts, has files no layout explains,
// or a diesel metadata.toml that does not parse. The folder reader finds them
// while it reads the folder and asks this file to word them.
#include "analyzer/engine/registry.h"
#include "analyzer/migrations/reader_findings.h"
#include "rules/support/folder_support.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"migration-layout", Severity::Warning, "the folder mixes layouts or has files no layout explains",
                     "folder"};

Span at_path(const std::string& shown) {
  Span s;
  s.path = shown;
  return s;
}

}  // namespace

Diagnostic no_migrations_recognised_finding(const std::string& shown_dir, const std::string& saw) {
  return finding(kMeta, at_path(shown_dir), "no migrations recognised in " + shown_dir + ": saw " + saw,
                 "name files <version>_<name>.up.sql/.down.sql, V<version>__<desc>.sql, "
                 "<version>_<name>/up.sql, or set migrations.layout in miglint.toml");
}

Diagnostic mixed_layouts_finding(const std::string& shown_dir, const std::string& counts, std::string_view chosen) {
  return finding(kMeta, at_path(shown_dir),
                 "mixed migration layouts in " + shown_dir + ": " + counts + "; reading it as " + std::string(chosen),
                 "keep one layout per folder, or set migrations.layout in miglint.toml");
}

Diagnostic unmatched_entries_finding(const std::string& shown_dir, size_t count, const std::string& named,
                                     std::string_view layout) {
  return finding(kMeta, at_path(shown_dir),
                 std::to_string(count) + " entr" + (count == 1 ? "y" : "ies") + " in " + shown_dir +
                     " do not fit the " + std::string(layout) + " layout and are ignored: " + named,
                 "rename them to the layout's pattern or move them out of the migrations folder");
}

Diagnostic invalid_metadata_finding(const std::string& path, std::string_view error, uint32_t line, uint32_t column) {
  Diagnostic d = finding(kMeta, at_path(path), "invalid metadata.toml: " + std::string(error),
                         "diesel refuses to run a migration whose metadata.toml does not parse");
  d.span.start.line = line;
  d.span.start.column = column;
  d.span.stop = d.span.start;
  return d;
}

std::unique_ptr<Rule> make_migration_layout() { return declared_rule(kMeta); }

}  // namespace miglint
