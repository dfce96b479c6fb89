// SARIF 2.1.0: one run, every registered rule with its documentation, results
// with code-point columns (run.columnKind), notes as related locations, fixes.
#include <map>

#include <nlohmann/json.hpp>

#include "analyzer/engine/registry.h"
#include "analyzer/output/json_stream.h"
#include "analyzer/output/links.h"
#include "analyzer/output/output.h"
#include "analyzer/output/report_sources.h"

namespace miglint {

namespace {

using ojson = nlohmann::ordered_json;

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "note";
}

// ban-drop-table -> BanDropTable (SARIF's reportingDescriptor.name).
std::string pascal_name(std::string_view id) {
  std::string out;
  bool upper = true;
  for (const char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

// The first paragraph of the doc's "What it does" section, as one line.
std::string what_it_does(std::string_view doc) {
  const size_t h = doc.find("## What it does");
  if (h == std::string_view::npos) return {};
  size_t b = doc.find('\n', h);
  if (b == std::string_view::npos) return {};
  while (b < doc.size() && doc[b] == '\n') ++b;
  size_t e = doc.find("\n\n", b);
  if (e == std::string_view::npos) e = doc.size();
  std::string out;
  for (const char c : doc.substr(b, e - b)) out += c == '\n' ? ' ' : c;
  return out;
}

ojson artifact_location(const std::string& path) {
  if (std::filesystem::path(path).is_absolute()) return {{"uri", file_uri(path)}};
  return {{"uri", percent_encode_path(path)}, {"uriBaseId", "%SRCROOT%"}};
}

ojson region(const Span& s) {
  return {{"startLine", s.start.line},
          {"startColumn", s.start.column},
          {"endLine", s.stop.line},
          {"endColumn", s.stop.column}};
}

ojson physical(const Span& s) { return {{"artifactLocation", artifact_location(s.path)}, {"region", region(s)}}; }

ojson rule_descriptor(const Rule& rule) {
  const RuleMeta& m = rule.meta();
  const std::string summary = valid_utf8(m.summary);
  ojson r = {{"id", m.id}, {"name", pascal_name(m.id)}, {"shortDescription", {{"text", summary}}}};
  const auto doc = rule_doc(m.id);
  std::string full = doc ? what_it_does(*doc) : std::string();
  r["fullDescription"] = {{"text", full.empty() ? summary : valid_utf8(full)}};
  r["helpUri"] = rule_doc_url(m.id);
  const std::string help = doc ? valid_utf8(*doc) : summary;
  r["help"] = {{"text", help}, {"markdown", help}};
  ojson config = {{"level", sarif_level(m.severity)}};
  if (m.opt_in) config["enabled"] = false;
  r["defaultConfiguration"] = std::move(config);
  if (!m.group.empty()) r["properties"] = {{"tags", {std::string(m.group)}}};
  return r;
}

ojson fix_json(const Fix& fix) {
  // artifactChanges: one per file, replacements in edit order.
  std::map<std::string, ojson> by_path;
  std::vector<std::string> order;
  for (const auto& e : fix.edits) {
    if (!by_path.contains(e.span.path)) {
      order.push_back(e.span.path);
      by_path[e.span.path] = ojson::array();
    }
    by_path[e.span.path].push_back(
        {{"deletedRegion", region(e.span)}, {"insertedContent", {{"text", valid_utf8(e.text)}}}});
  }
  ojson changes = ojson::array();
  for (const auto& p : order)
    changes.push_back({{"artifactLocation", artifact_location(p)}, {"replacements", by_path[p]}});
  return {{"description", {{"text", valid_utf8(fix.description)}}}, {"artifactChanges", changes}};
}

}  // namespace

void write_sarif(std::ostream& out, const AnalysisResult& result) {
  const auto& rules = all_rules();
  std::map<std::string_view, size_t> rule_index;
  ojson descriptors = ojson::array();
  for (size_t i = 0; i < rules.size(); ++i) {
    rule_index[rules[i]->id()] = i;
    descriptors.push_back(rule_descriptor(*rules[i]));
  }

  const ReportSources sources(result);
  Fingerprints prints(sources);
  auto next = result.diagnostics.begin();  // asked for in order, as compressed findings are read
  const auto result_json = [&](size_t) {
    const auto at = next++;  // holds the block `d` is read from
    const Diagnostic& d = *at;
    std::string text = d.message;
    if (!d.help.empty()) text += "\nhelp: " + d.help;
    ojson r = {{"ruleId", d.rule}};
    if (const auto it = rule_index.find(d.rule); it != rule_index.end()) r["ruleIndex"] = it->second;
    r["level"] = sarif_level(d.severity);
    r["message"] = {{"text", valid_utf8(text)}};
    r["locations"] = ojson::array({{{"physicalLocation", physical(d.span)}}});
    if (!d.notes.empty()) {
      ojson related = ojson::array();
      for (size_t i = 0; i < d.notes.size(); ++i)
        related.push_back({{"id", i + 1},
                           {"physicalLocation", physical(d.notes[i].span)},
                           {"message", {{"text", valid_utf8(d.notes[i].message)}}}});
      r["relatedLocations"] = std::move(related);
    }
    if (d.fix && !d.fix->edits.empty()) r["fixes"] = ojson::array({fix_json(*d.fix)});
    r["partialFingerprints"] = {{"miglintFingerprint/v1", prints.next(d)}};
    return json_text(r);
  };

  ojson driver = {{"name", "miglint"},
                  {"version", MIGLINT_VERSION},
                  {"semanticVersion", MIGLINT_VERSION},
                  {"informationUri", kHomepage},
                  {"rules", descriptors}};
  std::string root = file_uri(std::filesystem::current_path());
  if (root.back() != '/') root += '/';
  ojson run = {{"tool", {{"driver", driver}}},
               {"invocations", ojson::array({{{"executionSuccessful", true}}})},
               {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", root}}}}},
               {"columnKind", "unicodeCodePoints"},
               {"results", json_slot("results")}};
  ojson log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
               {"version", "2.1.0"},
               {"runs", ojson::array({run})}};
  // Results are written one at a time: a large folder has hundreds of thousands.
  write_json_streamed(out, json_text(log), {{"results", result.diagnostics.size(), result_json}});
  out << '\n';
}

}  // namespace miglint
