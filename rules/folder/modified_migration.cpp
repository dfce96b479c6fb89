// `modified-migration`: a migration recorded in miglint.sum changed, or is
// gone, or the file was edited by hand (the format: analyzer/migrations/folder_rules.h).
#include <filesystem>
#include <map>

#include "analyzer/engine/registry.h"
#include "analyzer/migrations/folder_rules.h"
#include "analyzer/migrations/section_span.h"
#include "analyzer/source/sha256.h"
#include "analyzer/source/source_file.h"
#include "rules/folder/folder_checks.h"
#include "rules/support/folder_support.h"
#include "analyzer/source/display_path.h"
#include "analyzer/source/file_io.h"

namespace fs = std::filesystem;

namespace miglint {
namespace {

const RuleMeta kMeta{"modified-migration", Severity::Error, "an applied migration recorded in miglint.sum has changed",
                     "folder"};

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

struct SumLine {
  size_t begin, end;  // in the file as read; end excludes "\r\n"
  std::string text;   // without the terminator
};

std::vector<SumLine> lines_of(const std::string& text) {
  std::vector<SumLine> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl;
    size_t e = end > pos && text[end - 1] == '\r' ? end - 1 : end;
    out.push_back({pos, e, text.substr(pos, e - pos)});
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  return out;
}

Diagnostic modified(Span span, std::string message, std::string_view help) {
  return finding(kMeta, std::move(span), std::move(message), help);
}

}  // namespace

std::vector<Diagnostic> check_sum_file(const MigrationFolder& folder) {
  std::vector<Diagnostic> out;
  fs::path path = folder.dir / kSumFileName;
  std::error_code ec;
  if (!fs::exists(path, ec)) return out;
  std::string text, err;
  const std::string regenerate = "run `miglint sum` to record the folder as it is now, if that is intended";
  if (!read_file_bytes(path, text, &err)) {
    out.push_back(modified(file_start_span(path), "cannot read " + display_path(path) + ": " + err, regenerate));
    return out;
  }
  SourceFile src(display_path(path), text);
  std::vector<SumLine> lines = lines_of(text);
  auto line_span = [&](const SumLine& l) { return make_span(src, l.begin, l.end); };

  // The total line: the last non-blank one.
  size_t total_at = lines.size();
  for (size_t i = lines.size(); i-- > 0;)
    if (!lines[i].text.empty()) {
      total_at = i;
      break;
    }
  std::string above;
  for (size_t i = 0; i < total_at; ++i) above += lines[i].text + "\n";
  bool total_ok = total_at < lines.size() && lines[total_at].text.rfind("total ", 0) == 0 &&
                  lines[total_at].text.substr(6) == sha256_hex(above);
  if (!total_ok) {
    Span span = total_at < lines.size() ? line_span(lines[total_at]) : file_start_span(path);
    out.push_back(modified(span,
                           display_path(path) + " was edited by hand: its total checksum does not match its lines",
                           "do not edit miglint.sum; " + regenerate));
  }

  std::map<std::string, const Migration*> by_id;
  for (const Migration& m : folder.migrations) by_id.emplace(sum_id(folder, m), &m);
  for (size_t i = 0; i < total_at; ++i) {
    const SumLine& l = lines[i];
    if (l.text.empty() || l.text[0] == '#') continue;
    std::string_view t = l.text;
    if (t.size() < 66 || !is_hex64(t.substr(0, 64)) || t[64] != ' ') {
      if (total_ok) continue;  // cannot happen for a file we wrote
      out.push_back(modified(line_span(l), "malformed line in " + display_path(path), regenerate));
      continue;
    }
    std::string hash(t.substr(0, 64));
    std::string id(t.substr(65));
    auto it = by_id.find(id);
    if (it == by_id.end()) {
      out.push_back(modified(line_span(l),
                             "migration " + id + " is recorded in " + display_path(path) + " but no longer exists",
                             "a migration that ran somewhere must stay in the folder; restore it, or " + regenerate));
      continue;
    }
    const Migration& m = *it->second;
    std::optional<std::string> now = migration_hash(m);
    if (!now || *now == hash) continue;  // unreadable files are reported by the loader
    Diagnostic d = modified(file_start_span(m.primary_file()),
                            "migration " + id + " changed since it was recorded in " + display_path(path),
                            "databases that already applied it will not see the change; put it in a new migration, "
                            "or " +
                                regenerate);
    d.notes.push_back({line_span(l), "recorded checksum"});
    out.push_back(std::move(d));
  }
  return out;
}

std::unique_ptr<Rule> make_modified_migration() {
  return std::make_unique<FolderCheckRule>(kMeta, [](const MigrationFolder& folder, const Config&) {
    return check_sum_file(folder);
  });
}

}  // namespace miglint
