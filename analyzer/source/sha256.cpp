#include "analyzer/source/sha256.h"

// The low-level SHA-256 functions: unlike the EVP interface they do not bring
// in OpenSSL's provider and configuration loading (dynamic modules, sockets),
// which a statically linked binary would carry for nothing.
#define OPENSSL_API_COMPAT 0x10100000L
#include <openssl/sha.h>

namespace miglint {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, bytes.data(), bytes.size());
  SHA256_Final(digest, &ctx);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

}  // namespace miglint
