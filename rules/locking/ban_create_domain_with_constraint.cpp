// `ban-create-domain-with-constraint` (squawk): constraints on a domain are
// checked wherever the domain is used and cannot be changed online later.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class BanCreateDomainWithConstraint final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-create-domain-with-constraint", Severity::Warning,
                            "domain constraints cannot be changed later without locking every table using them",
                            "locking"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kCreateDomainStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    // A down re-creating the domain its up dropped restores what existed.
    if (ctx.role() == Role::Down) return;
    const auto& d = node.create_domain_stmt();
    for (const auto& c : d.constraints()) {
      const auto& k = c.constraint();
      if (k.contype() != pg_query::CONSTR_CHECK && k.contype() != pg_query::CONSTR_NOTNULL) continue;
      ctx.report_at(k,
                    fmt::format("domain {} has a {} constraint: changing it later (ALTER DOMAIN ADD CONSTRAINT) "
                                "checks every column of every table that uses the domain while holding a SHARE "
                                "lock on each (blocks writes), and ADD COLUMN of this type rewrites the table",
                                dotted_name(d.domainname()),
                                k.contype() == pg_query::CONSTR_CHECK ? "CHECK" : "NOT NULL"),
                    "use the base type and put the CHECK constraint on the table columns, where it can be added "
                    "NOT VALID and validated online");
      return;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_create_domain_with_constraint() {
  return std::make_unique<BanCreateDomainWithConstraint>();
}

}  // namespace miglint
