// The parse layer: the lexer (splitting, comments, trivia) and parse_file
// (libpg_query per statement, syntax-error recovery, invalid UTF-8, binary
// detection) over arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "analyzer/ast/lexer.h"
#include "analyzer/ast/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const auto prepared = miglint::prepare_text(bytes);
  (void)prepared;
  for (const auto& r : miglint::lexical_split(bytes))
    if (r.begin > r.end || r.end > bytes.size()) __builtin_trap();
  for (const auto& c : miglint::lexical_comments(bytes))
    if (c.begin > c.end || c.end > bytes.size()) __builtin_trap();
  const auto parsed = miglint::parse_file(std::make_shared<const miglint::SourceFile>("fuzz.sql", bytes));
  for (const auto& st : parsed.statements)
    if (st.begin > st.end || st.end > bytes.size()) __builtin_trap();
  return 0;
}
