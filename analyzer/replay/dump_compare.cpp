#include "analyzer/replay/dump_compare.h"

#include <algorithm>
#include <set>

#include "analyzer/ast/parse.h"
#include "analyzer/effects/apply.h"

namespace miglint::catalog {

Catalog catalog_from_dump(std::string_view dump_sql, std::vector<std::string>* unread, int pg_version) {
  Catalog cat;
  cat.set_pg_version(pg_version);
  auto src = std::make_shared<SourceFile>("pg_dump.sql", std::string(dump_sql));
  ParsedFile pf = parse_file(src);
  if (unread)
    for (const auto& d : pf.diagnostics) unread->push_back(d.rule + ": " + d.message);
  effects::begin_file(cat);
  for (const auto& st : pf.statements) {
    auto res = effects::apply_statement(cat, pf, st);
    if (unread)
      for (const auto& i : res.issues) unread->push_back(i.rule + ": " + i.message);
  }
  cat.commit();
  return cat;
}

namespace {

// The harness's dumps are normalised like the corpus truth (tools/pgchain_lib.py
// normalise_dump): blank lines and lines starting with "--" or "SET " are
// gone, also inside function bodies.
std::string normalised_body(std::string_view body) {
  std::string out;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    const std::string_view line = body.substr(pos, nl - pos);
    const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (!blank && !line.starts_with("--") && !line.starts_with("SET ")) out.append(line).push_back('\n');
    pos = nl + 1;
  }
  return out;
}

// What a dump cannot show is no difference: an extension's own comment
// (the model holds only comments it was given), and what normalisation
// removed from a function body.
void drop_undumpable(std::vector<Difference>& ds) {
  std::erase_if(ds, [](const Difference& d) {
    if (d.object.kind == ObjectKind::Function && d.property == "body")
      return normalised_body(d.before) == normalised_body(d.after);
    return d.object.kind == ObjectKind::Comment && d.before.empty() && d.object.name.name.starts_with("extension ");
  });
}

}  // namespace

std::vector<Difference> compare_with_dump(const Catalog& model, std::string_view dump_sql) {
  Catalog dump = catalog_from_dump(dump_sql, nullptr, model.pg_version());
  auto ds = diff(model.slice_all(), dump.slice_all());
  drop_undumpable(ds);
  return ds;
}

DumpComparison compare_with_dump_excusing_uncertain(const Catalog& model, std::string_view dump_sql) {
  DumpComparison out;
  Catalog dump = catalog_from_dump(dump_sql, &out.unread, model.pg_version());
  const Slice m = model.slice_all();
  const Slice s = dump.slice_all();
  auto certain = diff(m, s, [&](const std::string& k) { return model.uncertain(k) || dump.uncertain(k); });
  drop_undumpable(certain);
  std::set<std::string> real;
  for (auto& d : certain) {
    real.insert(d.str());
    const bool view = d.object.kind == ObjectKind::View || d.object.kind == ObjectKind::MaterializedView;
    // pg_dump writes a view's column names into its query.
    if (view && (d.property == "definition" || d.property == "column names"))
      out.excused.push_back({std::move(d), "view query text"});
    else out.differences.push_back(std::move(d));
  }
  auto all = diff(m, s);
  drop_undumpable(all);
  for (auto& d : all)
    if (!real.count(d.str())) out.excused.push_back({std::move(d), "uncertain"});
  return out;
}

}  // namespace miglint::catalog
