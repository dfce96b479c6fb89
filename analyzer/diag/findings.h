// A report's findings, in report order, and the spool the analysis gathers
// them in before they are finished.
//
// A few folders' findings are held as Diagnostics. A large folder's are
// hundreds of thousands (most of what its analysis would otherwise keep in
// memory to the end): they are held encoded and compressed in blocks
// instead, and decoded one block at a time as a report reads them. Both
// read the same: a forward range of Diagnostics.
#pragma once
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"

namespace miglint {

class ChunkStore;

class Findings {
 public:
  Findings() = default;
  Findings(std::vector<Diagnostic> list) : list_(std::move(list)) {}  // NOLINT(google-explicit-constructor)
  // Empty, and keeping what is appended compressed.
  static Findings compressed();

  // Adds findings after those held (putting them in report order is the
  // caller's part).
  void append(std::vector<Diagnostic>&& more);

  size_t size() const { return compressed_ ? size_ : list_.size(); }
  bool empty() const { return size() == 0; }
  bool is_compressed() const { return compressed_; }
  // Only findings held as a list can be indexed (tests; small analyses).
  const Diagnostic& operator[](size_t i) const;
  std::vector<Diagnostic> to_vector() const;

  // A reference read through an iterator stays valid while that iterator,
  // or a copy of it, has not moved on (compressed findings are decoded a
  // block at a time into the iterator).
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Diagnostic;
    using difference_type = std::ptrdiff_t;
    using pointer = const Diagnostic*;
    using reference = const Diagnostic&;

    const_iterator() = default;
    reference operator*() const;
    pointer operator->() const { return &**this; }
    const_iterator& operator++();
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.index_ == b.index_; }

   private:
    friend class Findings;
    const_iterator(const Findings* f, size_t index);
    void load();  // decodes the block holding index_ (compressed findings)
    const Findings* f_ = nullptr;
    size_t index_ = 0;
    size_t block_ = 0;        // compressed: the block decoded into `decoded_`
    size_t block_first_ = 0;  // index of its first finding
    std::shared_ptr<const std::vector<Diagnostic>> decoded_;
  };
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, size()); }

 private:
  struct Block {
    std::string bytes;  // a zstd frame, or as encoded (compress_next_block)
    uint32_t count = 0;
    bool compressed = true;
  };
  std::vector<Diagnostic> list_;
  bool compressed_ = false;
  std::vector<Block> blocks_;
  std::string open_;  // the last block, not yet compressed
  uint32_t open_count_ = 0;
  size_t kept_raw_ = 0;
  size_t size_ = 0;
};

// Findings gathered from many threads in any order, kept compressed by the
// path they are about until that file's findings are all in, then taken out
// one path at a time (in the order they were added).
class FindingSpool {
 public:
  FindingSpool();
  ~FindingSpool();
  FindingSpool(const FindingSpool&) = delete;
  FindingSpool& operator=(const FindingSpool&) = delete;

  void add(std::vector<Diagnostic>&& found);
  // The paths holding findings (any order).
  std::vector<Symbol> paths() const;
  // The findings about `path`; they leave the spool.
  std::vector<Diagnostic> take(const Symbol& path);

 private:
  std::unique_ptr<ChunkStore> store_;
};

// The codec both use: a finding's bytes (Symbols by address: only within
// this process).
void encode_diagnostic(std::string& out, const Diagnostic& d);
Diagnostic decode_diagnostic(const char*& p, const char* end);

}  // namespace miglint
