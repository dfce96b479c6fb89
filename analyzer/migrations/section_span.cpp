#include "analyzer/migrations/section_span.h"

#include "analyzer/source/display_path.h"
#include "analyzer/source/file_io.h"
#include "analyzer/source/source_file.h"

namespace miglint {

Span file_start_span(const std::filesystem::path& p) {
  Span s;
  s.path = display_path(p);
  return s;
}

Span file_start_span(const std::string& p) {
  Span s;
  s.path = display_path(p);
  return s;
}

Span section_span(const Section& s) {
  if (s.begin == 0) return file_start_span(s.file);
  std::string bytes;
  if (!read_file_bytes(s.file.str(), bytes)) return file_start_span(s.file);
  SourceFile src(display_path(s.file), std::move(bytes));
  return make_span(src, s.begin, s.begin);
}

}  // namespace miglint
