// How paths are shown: relative to the working directory when under it.
#pragma once
#include <filesystem>
#include <string>

namespace miglint {

// Relative to the current working directory when the file is under it, else
// absolute; the path every Span carries.
std::string display_path(const std::filesystem::path& p);
std::string display_path(const std::string& whole);
inline std::string display_path(const char* p) { return display_path(std::string(p)); }

// While one lives, display_path takes the working directory read when the
// first was made instead of asking the kernel on every call (an analysis
// computes thousands of display paths and does not change directory).
class WorkingDirectoryPin {
 public:
  WorkingDirectoryPin();
  ~WorkingDirectoryPin();
  WorkingDirectoryPin(const WorkingDirectoryPin&) = delete;
  WorkingDirectoryPin& operator=(const WorkingDirectoryPin&) = delete;
};

}  // namespace miglint
