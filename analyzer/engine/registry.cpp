#include "analyzer/engine/registry.h"

#include <algorithm>

#include "analyzer/engine/rule_docs.h"

namespace miglint {

std::vector<std::unique_ptr<Rule>> make_all_rules();  // rules/all_rules.cpp

namespace {
class DeclaredRule final : public Rule {
 public:
  explicit DeclaredRule(RuleMeta m) : meta_(m) {}
  const RuleMeta& meta() const override { return meta_; }

 private:
  RuleMeta meta_;
};
}  // namespace

std::unique_ptr<Rule> declared_rule(RuleMeta meta) { return std::make_unique<DeclaredRule>(meta); }

const std::vector<std::unique_ptr<Rule>>& all_rules() {
  static const std::vector<std::unique_ptr<Rule>> rules = [] {
    auto r = make_all_rules();
    std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a->id() < b->id(); });
    return r;
  }();
  return rules;
}

const Rule* find_rule(std::string_view id) {
  const auto& rules = all_rules();
  const auto it = std::lower_bound(rules.begin(), rules.end(), id,
                                   [](const auto& r, std::string_view v) { return r->id() < v; });
  return it != rules.end() && (*it)->id() == id ? it->get() : nullptr;
}

std::optional<std::string_view> rule_doc(std::string_view id) {
  for (const auto& d : rule_docs())
    if (d.id == id) return d.markdown;
  return std::nullopt;
}

}  // namespace miglint
