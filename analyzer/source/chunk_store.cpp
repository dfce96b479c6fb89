#include "analyzer/source/chunk_store.h"

#include <zstd.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace miglint {

namespace {
// One context per thread, kept: creating one allocates and clears its tables
// (hundreds of KiB), which cost more than compressing a block of a small
// folder's findings.
struct ContextFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};
template <class Ctx, Ctx* (*create)()>
Ctx* thread_context() {
  thread_local std::unique_ptr<Ctx, ContextFree> ctx(create());
  if (!ctx) throw std::runtime_error("zstd: out of memory");
  return ctx.get();
}
}  // namespace

std::string compress_block(std::string_view raw) {
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  // Level 1: these texts compress ~10x already, and it runs inside the analysis.
  const size_t n = ZSTD_compressCCtx(thread_context<ZSTD_CCtx, ZSTD_createCCtx>(), out.data(), out.size(), raw.data(),
                                     raw.size(), 1);
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("compressing: ") + ZSTD_getErrorName(n));
  out.resize(n);
  out.shrink_to_fit();
  return out;
}

std::string decompress_block(std::string_view frame) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
    throw std::runtime_error("decompressing: not a zstd frame");
  std::string out(size, '\0');
  const size_t n = ZSTD_decompressDCtx(thread_context<ZSTD_DCtx, ZSTD_createDCtx>(), out.data(), out.size(),
                                       frame.data(), frame.size());
  if (ZSTD_isError(n) || n != size) throw std::runtime_error("decompressing: corrupt frame");
  return out;
}

namespace {
constexpr uint32_t kGone = UINT32_MAX;
}  // namespace

struct ChunkStore::Impl {
  struct Chunk {
    const void* key;
    uint32_t block;   // kGone once released
    uint32_t offset;  // in the block's uncompressed bytes
    uint32_t bytes;
    uint32_t order;  // adding order, for the chunks of one key
  };
  mutable std::mutex mutex;
  std::vector<std::string> blocks;  // emptied once all its chunks are released
  std::vector<bool> compressed;     // per block
  size_t kept_raw = 0;              // bytes of the blocks kept uncompressed
  std::vector<uint32_t> pending;    // per block: chunks not released yet
  std::string open;                 // the block being filled
  uint32_t open_pending = 0;
  // A deque: a vector's doubling would leave up to as much again unused,
  // and a large analysis adds a chunk per file and per batch of findings.
  std::deque<Chunk> chunks;
  uint32_t added = 0;
  bool sorted = true;  // chunks by key, then order
  // Recently decompressed blocks, most recent first.
  std::vector<std::pair<uint32_t, std::shared_ptr<const std::string>>> cache;

  void seal() {
    const bool compress = compress_next_block(kept_raw, open.size());
    compressed.push_back(compress);
    blocks.push_back(compress ? compress_block(open) : open);
    pending.push_back(open_pending);
    open.clear();
    open_pending = 0;
  }

  std::shared_ptr<const std::string> block(uint32_t b) {
    // Lent, not owned: the caller reads it under the lock, before any block
    // is added.
    if (!compressed[b]) return {std::shared_ptr<const std::string>(), &blocks[b]};
    for (size_t i = 0; i < cache.size(); ++i)
      if (cache[i].first == b) {
        std::rotate(cache.begin(), cache.begin() + static_cast<std::ptrdiff_t>(i),
                    cache.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        return cache.front().second;
      }
    auto text = std::make_shared<const std::string>(decompress_block(blocks[b]));
    cache.insert(cache.begin(), {b, text});
    if (cache.size() > 16) cache.pop_back();
    return text;
  }

  void sort() {
    if (sorted) return;
    std::sort(chunks.begin(), chunks.end(), [](const Chunk& a, const Chunk& b) {
      return a.key != b.key ? std::less<const void*>()(a.key, b.key) : a.order < b.order;
    });
    sorted = true;
  }
};

ChunkStore::ChunkStore() : impl_(std::make_unique<Impl>()) {}
ChunkStore::~ChunkStore() = default;

void ChunkStore::add(const void* key, std::string_view bytes) {
  Impl& m = *impl_;
  std::lock_guard lock(m.mutex);
  if (!m.open.empty() && m.open.size() + bytes.size() > kCompressedBlockBytes) m.seal();
  m.chunks.push_back({key, static_cast<uint32_t>(m.blocks.size()), static_cast<uint32_t>(m.open.size()),
                      static_cast<uint32_t>(bytes.size()), m.added++});
  ++m.open_pending;
  m.open.append(bytes);
  if (m.chunks.size() > 1 && !std::less<const void*>()(m.chunks[m.chunks.size() - 2].key, key) &&
      m.chunks[m.chunks.size() - 2].key != key)
    m.sorted = false;
}

std::vector<const void*> ChunkStore::keys() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<const void*> out;
  out.reserve(impl_->chunks.size());
  for (const auto& c : impl_->chunks)
    if (c.block != kGone) out.push_back(c.key);
  std::sort(out.begin(), out.end(), std::less<const void*>());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void ChunkStore::read(const void* key, const std::function<void(std::string_view)>& fn, bool release) {
  Impl& m = *impl_;
  std::lock_guard lock(m.mutex);
  m.sort();
  auto it = std::lower_bound(m.chunks.begin(), m.chunks.end(), key,
                             [](const Impl::Chunk& c, const void* k) { return std::less<const void*>()(c.key, k); });
  for (; it != m.chunks.end() && it->key == key; ++it) {
    if (it->block == kGone) continue;
    std::shared_ptr<const std::string> held;
    std::string_view text = m.open;
    const bool sealed = it->block < m.blocks.size();
    if (sealed) {
      held = m.block(it->block);
      text = *held;
    }
    fn(text.substr(it->offset, it->bytes));
    if (!release) continue;
    if (sealed) {
      if (--m.pending[it->block] == 0) {
        std::string().swap(m.blocks[it->block]);
        const uint32_t b = it->block;
        std::erase_if(m.cache, [b](const auto& e) { return e.first == b; });
      }
    } else {
      --m.open_pending;
    }
    // Left in place: erasing from the middle would copy the rest per key.
    it->block = kGone;
  }
}

}  // namespace miglint
