// miglint.sum: the migrations' checksums, and writing the file (rules/folder/modified_migration.cpp checks
// a folder against it).
#include <unistd.h>

#include <fstream>
#include <map>
#include <stdexcept>

#include "analyzer/migrations/folder_rules.h"
#include "analyzer/migrations/layout.h"
#include "analyzer/migrations/section_span.h"
#include "analyzer/source/display_path.h"
#include "analyzer/source/file_io.h"
#include "analyzer/source/sha256.h"
#include "analyzer/source/source_file.h"

namespace fs = std::filesystem;

namespace miglint {
namespace {

constexpr const char* kHeader =
    "# miglint.sum: checksums of the migrations in this folder; a change to a recorded migration is reported as\n"
    "# modified-migration. Regenerate with `miglint sum` only when the change is intended.\n";

std::string lf(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i)
    if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) out.push_back(s[i]);
  return out;
}

}  // namespace

std::string sum_id(const MigrationFolder& folder, const Migration& m) {
  fs::path file = m.primary_file().str();
  if (folder.layout->migration_is_folder()) file = file.parent_path();
  fs::path rel = file.lexically_relative(folder.dir);
  return (rel.empty() ? file : rel).generic_string();
}

std::optional<std::string> migration_hash(const Migration& m) {
  std::string buf;
  for (const auto* part : {&m.up, &m.down}) {
    buf += part == &m.up ? "up " : "down ";
    if (!*part) {
      buf += "-\n";
      continue;
    }
    std::optional<std::string> bytes = read_section(**part);
    if (!bytes) return std::nullopt;
    std::string text = lf(*bytes);
    buf += std::to_string(text.size()) + "\n" + text + "\n";
  }
  return sha256_hex(buf);
}

std::string render_sum_file(const MigrationFolder& folder) {
  std::string out = kHeader;
  for (const Migration& m : folder.migrations) {
    std::optional<std::string> h = migration_hash(m);
    if (!h) throw std::runtime_error("cannot read " + display_path(m.primary_file()));
    out += *h + " " + sum_id(folder, m) + "\n";
  }
  out += "total " + sha256_hex(out) + "\n";
  return out;
}

fs::path write_sum_file(const MigrationFolder& folder) {
  std::string text = render_sum_file(folder);
  fs::path target = folder.dir / kSumFileName;
  std::string why;
  if (!write_file_atomically(target, text, &why))
    throw std::runtime_error("cannot write " + display_path(target) + ": " + why);
  return target;
}

}  // namespace miglint
