// Rule documentation pages (docs/rules/<id>.md), embedded at build time.
#pragma once
#include <string_view>
#include <vector>

namespace miglint {

struct RuleDoc {
  std::string_view id;
  std::string_view markdown;
};

const std::vector<RuleDoc>& rule_docs();

}  // namespace miglint
