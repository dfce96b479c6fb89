// `ban-alter-domain-with-add-constraint` (squawk): ALTER DOMAIN ADD
// CONSTRAINT checks every column of every table that uses the domain.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"

namespace miglint {
namespace {

class BanAlterDomainWithAddConstraint final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"ban-alter-domain-with-add-constraint", Severity::Warning,
                            "ALTER DOMAIN ADD CONSTRAINT scans every table that uses the domain", "locking"};
    return m;
  }
  std::vector<pg_query::Node::NodeCase> node_kinds() const override { return {pg_query::Node::kAlterDomainStmt}; }

  void check_node(const pg_query::Node& node, StatementContext& ctx) const override {
    const auto& d = node.alter_domain_stmt();
    if (d.subtype() != "C") return;  // 'C': ADD CONSTRAINT
    const auto& k = d.def().constraint();
    if (k.skip_validation()) return;  // NOT VALID: existing values are not checked
    const std::string name = dotted_name(d.type_name());
    if (created_in_unit(ctx, d.type_name())) return;
    ctx.report_statement(
        fmt::format("adding a constraint to domain {} checks every column of every table that uses it, holding a "
                    "SHARE lock on each table ({}) while it scans them",
                    name, lock_blocks(LockMode::Share)),
        "add the constraint `NOT VALID` and `VALIDATE CONSTRAINT` it separately, or put a CHECK constraint on "
        "the table columns instead (NOT VALID + VALIDATE works there without blocking writes)");
  }

 private:
  // A domain created earlier in the same unit is used by no existing rows.
  static bool created_in_unit(const StatementContext& ctx,
                              const google::protobuf::RepeatedPtrField<pg_query::Node>& n) {
    if (n.empty()) return false;
    const std::string& last = n.rbegin()->string().sval();
    for (const Statement* s : ctx.unit().statements) {
      if (s->ordinal >= ctx.statement().ordinal) break;
      const auto& dn = s->node->create_domain_stmt().domainname();
      if (s->node->has_create_domain_stmt() && !dn.empty() && dn.rbegin()->string().sval() == last) return true;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_alter_domain_with_add_constraint() {
  return std::make_unique<BanAlterDomainWithAddConstraint>();
}

}  // namespace miglint
