// `access-exclusive-lock`: a statement that `miglint verify` saw take an
// ACCESS EXCLUSIVE lock on a table that existed before the migration (read
// from pg_locks while the migration's transaction was still open). `table`
// is one table or several, comma-separated.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "rules/verify/findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"access-exclusive-lock", Severity::Warning,
                     "a statement observed taking ACCESS EXCLUSIVE on an existing table (verify)", "verify"};

}  // namespace

Diagnostic access_exclusive_lock_finding(const Span& span, std::string_view rule, std::string_view table,
                                         std::string_view server, double ms) {
  Diagnostic d;
  const Rule* r = rule.empty() ? nullptr : find_rule(rule);
  d.rule = r ? r->meta().id : kMeta.id;
  d.severity = r ? r->meta().severity : kMeta.severity;
  d.span = span;
  const bool several = table.find(", ") != std::string_view::npos;
  d.message = fmt::format(
      "observed: takes an ACCESS EXCLUSIVE lock on {}, which existed before this migration (on {}, the statement "
      "ran {:.1f} ms): reads and writes on {} wait until the transaction ends",
      table, server, ms, several ? "them" : table);
  d.help = "on a busy table, set a short lock_timeout and retry, or use a form of the change that takes a weaker lock";
  return d;
}

std::unique_ptr<Rule> make_access_exclusive_lock() { return declared_rule(kMeta); }

}  // namespace miglint
