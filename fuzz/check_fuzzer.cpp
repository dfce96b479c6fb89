// The whole check of one migration: statement and unit rules, the schema
// replay of its up and its down, the folder rules, suppressions. The input
// is the up file; after a line `---- down` it is the down file.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    const fs::path d = miglint::fuzz::scratch_dir() / "check";
    fs::create_directories(d);
    // The files exist; their text comes from the overlays.
    std::ofstream(d / "20240101000000_fuzz.up.sql");
    std::ofstream(d / "20240101000000_fuzz.down.sql");
    return d;
  }();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view marker = "\n---- down\n";
  const size_t cut = input.find(marker);
  std::map<fs::path, std::string> overlays;
  overlays[dir / "20240101000000_fuzz.up.sql"] = std::string(input.substr(0, cut));
  overlays[dir / "20240101000000_fuzz.down.sql"] = cut == std::string_view::npos
                                                       ? std::string()
                                                       : std::string(input.substr(cut + marker.size()));
  const auto result = miglint::fuzz::check_paths({dir}, std::move(overlays));
  for (const auto& d : result.diagnostics)
    if (d.rule.empty()) __builtin_trap();
  return 0;
}
