// Which rules run and how their findings are finished: selection (config
// select/ignore, then the command line), configured severities, and a
// file's suppressions.
#pragma once
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ast/parse.h"
#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/suppress.h"

namespace miglint {

class Rule;

// Which rules run: config select/ignore, then command-line overrides.
class RuleSelection {
 public:
  // Throws ConfigError naming the unknown id and where it was written.
  RuleSelection(const Config& config, const std::vector<std::string>& cli_select,
                const std::vector<std::string>& cli_ignore);
  bool enabled(std::string_view id) const { return enabled_.contains(std::string(id)); }
  Severity severity(std::string_view id, Severity fallback) const;
  // The registered rules this selection enables, in registry order.
  std::vector<const Rule*> active_rules() const;

 private:
  std::set<std::string> enabled_;
  std::map<std::string, Severity, std::less<>> severity_;
};

// Selection, suppressions and severities for one file's findings.
void finish_file(const ParsedFile* file, const RuleSelection& selection, std::vector<Diagnostic>& diags);
// The same, with the file's suppressions already collected.
void finish_with(const ParsedFile* file, std::vector<Suppression>& sups, const RuleSelection& selection,
                 std::vector<Diagnostic>& diags);

}  // namespace miglint
