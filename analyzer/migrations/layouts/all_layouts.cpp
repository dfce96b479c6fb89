// Every layout miglint reads, in one explicit list: the only place that maps
// Layout values and configured names to their plug-ins.
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

const LayoutKind& layout_kind(Layout l) {
  for (const LayoutKind* k : all_layouts())
    if (k->id() == l) return *k;
  return layouts::plain_layout();  // every Layout is listed
}

std::string_view layout_name(Layout l) { return layout_kind(l).name(); }

std::optional<Layout> parse_layout(std::string_view s) {
  for (const LayoutKind* k : all_layouts())
    if (k->name() == s) return k->id();
  return std::nullopt;
}

}  // namespace miglint
