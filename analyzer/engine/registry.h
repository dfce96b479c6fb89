// Every rule miglint knows, in one explicit sorted list (rules/all_rules.cpp).
#pragma once
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"

namespace miglint {

// Sorted by id; built once.
const std::vector<std::unique_ptr<Rule>>& all_rules();
const Rule* find_rule(std::string_view id);
std::optional<std::string_view> rule_doc(std::string_view id);

// A rule whose findings are made by the engine itself (parser, folder reader,
// replay): it carries metadata only.
std::unique_ptr<Rule> declared_rule(RuleMeta meta);

}  // namespace miglint
