// Every layout miglint reads, in one explicit list: the only place that maps
// configured names to their plug-ins.
#include <fmt/format.h>

#include "analyzer/migrations/layout.h"

namespace miglint {

namespace layouts {
const LayoutKind& updown_layout();
const LayoutKind& folder_layout();
const LayoutKind& goose_layout();
const LayoutKind& dbmate_layout();
const LayoutKind& flyway_layout();
const LayoutKind& plain_layout();
}  // namespace layouts

const std::vector<const LayoutKind*>& all_layouts() {
  // This order breaks ties between layouts detected as often in one folder.
  static const std::vector<const LayoutKind*> list = {
      &layouts::updown_layout(), &layouts::folder_layout(), &layouts::goose_layout(),
      &layouts::dbmate_layout(), &layouts::flyway_layout(), &layouts::plain_layout(),
  };
  return list;
}

const LayoutKind& default_layout() { return layouts::plain_layout(); }

const LayoutKind* find_layout(std::string_view name) {
  for (const LayoutKind* k : all_layouts())
    if (k->name() == name) return k;
  return nullptr;
}

void check_layout_setting(const Config& cfg) {
  if (cfg.layout == "auto" || find_layout(cfg.layout)) return;
  std::string expected = "auto";
  const auto& kinds = all_layouts();
  for (size_t i = 0; i < kinds.size(); ++i)
    expected += fmt::format("{}{}", i + 1 == kinds.size() ? " or " : ", ", kinds[i]->name());
  throw ConfigError(fmt::format("{}unknown layout `{}` (expected {})",
                                cfg.layout_origin.empty() ? "" : cfg.layout_origin + ": ", cfg.layout, expected));
}

}  // namespace miglint
