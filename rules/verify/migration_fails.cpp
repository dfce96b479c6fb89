// `migration-fails`: a migration that PostgreSQL refuses when `miglint
// verify` runs it, with an error that no static rule names (those the model
// predicts are reported under unknown-object, duplicate-object,
// dependent-objects, too-many-columns or syntax-error).
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "rules/verify/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"migration-fails", Severity::Error, "a migration that fails on a real PostgreSQL (verify)",
                     "verify"};

}  // namespace

Diagnostic migration_fails_finding(const Span& span, std::string_view half, std::string_view server,
                                   std::string_view error, bool timed_out) {
  Diagnostic d;
  d.rule = kMeta.id;
  d.severity = kMeta.severity;
  d.span = span;
  if (timed_out) {
    d.message = fmt::format("the {} did not finish within the statement timeout on {}: the statement was cancelled",
                            half, server);
    d.help =
        "a statement that waits on a lock or runs this long blocks a deployment; raise --statement-timeout "
        "if it is expected";
  } else {
    d.message = fmt::format("{} refused the {}: {}", server, half, error);
    d.help = half == "down" ? "a down that fails cannot roll the migration back" : "the migration cannot be applied";
  }
  return d;
}

std::unique_ptr<Rule> make_migration_fails() { return declared_rule(kMeta); }

}  // namespace miglint
