// miglint.sum: write it, and check a folder against it (modified-migration).
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

Diagnostic modified(Span span, std::string message, std::string help) {
  Diagnostic d;
  d.rule = "modified-migration";
  d.severity = Severity::Error;
  d.span = std::move(span);
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

}  // namespace

std::string sum_id(const MigrationFolder& folder, const Migration& m) {
  fs::path file = m.primary_file().str();
  if (layout_kind(folder.layout).migration_is_folder()) file = file.parent_path();
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
  fs::path tmp = folder.dir / (std::string(kSumFileName) + ".tmp" + std::to_string(::getpid()));
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write " + display_path(tmp));
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    f.close();
    if (!f) throw std::runtime_error("cannot write " + display_path(tmp));
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);  // atomic: a reader never sees half a file
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot write " + display_path(target));
  }
  return target;
}

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
    out.push_back(modified(span, display_path(path) + " was edited by hand: its total checksum does not match its lines",
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
      out.push_back(modified(line_span(l), "migration " + id + " is recorded in " + display_path(path) +
                                               " but no longer exists",
                             "a migration that ran somewhere must stay in the folder; restore it, or " + regenerate));
      continue;
    }
    const Migration& m = *it->second;
    std::optional<std::string> now = migration_hash(m);
    if (!now || *now == hash) continue;  // unreadable files are reported by the loader
    Diagnostic d = modified(file_start_span(m.primary_file()),
                            "migration " + id + " changed since it was recorded in " + display_path(path),
                            "databases that already applied it will not see the change; put it in a new migration, "
                            "or " + regenerate);
    d.notes.push_back({line_span(l), "recorded checksum"});
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace miglint
