// `down-not-inverse`: the down migration does not restore the schema the up
// changed. The replay (analyzer/replay/replay.cpp) applies the up and the down
// and compares the schema before and after (analyzer/catalog/diff.cpp); this
// file words the differences.
#include <set>

#include <fmt/format.h>

#include "analyzer/replay/replay_findings.h"
#include "analyzer/engine/registry.h"
#include "rules/support/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"down-not-inverse", Severity::Error,
                     "the down migration does not restore the schema the up changed", "schema"};

std::string verb(effects::Action a) {
  switch (a) {
    case effects::Action::Created: return "created";
    case effects::Action::Dropped: return "dropped";
    case effects::Action::Renamed: return "renamed";
    default: return "changed";
  }
}

}  // namespace

Diagnostic catalog::down_not_inverse_finding(
    Span span, const std::vector<Difference>& diffs,
    const std::function<std::optional<UpChange>(const Difference&)>& up_change) {
  // A few differences read in one line; more (a down that forgets a table
  // with its indexes and sequences) get one note each.
  constexpr size_t kInline = 3;
  const bool listed = diffs.size() <= kInline;
  std::string msg = "down does not restore the schema: ";
  if (listed)
    for (size_t i = 0; i < diffs.size(); ++i) msg += (i ? "; " : "") + diffs[i].str();
  else msg += fmt::format("{} differences, one note each; the first: {}", diffs.size(), diffs.front().str());
  Diagnostic d = finding(kMeta, std::move(span), std::move(msg),
                         "make the down migration undo exactly what the up migration did");
  // Point at the up statement behind each difference when it is known.
  std::set<std::pair<const Statement*, std::string>> seen;
  for (const auto& diffx : diffs) {
    if (const auto up = up_change(diffx)) {
      const std::string note = listed ? fmt::format("the up migration {} {} here", verb(up->action), diffx.object.str())
                                      : fmt::format("{}; the up migration {} it here", diffx.str(), verb(up->action));
      if (seen.insert({up->statement, note}).second) d.notes.push_back({up->span, note});
    } else if (!listed) {
      d.notes.push_back({d.span, diffx.str()});
    }
  }
  return d;
}

std::unique_ptr<Rule> make_down_not_inverse() { return declared_rule(kMeta); }

}  // namespace miglint
