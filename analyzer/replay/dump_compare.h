// The schema model against a real server's pg_dump --schema-only: the dump
// is replayed into a fresh catalog (so it sits above the effects layer) and
// compared with catalog::diff.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/catalog/catalog.h"
#include "analyzer/catalog/diff.h"

namespace miglint::catalog {

// Replays a pg_dump --schema-only file into a fresh catalog. `unread`, when
// given, receives the messages of dump statements the model cannot apply.
Catalog catalog_from_dump(std::string_view dump_sql, std::vector<std::string>* unread = nullptr, int pg_version = 15);
// Model vs server: differences between the model and a pg_dump of the server,
// compared by the model's semantics (serial ≡ sequence + default + OWNED BY).
std::vector<Difference> compare_with_dump(const Catalog& model, std::string_view dump_sql);

// The same comparison, with the differences on objects that the model (or
// its reading of the dump) holds as uncertain after an unmodeled statement
// set apart: the model does not claim to know them.
// View queries are excused too: pg_dump prints the stored query rewritten
// (implicit casts, ORDER BY positions, …), which the model does not all
// reproduce (it does qualify columns and expand `*`).
struct DumpComparison {
  struct Excused {
    Difference difference;
    std::string why;  // "uncertain", "view query text"
  };
  std::vector<Difference> differences;  // model and server disagree
  std::vector<Excused> excused;
  std::vector<std::string> unread;  // dump statements the model cannot apply
};
DumpComparison compare_with_dump_excusing_uncertain(const Catalog& model, std::string_view dump_sql);

}  // namespace miglint::catalog
