#include "analyzer/diag/findings.h"

#include "analyzer/source/chunk_store.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace miglint {

// ---------------------------------------------------------------- codec

namespace {

void put_uint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_symbol(std::string& out, const Symbol& s) {
  const void* a = s.address();
  out.append(reinterpret_cast<const char*>(&a), sizeof a);
}

void put_text(std::string& out, std::string_view s) {
  put_uint(out, s.size());
  out.append(s);
}

void put_span(std::string& out, const Span& s) {
  put_symbol(out, s.path);
  put_uint(out, s.begin);
  put_uint(out, s.end);
  for (const Position* p : {&s.start, &s.stop}) {
    put_uint(out, p->line);
    put_uint(out, p->column);
    put_uint(out, p->utf16);
  }
}

[[noreturn]] void corrupt() { throw std::logic_error("findings: corrupt encoding"); }

uint64_t get_uint(const char*& p, const char* end) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p == end) corrupt();
    const auto byte = static_cast<unsigned char>(*p++);
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return v;
  }
  corrupt();
}

uint32_t get_u32(const char*& p, const char* end) { return static_cast<uint32_t>(get_uint(p, end)); }

Symbol get_symbol(const char*& p, const char* end) {
  const void* a = nullptr;
  if (end - p < static_cast<std::ptrdiff_t>(sizeof a)) corrupt();
  std::memcpy(&a, p, sizeof a);
  p += sizeof a;
  return Symbol::at_address(a);
}

std::string get_text(const char*& p, const char* end) {
  const uint64_t n = get_uint(p, end);
  if (static_cast<uint64_t>(end - p) < n) corrupt();
  std::string s(p, n);
  p += n;
  return s;
}

Span get_span(const char*& p, const char* end) {
  Span s;
  s.path = get_symbol(p, end);
  s.begin = get_uint(p, end);
  s.end = get_uint(p, end);
  for (Position* pos : {&s.start, &s.stop}) {
    pos->line = get_u32(p, end);
    pos->column = get_u32(p, end);
    pos->utf16 = get_u32(p, end);
  }
  return s;
}

}  // namespace

void encode_diagnostic(std::string& out, const Diagnostic& d) {
  put_symbol(out, d.rule);
  out += static_cast<char>(d.severity);
  put_span(out, d.span);
  put_text(out, d.message);
  put_symbol(out, d.help);
  put_uint(out, d.notes.size());
  for (const auto& n : d.notes) {
    put_span(out, n.span);
    put_text(out, n.message);
  }
  // 0: no fix; 1: an unsafe one; 2: a safe one.
  out += static_cast<char>(!d.fix ? 0 : d.fix->safety == FixSafety::Safe ? 2 : 1);
  if (d.fix) {
    put_symbol(out, d.fix->description);
    put_uint(out, d.fix->edits.size());
    for (const auto& e : d.fix->edits) {
      put_span(out, e.span);
      put_text(out, e.text);
    }
  }
}

Diagnostic decode_diagnostic(const char*& p, const char* end) {
  Diagnostic d;
  d.rule = get_symbol(p, end);
  if (p == end) corrupt();
  d.severity = static_cast<Severity>(*p++);
  d.span = get_span(p, end);
  d.message = get_text(p, end);
  d.help = get_symbol(p, end);
  d.notes.resize(get_uint(p, end));
  for (auto& n : d.notes) {
    n.span = get_span(p, end);
    n.message = get_text(p, end);
  }
  if (p == end) corrupt();
  if (const char has_fix = *p++) {
    Fix& f = d.fix.emplace();
    f.safety = has_fix == 2 ? FixSafety::Safe : FixSafety::Unsafe;
    f.description = get_symbol(p, end);
    f.edits.resize(get_uint(p, end));
    for (auto& e : f.edits) {
      e.span = get_span(p, end);
      e.text = get_text(p, end);
    }
  }
  return d;
}

// ---------------------------------------------------------------- Findings

Findings Findings::compressed() {
  Findings f;
  f.compressed_ = true;
  return f;
}

void Findings::append(std::vector<Diagnostic>&& more) {
  if (!compressed_) {
    if (list_.empty()) list_ = std::move(more);
    else list_.insert(list_.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    return;
  }
  for (const auto& d : more) {
    encode_diagnostic(open_, d);
    ++open_count_;
    ++size_;
    if (open_.size() >= kCompressedBlockBytes) {
      const bool compress = compress_next_block(kept_raw_, open_.size());
      blocks_.push_back({compress ? compress_block(open_) : open_, open_count_, compress});
      open_.clear();
      open_count_ = 0;
    }
  }
  more.clear();
}

const Diagnostic& Findings::operator[](size_t i) const {
  if (compressed_) throw std::logic_error("compressed findings are read in order, not indexed");
  return list_[i];
}

std::vector<Diagnostic> Findings::to_vector() const {
  if (!compressed_) return list_;
  std::vector<Diagnostic> out;
  out.reserve(size_);
  for (const auto& d : *this) out.push_back(d);
  return out;
}

Findings::const_iterator::const_iterator(const Findings* f, size_t index) : f_(f), index_(index) {
  if (f_->compressed_ && index_ < f_->size_) load();
}

void Findings::const_iterator::load() {
  // Blocks are read in order: find the one holding index_ from the current one.
  size_t first = decoded_ ? block_first_ : 0;
  size_t b = decoded_ ? block_ : 0;
  if (index_ < first) first = b = 0;
  const auto count = [&](size_t k) { return k < f_->blocks_.size() ? f_->blocks_[k].count : f_->open_count_; };
  while (index_ >= first + count(b)) first += count(b++);
  std::string raw;
  const std::string* bytes = &f_->open_;
  if (b < f_->blocks_.size()) {
    bytes = &f_->blocks_[b].bytes;
    if (f_->blocks_[b].compressed) {
      raw = decompress_block(*bytes);
      bytes = &raw;
    }
  }
  auto list = std::make_shared<std::vector<Diagnostic>>();
  list->reserve(count(b));
  const char* p = bytes->data();
  const char* end = p + bytes->size();
  while (p != end) list->push_back(decode_diagnostic(p, end));
  block_ = b;
  block_first_ = first;
  decoded_ = std::move(list);
}

Findings::const_iterator::reference Findings::const_iterator::operator*() const {
  if (!f_->compressed_) return f_->list_[index_];
  return (*decoded_)[index_ - block_first_];
}

Findings::const_iterator& Findings::const_iterator::operator++() {
  ++index_;
  if (f_->compressed_ && index_ < f_->size_ && index_ - block_first_ >= decoded_->size()) load();
  return *this;
}

// ---------------------------------------------------------------- FindingSpool

FindingSpool::FindingSpool() : store_(std::make_unique<ChunkStore>()) {}
FindingSpool::~FindingSpool() = default;

void FindingSpool::add(std::vector<Diagnostic>&& found) {
  // One chunk per run of findings about one path, encoded outside the lock,
  // and at most about a block long: a file of 100,000 statements brings
  // 100,000 findings at once, which are compressed a block at a time rather
  // than held as one long uncompressed chunk.
  std::string text;
  for (size_t i = 0; i < found.size();) {
    const Symbol path = found[i].span.path;  // a copy: found[i] is emptied below
    text.clear();
    for (; i < found.size() && found[i].span.path == path && text.size() < kCompressedBlockBytes; ++i) {
      encode_diagnostic(text, found[i]);
      found[i] = Diagnostic();  // its memory goes as its bytes come
    }
    store_->add(path.address(), text);
  }
  found.clear();
}

std::vector<Symbol> FindingSpool::paths() const {
  std::vector<Symbol> out;
  for (const void* key : store_->keys()) out.push_back(Symbol::at_address(key));
  return out;
}

std::vector<Diagnostic> FindingSpool::take(const Symbol& path) {
  std::vector<Diagnostic> out;
  store_->read(
      path.address(),
      [&](std::string_view bytes) {
        const char* p = bytes.data();
        const char* end = p + bytes.size();
        while (p != end) out.push_back(decode_diagnostic(p, end));
      },
      true);
  return out;
}

}  // namespace miglint
