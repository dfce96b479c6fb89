// A migrations folder in a fresh temporary directory, removed afterwards,
// and a file's bytes read back.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
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

// The bytes of a file ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace miglint::testing
