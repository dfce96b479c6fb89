// `miglint audit`: the whole-folder report built on top of what `check`
// finds: a table of migrations with their effects and round-trip verdicts,
// counts per rule, the downs that do not restore the schema, and the files
// with the most findings. Every writer reads the same AuditReport, which is
// built only from sorted data so the output does not depend on --jobs.
#pragma once
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/runner.h"

namespace miglint::report {

enum class RoundTrip { Restores, DoesNotRestore, DownFails, NoDown, NotChecked };
std::string_view round_trip_name(RoundTrip v);  // "restores", "does not restore", ...
// What a verdict means, for the reports' legends.
std::string_view round_trip_meaning(RoundTrip v);

// A large folder's table has a row per migration: paths are Symbols (the
// findings name the same files, so each text is held once).
struct AuditMigration {
  Symbol folder;  // display path of its folder
  std::string version;
  std::string name;
  Symbol path;          // display path of its up (else its down)
  Symbol down_path;     // display path of its down (empty: none)
  std::string summary;  // what its up does to the schema
  RoundTrip round_trip = RoundTrip::NotChecked;
  std::string why;      // for NotChecked: why the verdict is withheld
  size_t findings = 0;  // findings on its up and down files
};

struct RuleCount {
  std::string rule;
  Severity severity = Severity::Info;  // the most severe it was reported with
  size_t count = 0;
};

struct FileCount {
  std::string path;
  size_t errors = 0, warnings = 0, infos = 0;
  size_t total() const { return errors + warnings + infos; }
};

struct AuditReport {
  size_t files = 0;
  size_t migrations = 0;
  size_t errors = 0, warnings = 0, infos = 0;
  std::vector<AuditMigration> table;           // folder order, then apply order
  std::vector<RuleCount> rules;                // most findings first, then rule id
  std::vector<size_t> not_restoring;           // indexes into table: does not restore / down fails
  std::vector<FileCount> top_offenders;        // most findings first, then path; at most 10
  size_t verdict_counts[5] = {0, 0, 0, 0, 0};  // indexed by RoundTrip
};

// The report for `result`; `result.diagnostics` are the findings it counts
// (after baseline filtering, as check prints them).
AuditReport build_audit(const AnalysisResult& result);

void write_audit_human(std::ostream& out, const AnalysisResult& result, const AuditReport& report, bool color);
void write_audit_markdown(std::ostream& out, const AnalysisResult& result, const AuditReport& report);
void write_audit_html(std::ostream& out, const AnalysisResult& result, const AuditReport& report);
// The check JSON with an added top-level `audit` object.
void write_audit_json(std::ostream& out, const AnalysisResult& result, const AuditReport& report);

// Escapes for the text formats (exposed for tests). Both also replace invalid
// UTF-8 (file names and SQL are arbitrary bytes) with U+FFFD.
std::string valid_utf8(std::string_view s);
std::string html_escape(std::string_view raw);
std::string markdown_cell(std::string_view raw);
// "1 error", "2 errors": a count with its noun, as every audit format words it.
std::string plural(size_t n, std::string_view one, std::string_view many);

}  // namespace miglint::report
