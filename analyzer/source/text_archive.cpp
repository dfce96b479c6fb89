#include "analyzer/source/text_archive.h"

#include "analyzer/source/chunk_store.h"

namespace miglint {

TextArchive::TextArchive() : store_(std::make_shared<ChunkStore>()) {}

void TextArchive::add(const Symbol& path, std::string_view text) { store_->add(path.address(), text); }

std::optional<std::string> TextArchive::text(const Symbol& path) const {
  std::optional<std::string> out;
  store_->read(
      path.address(), [&](std::string_view bytes) { out.emplace(bytes); }, false);
  return out;
}

std::vector<Symbol> TextArchive::paths() const {
  std::vector<Symbol> out;
  for (const void* key : store_->keys()) out.push_back(Symbol::at_address(key));
  return out;
}

}  // namespace miglint
