#include "analyzer/output/report_sources.h"

#include <set>

#include "analyzer/migrations/migration.h"
#include "analyzer/migrations/sha256.h"

namespace miglint {

ReportSources::ReportSources(const AnalysisResult& result) {
  std::set<std::string> paths;
  for (const auto& folder : result.folders) {
    for (const auto& f : folder.files)
      if (f && f->source) {
        files_.emplace(f->source->path(), f->source);
        paths.insert(f->source->path());
      }
  }
  texts_ = result.texts;
  for (const Symbol& p : texts_.paths()) paths.insert(p);
  for (const auto& d : result.diagnostics)
    if (!d.span.path.empty()) paths.insert(d.span.path);
  paths_.assign(paths.begin(), paths.end());
}

const SourceFile* ReportSources::find(const std::string& path) const {
  if (const auto it = files_.find(path); it != files_.end()) return it->second.get();
  std::shared_ptr<const SourceFile> loaded;
  // A file whose parse the analysis freed: its text as the analysis read it.
  if (auto text = texts_.text(Symbol(path))) {
    // Only the last one is kept: reports read findings file by file.
    if (archived_) files_.erase(archived_->path());
    archived_ = std::make_shared<SourceFile>(path, std::move(*text));
    return files_.emplace(path, archived_).first->second.get();
  }
  // A finding about a folder names a directory: no text, and no exception
  // from reading one as a stream.
  if (std::string bytes; read_file_bytes(path, bytes)) loaded = std::make_shared<SourceFile>(path, std::move(bytes));
  // A miss is cached too, so an unreadable path is tried once.
  return files_.emplace(path, loaded).first->second.get();
}

namespace {
std::string flagged_text(const Diagnostic& d, const SourceFile* file) {
  if (!file) return {};
  uint32_t last = d.span.stop.line;
  // A span ending at the start of a line does not flag that line.
  if (last > d.span.start.line && d.span.stop.column == 1) --last;
  std::string text;
  for (uint32_t line = d.span.start.line; line <= last && line <= file->line_count(); ++line) {
    std::string_view t = file->line_text(line);
    // Re-indenting a line must not make it a new finding.
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    text.append(t);
    text += '\n';
  }
  return text;
}
}  // namespace

std::vector<std::string> fingerprints(const AnalysisResult& result, const ReportSources& sources) {
  std::map<std::string, size_t> seen;
  std::vector<std::string> out;
  out.reserve(result.diagnostics.size());
  for (const auto& d : result.diagnostics) {
    std::string key = d.rule;
    key += '\0';
    key += d.span.path;
    key += '\0';
    key += flagged_text(d, sources.find(d.span.path));
    const size_t occurrence = seen[key]++;
    key += '\0';
    key += std::to_string(occurrence);
    out.push_back(sha256_hex(key));
  }
  return out;
}

}  // namespace miglint
