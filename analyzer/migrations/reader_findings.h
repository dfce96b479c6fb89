// The findings the folder reader (and the engine, for the files it reads)
// makes as it meets them. The reader finds the fact; each function is defined
// in the file of the rule it reports for (rules/<group>/<id>.cpp), which words
// the finding.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "analyzer/diag/diagnostic.h"

namespace miglint {

// unreadable-file (rules/file/unreadable_file.cpp). `shown` is the path as
// reports show it (display_path).
enum class UnreadableWhat {
  FolderEntry,  // a file or directory the folder reader could not read
  Root,         // the directory named on the command line
  File,         // a file the engine could not read
  Failed,       // a file whose analysis failed (out of memory)
};
Diagnostic unreadable_file_finding(UnreadableWhat what, const std::string& shown, const std::string& why);

// migration-layout (rules/folder/migration_layout.cpp), all on the folder
// (`shown_dir`) but the metadata one.
Diagnostic no_migrations_recognised_finding(const std::string& shown_dir, const std::string& saw);
Diagnostic mixed_layouts_finding(const std::string& shown_dir, const std::string& counts, std::string_view chosen);
Diagnostic unmatched_entries_finding(const std::string& shown_dir, size_t count, const std::string& named,
                                     std::string_view layout);
Diagnostic invalid_metadata_finding(const std::string& path, std::string_view error, uint32_t line, uint32_t column);

// migration-name (rules/folder/migration_name.cpp): a down paired with the up
// of its version though their names differ.
Diagnostic halves_named_differently_finding(const std::string& down_file, std::string_view down_name,
                                            const std::string& up_file, std::string_view up_version,
                                            std::string_view up_name);

}  // namespace miglint
