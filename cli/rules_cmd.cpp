#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyzer/engine/registry.h"
#include "cli/commands.h"

namespace miglint {

int run_rules(bool json) {
  if (json) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& r : all_rules())
      arr.push_back({{"id", r->id()},
                     {"severity", severity_name(r->meta().severity)},
                     {"group", r->meta().group},
                     {"opt_in", r->meta().opt_in},
                     {"summary", r->meta().summary}});
    std::cout << arr.dump(2) << '\n';
    return 0;
  }
  size_t width = 0;
  for (const auto& r : all_rules()) width = std::max(width, r->id().size());
  for (const auto& r : all_rules())
    std::cout << fmt::format("{:<{}}  {:<7}  {}{}\n", r->id(), width, severity_name(r->meta().severity),
                             r->meta().summary, r->meta().opt_in ? " (opt-in)" : "");
  return 0;
}

int run_explain(const std::string& id) {
  const auto doc = rule_doc(id);
  if (!find_rule(id) || !doc) {
    std::cerr << fmt::format("miglint: unknown rule `{}` (`miglint rules` lists every rule id)\n", id);
    return 2;
  }
  std::cout << *doc;
  if (!doc->empty() && doc->back() != '\n') std::cout << '\n';
  return 0;
}

}  // namespace miglint
