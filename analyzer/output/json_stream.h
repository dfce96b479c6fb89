// Large JSON documents written piece by piece. A report of a large folder
// holds hundreds of thousands of findings; as one nlohmann tree (then one
// dumped string) it costs several times the report itself. Here the document
// is dumped without its large arrays, and each array is written in its place
// one element at a time, byte for byte as dumping the whole tree would.
#pragma once
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace miglint {

struct AnalysisResult;

struct JsonArrayStream {
  JsonArrayStream(std::string slot_name, size_t count, std::function<std::string(size_t)> make,
                  std::function<std::vector<JsonArrayStream>()> inner = nullptr)
      : slot(std::move(slot_name)), size(count), element(std::move(make)), nested(std::move(inner)) {}

  std::string slot;  // the name given to json_slot()
  size_t size = 0;
  // Element i (called once each, in order), as json_text writes it.
  std::function<std::string(size_t)> element;
  // Optional: asked right after each element, the arrays streamed in place
  // of slots inside that element (a migration's effects can be as many as
  // the folder's statements).
  std::function<std::vector<JsonArrayStream>()> nested;
};

// A document or element as the streamed arrays need it: dumped with indent 2,
// invalid UTF-8 replaced.
std::string json_text(const nlohmann::ordered_json& j);
std::string json_text(const nlohmann::json& j);

// The string value that stands for a streamed array in a document.
std::string json_slot(std::string_view name);

// Writes `dumped` (a document's json_text, whose streamed arrays are
// slots) with each slot replaced by its array, indented where it stands.
void write_json_streamed(std::ostream& out, std::string_view dumped, const std::vector<JsonArrayStream>& arrays);

// The check report (`--format json`) with the members of `extra` after its
// own; `extra` may hold slots of `extra_arrays`.
void write_json_report(std::ostream& out, const AnalysisResult& result, const nlohmann::ordered_json& extra,
                       std::vector<JsonArrayStream> extra_arrays);

}  // namespace miglint
