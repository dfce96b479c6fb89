// The folder loader and the folder rules over a generated tree. The input
// is a list of entries separated by NUL bytes, each `path\ncontent`: paths
// are cut to a safe alphabet and at most three levels, so every layout
// (updown, folder, goose, dbmate, flyway, plain), miglint.toml and
// miglint.sum can appear.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.h"

namespace {

std::string safe_path(std::string_view raw) {
  std::string out;
  int depth = 0;
  for (char ch : raw.substr(0, 80)) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                    ch == '-' || ch == '.';
    if (ch == '/' && !out.empty() && out.back() != '/' && depth < 2) {
      out += '/';
      ++depth;
    } else if (ok) {
      out += ch;
    }
  }
  while (!out.empty() && out.back() == '/') out.pop_back();
  // No `.` or `..` component.
  std::string cleaned;
  size_t start = 0;
  while (start <= out.size()) {
    const size_t end = std::min(out.find('/', start), out.size());
    const std::string part = out.substr(start, end - start);
    if (!part.empty() && part.find_first_not_of('.') != std::string::npos) {
      if (!cleaned.empty()) cleaned += '/';
      cleaned += part;
    }
    start = end + 1;
  }
  return cleaned;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  const fs::path dir = miglint::fuzz::scratch_dir() / "tree";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t start = 0;
  for (int files = 0; start < input.size() && files < 32; ++files) {
    const size_t end = std::min(input.find('\0', start), input.size());
    const std::string_view entry = input.substr(start, end - start);
    start = end + 1;
    const size_t nl = entry.find('\n');
    const std::string rel = safe_path(entry.substr(0, nl));
    if (rel.empty()) continue;
    const fs::path p = dir / rel;
    fs::create_directories(p.parent_path(), ec);
    if (ec || fs::is_directory(p, ec)) continue;
    std::ofstream(p, std::ios::binary) << (nl == std::string_view::npos ? std::string_view() : entry.substr(nl + 1));
  }
  try {
    miglint::Config config;
    if (fs::exists(dir / "miglint.toml", ec)) config = miglint::load_config(dir / "miglint.toml");
    (void)miglint::fuzz::check_paths({dir}, {}, std::move(config));
  } catch (const miglint::ConfigError&) {
    // A generated miglint.toml that is wrong: the command line reports it (exit 2).
  }
  return 0;
}
