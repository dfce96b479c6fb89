// Byte strings kept under keys, compressed (zstd) in blocks of many: what a
// large analysis holds until its report reads it (findings waiting to be
// finished, texts of files whose parse was freed). Reading in about the
// order of adding decompresses each block about once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace miglint {

class ChunkStore {
 public:
  ChunkStore();
  ~ChunkStore();
  ChunkStore(const ChunkStore&) = delete;
  ChunkStore& operator=(const ChunkStore&) = delete;

  // Keys are addresses that stay valid while the store lives (a Symbol's).
  // Thread-safe.
  void add(const void* key, std::string_view bytes);
  // The keys holding chunks, in address order.
  std::vector<const void*> keys() const;
  // Calls fn with each chunk under `key`, in the order they were added; with
  // `release`, they leave the store (a block is freed once all of its have).
  void read(const void* key, const std::function<void(std::string_view)>& fn, bool release);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// How much a block holds before it is compressed (hundreds of findings or
// file texts: enough for zstd to find their repeats).
inline constexpr size_t kCompressedBlockBytes = 64 * 1024;
// The first MiB of blocks a store seals stays uncompressed: for a small
// analysis, compressing its findings and reading them back costs more than
// the memory it saves. Whether the next block of `bytes` is compressed, given
// the bytes a store has `kept` uncompressed (counted here).
inline constexpr size_t kUncompressedBytes = 1024 * 1024;
inline bool compress_next_block(size_t& kept, size_t bytes) {
  if (kept + bytes > kUncompressedBytes) return true;
  kept += bytes;
  return false;
}

// zstd at the level these stores use; both throw std::runtime_error on failure.
std::string compress_block(std::string_view raw);
std::string decompress_block(std::string_view frame);

}  // namespace miglint
