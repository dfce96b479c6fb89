// `changing-column-type` (squawk): ALTER COLUMN ... TYPE rewrites the table
// and rebuilds its indexes under ACCESS EXCLUSIVE unless the conversion is
// binary-compatible (docs/PG_FACTS.md §9). When the column's current type is known
// from this migration, binary-compatible changes stay silent.
#include <fmt/format.h>

#include <optional>

#include "analyzer/engine/registry.h"
#include "analyzer/engine/statement_facts.h"
#include "rules/support/alter_table_rule.h"

namespace miglint {
namespace {

struct TypeKey {
  std::string name;        // last part of the type name, grammar spelling (varchar, int4, numeric)
  std::vector<long> mods;  // typmods, when all are integer constants
  bool array = false;
  bool mods_known = true;
};

TypeKey key_of(const pg_query::TypeName& t) {
  TypeKey k;
  if (!t.names().empty()) k.name = t.names().rbegin()->string().sval();
  // Grammar spellings of the same type.
  if (k.name == "character varying") k.name = "varchar";
  if (k.name == "integer" || k.name == "int") k.name = "int4";
  for (const auto& m : t.typmods()) {
    if (m.has_a_const() && m.a_const().has_ival()) k.mods.push_back(m.a_const().ival().ival());
    else k.mods_known = false;
  }
  k.array = t.array_bounds_size() > 0;
  return k;
}

// Does old → new avoid a rewrite (ATColumnChangeRequiresRewrite)?
bool binary_compatible(const TypeKey& from, const TypeKey& to) {
  if (from.array != to.array || !from.mods_known || !to.mods_known) return false;
  const auto widened = [&](size_t i) {  // to has no limit there, or a limit >= from's
    if (to.mods.size() <= i) return true;
    return from.mods.size() > i && to.mods[i] >= from.mods[i];
  };
  if (from.name == to.name) {
    if (from.name == "numeric") {
      if (to.mods.empty()) return true;
      if (from.mods.empty()) return false;
      const long fs = from.mods.size() > 1 ? from.mods[1] : 0, ts = to.mods.size() > 1 ? to.mods[1] : 0;
      return fs == ts && to.mods[0] >= from.mods[0];
    }
    if (from.name == "bpchar") return from.mods == to.mods;  // any char(n) change rewrites
    return widened(0) && (to.mods.size() <= 1 || widened(1));
  }
  const auto is_text = [](const std::string& n) { return n == "text"; };
  if (from.name == "varchar" && is_text(to.name)) return true;
  if (is_text(from.name) && to.name == "varchar" && to.mods.empty()) return true;
  if (from.name == "cidr" && to.name == "inet") return true;
  return false;
}

class ChangingColumnType final : public AlterTableRule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"changing-column-type", Severity::Warning,
                            "changing a column's type rewrites the table under ACCESS EXCLUSIVE", "locking"};
    return m;
  }
  void on_alter_table_command(const pg_query::AlterTableCmd& cmd, const pg_query::AlterTableStmt& at,
                              const std::string& table, StatementContext& ctx) const override {
    if (cmd.subtype() != pg_query::AT_AlterColumnType) return;
    const auto& col = cmd.def().column_def();
    const std::string to = type_text(col.type_name());
    const bool using_expr = col.has_raw_default();  // USING arrives as raw_default
    const auto old = using_expr ? std::nullopt : current_type(ctx, at.relation().relname(), cmd.name());
    std::string what;
    if (using_expr) {
      what = fmt::format("changing {}.{} to {} with USING converts every row", table, cmd.name(), to);
    } else if (old) {
      if (binary_compatible(key_of(*old), key_of(col.type_name()))) return;
      what = fmt::format("changing {}.{} from {} to {} is not binary-compatible", table, cmd.name(), type_text(*old),
                         to);
    } else {
      what = fmt::format(
          "changing {}.{} to {} rewrites the table unless the old type converts without one (a longer varchar, "
          "varchar to text, a wider numeric precision)",
          table, cmd.name(), to);
    }
    ctx.report_at(col,
                  fmt::format("{}; the statement {}, rebuilding every index", what,
                              lock_work_phrase(LockMode::AccessExclusive, table, TableWork::Rewrite)),
                  "add a new column of the new type, keep both in sync (trigger or application), backfill in "
                  "batches, switch readers, then drop the old column; widening varchar(n) or changing varchar to "
                  "text needs no rewrite");
  }

 private:
  // The column's type as defined earlier in this unit, or (for a down) in
  // its migration's up: CREATE TABLE, ADD COLUMN, or an earlier type change.
  static std::optional<pg_query::TypeName> current_type(const StatementContext& ctx, const std::string& relname,
                                                        const std::string& column) {
    std::optional<pg_query::TypeName> found;
    const auto scan = [&](const Unit& u, size_t before) {
      for (const Statement* s : u.statements) {
        if (s->ordinal >= before) break;
        const auto& n = *s->node;
        if (n.has_create_stmt() && n.create_stmt().relation().relname() == relname) {
          for (const auto& e : n.create_stmt().table_elts())
            if (e.has_column_def() && e.column_def().colname() == column) found = e.column_def().type_name();
        } else if (n.has_alter_table_stmt() && n.alter_table_stmt().relation().relname() == relname) {
          for (const auto& c : n.alter_table_stmt().cmds()) {
            const auto& cmd = c.alter_table_cmd();
            if ((cmd.subtype() == pg_query::AT_AddColumn && cmd.def().column_def().colname() == column) ||
                (cmd.subtype() == pg_query::AT_AlterColumnType && cmd.name() == column))
              found = cmd.def().column_def().type_name();
          }
        }
      }
    };
    if (ctx.role() == Role::Down && ctx.up_unit()) scan(*ctx.up_unit(), SIZE_MAX);
    scan(ctx.unit(), ctx.statement().ordinal);
    return found;
  }
};

}  // namespace

std::unique_ptr<Rule> make_changing_column_type() { return std::make_unique<ChangingColumnType>(); }

}  // namespace miglint
