// The configuration loader: miglint.toml text, valid or not, gives a Config
// or a ConfigError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const auto config = miglint::parse_config(std::string_view(reinterpret_cast<const char*>(data), size),
                                              "miglint.toml");
    if (config.pg_version < 1) __builtin_trap();
  } catch (const miglint::ConfigError&) {
  }
  return 0;
}
