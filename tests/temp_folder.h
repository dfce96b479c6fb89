// A migrations folder in a fresh temporary directory, removed afterwards.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace miglint::testing {

struct TempFolder {
  std::filesystem::path dir;
  TempFolder() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "miglint-test-XXXXXX").string();
    dir = ::mkdtemp(tmpl.data());
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return dir / name;
  }
};

}  // namespace miglint::testing
