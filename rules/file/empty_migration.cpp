// `empty-migration`: an up or down (file or section) with no statement.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"

namespace miglint {
namespace {

class EmptyMigration final : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"empty-migration", Severity::Warning, "an up or down migration that contains no statement",
                            "file"};
    return m;
  }

  void check_unit(UnitContext& ctx) const override {
    const Unit& u = ctx.unit();
    if (u.role == Role::Plain && !u.migration) return;
    if (!u.statements.empty() || u.file->binary) return;
    for (const auto& f : u.file->failed)
      if (f.begin >= u.begin && f.begin < u.end) return;
    const size_t b = std::min(u.begin, ctx.source().size());
    auto& d = ctx.report(b, b, fmt::format("{} migration is empty", role_name(u.role)),
                         u.role == Role::Down
                             ? "write the statements that undo the up migration, or delete the file if the "
                               "runner does not need it"
                             : "an empty migration records a version without changing anything");
    (void)d;
  }
};

}  // namespace

std::unique_ptr<Rule> make_empty_migration() { return std::make_unique<EmptyMigration>(); }

}  // namespace miglint
