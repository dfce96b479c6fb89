// What the fuzz targets share: a scratch folder per process, removed at exit.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "analyzer/engine/runner.h"

namespace miglint::fuzz {

inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "miglint-fuzz-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(scratch_dir(), ec);
    });
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

// Runs the analysis behind `check` on the paths, one thread, as the command
// line would for a report (everything kept, nothing released early).
inline AnalysisResult check_paths(std::vector<std::filesystem::path> paths,
                                  std::map<std::filesystem::path, std::string> overlays = {}, Config config = {}) {
  AnalysisOptions options;
  options.config = std::move(config);
  options.paths = std::move(paths);
  options.overlays = std::move(overlays);
  options.jobs = 1;
  return analyze(options);
}

}  // namespace miglint::fuzz
