// Goose and dbmate keep both halves of a migration in one file, split by
// annotation comments. The folder reader finds the halves in the text on
// disk; when the text being analysed is another (an editor's unsaved
// buffer, standard input), the halves must come from that text instead.
#pragma once
#include <string>
#include <string_view>

#include "analyzer/config/config.h"
#include "analyzer/migrations/migration.h"

namespace miglint {

// Re-reads the sections (and the transaction mode their annotations set) of
// the migration held in `file` from `text`. Other layouts: nothing to do.
void resection_from_text(MigrationFolder& folder, const Config& cfg, const Symbol& file, std::string_view text);

}  // namespace miglint
