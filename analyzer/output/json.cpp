#include <nlohmann/json.hpp>

#include "analyzer/output/output.h"

namespace miglint {

namespace {
nlohmann::ordered_json fix_json(const Fix& fix) {
  nlohmann::ordered_json edits = nlohmann::ordered_json::array();
  for (const auto& e : fix.edits)
    edits.push_back({{"path", e.span.path},
                     {"line", e.span.start.line},
                     {"column", e.span.start.column},
                     {"end_line", e.span.stop.line},
                     {"end_column", e.span.stop.column},
                     {"text", e.text}});
  return {{"description", fix.description}, {"edits", edits}};
}
}  // namespace

nlohmann::ordered_json diagnostic_json(const Diagnostic& d) {
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const auto& n : d.notes)
    notes.push_back({{"path", n.span.path},
                     {"line", n.span.start.line},
                     {"column", n.span.start.column},
                     {"end_line", n.span.stop.line},
                     {"end_column", n.span.stop.column},
                     {"message", n.message}});
  return {{"rule", d.rule},
          {"severity", severity_name(d.severity)},
          {"path", d.span.path},
          {"line", d.span.start.line},
          {"column", d.span.start.column},
          {"end_line", d.span.stop.line},
          {"end_column", d.span.stop.column},
          {"message", d.message},
          {"help", d.help},
          {"notes", notes},
          {"fix", d.fix ? fix_json(*d.fix) : nlohmann::ordered_json(nullptr)}};
}

void write_json(std::ostream& out, const AnalysisResult& result) {
  nlohmann::ordered_json diags = nlohmann::ordered_json::array();
  size_t errors = 0, warnings = 0, infos = 0;
  for (const auto& d : result.diagnostics) {
    diags.push_back(diagnostic_json(d));
    (d.severity == Severity::Error ? errors : d.severity == Severity::Warning ? warnings : infos)++;
  }
  nlohmann::ordered_json j = {
      {"version", 1},
      {"diagnostics", diags},
      {"summary",
       {{"files", result.files}, {"migrations", result.migrations}, {"errors", errors}, {"warnings", warnings}, {"infos", infos}}}};
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace miglint
