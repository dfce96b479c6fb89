// Files' texts kept compressed by path: what reports read (code frames,
// fingerprints) of the files whose parse a large analysis freed as it went.
// Copies share one archive.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source/symbol.h"

namespace miglint {

class ChunkStore;

class TextArchive {
 public:
  TextArchive();
  // Thread-safe; one text per path.
  void add(const Symbol& path, std::string_view text);
  // The text archived for `path`, if any.
  std::optional<std::string> text(const Symbol& path) const;
  // Every archived path, in no particular order.
  std::vector<Symbol> paths() const;

 private:
  std::shared_ptr<ChunkStore> store_;
};

}  // namespace miglint
