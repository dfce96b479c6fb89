#include "analyzer/output/json_stream.h"

#include <nlohmann/json.hpp>

#include <string>

namespace miglint {

namespace {
// Starts with a control character, which a dump escapes: a value of the
// document reads as a slot only if it holds that character, this text and
// the name of an array being streamed.
constexpr std::string_view kMark = "\\u0001miglint-stream:";
}  // namespace

std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string json_text(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_slot(std::string_view name) { return "\x01miglint-stream:" + std::string(name); }

namespace {
// Writes `text` with each of its line breaks written as `newline` (a break
// and the indent of the element being written), and its slots replaced.
void write_with_breaks(std::ostream& out, std::string_view text, const std::string& newline) {
  if (newline.size() == 1) {
    out << text;
    return;
  }
  // One write per element: each write to a stream synchronised with stdio
  // is a locked fwrite.
  std::string indented;
  indented.reserve(text.size() + text.size() / 4 + newline.size());
  size_t from = 0;
  for (size_t nl; (nl = text.find('\n', from)) != std::string_view::npos; from = nl + 1) {
    indented.append(text, from, nl - from);
    indented += newline;
  }
  indented.append(text, from);
  out.write(indented.data(), static_cast<std::streamsize>(indented.size()));
}

void write_streamed(std::ostream& out, std::string_view dumped, const std::vector<JsonArrayStream>& arrays,
                    const std::string& newline) {
  size_t at = 0;
  for (size_t mark; (mark = dumped.find(kMark, at)) != std::string_view::npos;) {
    const size_t quote = mark - 1;  // the slot's opening quote
    const size_t name_at = mark + kMark.size();
    const size_t close = dumped.find('"', name_at);
    const std::string_view name = dumped.substr(name_at, close - name_at);
    const JsonArrayStream* array = nullptr;
    for (const auto& a : arrays)
      if (a.slot == name) array = &a;
    if (!array || close == std::string_view::npos) {
      write_with_breaks(out, dumped.substr(at, name_at - at), newline);
      at = name_at;
      continue;
    }
    // The indent of the line the slot is on: its elements go one level deeper.
    const size_t line = dumped.rfind('\n', quote);
    const size_t line_start = line == std::string_view::npos ? 0 : line + 1;
    size_t indent = 0;
    while (line_start + indent < quote && dumped[line_start + indent] == ' ') ++indent;
    write_with_breaks(out, dumped.substr(at, quote - at), newline);
    at = close + 1;
    if (array->size == 0) {
      out << "[]";
      continue;
    }
    const std::string inner = newline + std::string(indent + 2, ' ');
    out << '[';
    for (size_t i = 0; i < array->size; ++i) {
      const std::string element = array->element(i);
      out << inner;
      if (array->nested) write_streamed(out, element, array->nested(), inner);
      else write_with_breaks(out, element, inner);
      if (i + 1 < array->size) out << ',';
    }
    out << newline << std::string(indent, ' ') << ']';
  }
  write_with_breaks(out, dumped.substr(at), newline);
}
}  // namespace

void write_json_streamed(std::ostream& out, std::string_view dumped, const std::vector<JsonArrayStream>& arrays) {
  write_streamed(out, dumped, arrays, "\n");
}

}  // namespace miglint
