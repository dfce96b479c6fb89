// SHA-256 of bytes, as lowercase hex (OpenSSL).
#pragma once
#include <string>
#include <string_view>

namespace miglint {

std::string sha256_hex(std::string_view bytes);

}  // namespace miglint
