#include "analyzer/output/report_sources.h"

#include <algorithm>

#include "analyzer/source/file_io.h"
#include "analyzer/source/sha256.h"

namespace miglint {

ReportSources::ReportSources(const AnalysisResult& result) {
  // Symbols, sorted by text: a large folder has hundreds of thousands.
  for (const auto& folder : result.folders) {
    for (const auto& f : folder.files)
      if (f && f->source) {
        files_.emplace(f->source->path(), f->source);
        paths_.push_back(f->source->path());
      }
  }
  texts_ = result.texts;
  for (const Symbol& p : texts_.paths()) paths_.push_back(p);
  Symbol last;  // findings come file by file: each path once per run
  for (const auto& d : result.diagnostics) {
    if (d.span.path == last) continue;
    if (d.span.path < last) in_path_order_ = false;
    last = d.span.path;
    if (!last.empty()) paths_.push_back(last);
  }
  std::sort(paths_.begin(), paths_.end());
  paths_.erase(std::unique(paths_.begin(), paths_.end()), paths_.end());
  paths_.shrink_to_fit();
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

Fingerprints::Fingerprints(const ReportSources& sources)
    : sources_(sources), per_path_(sources.findings_in_path_order()) {}

std::string Fingerprints::next(const Diagnostic& d) {
  if (per_path_ && !(d.span.path == path_)) {
    // The previous path's findings are over: their occurrences are not needed.
    seen_.clear();
    path_ = d.span.path;
  }
  std::string key = d.rule;
  key += '\0';
  key += d.span.path;
  key += '\0';
  key += flagged_text(d, sources_.find(d.span.path));
  const size_t occurrence = seen_[key]++;
  key += '\0';
  key += std::to_string(occurrence);
  return sha256_hex(key);
}

FileFindings::FileFindings(const AnalysisResult& result, const ReportSources& sources)
    : it_(result.diagnostics.begin()), end_(result.diagnostics.end()) {
  const bool ordered = sources.findings_in_path_order();
  bool unnamed = false;
  size_t with = 0;  // paths with findings (in order: runs of one path)
  Symbol prev;
  for (const auto& d : result.diagnostics) {
    if (d.span.path.empty()) unnamed = true;
    if (with == 0 || !(prev == d.span.path)) ++with;
    prev = d.span.path;
    if (!ordered) grouped_[d.span.path].push_back(d);
  }
  if (!ordered) {
    with = grouped_.size();
    it_ = end_;  // every finding is in grouped_
  }
  if (unnamed) files_.emplace_back();
  files_.insert(files_.end(), sources.paths().begin(), sources.paths().end());
  without_ = files_.size() - with;
}

bool FileFindings::next(std::string& path, std::vector<Diagnostic>& diags) {
  if (at_ == files_.size()) return false;
  const Symbol& p = files_[at_++];
  path = p.str();
  diags.clear();
  // In path order the file's findings are the next run; out of it, grouped.
  if (auto g = grouped_.find(path); g != grouped_.end()) diags = std::move(g->second);
  for (; it_ != end_ && it_->span.path == p; ++it_) diags.push_back(*it_);
  return true;
}

}  // namespace miglint
