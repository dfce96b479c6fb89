#include "analyzer/engine/units.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "analyzer/engine/rule.h"
#include "analyzer/engine/walk.h"

namespace miglint {

void fill_unit_facts(Unit& u) {
  for (const Statement* s : u.statements) {
    const auto& n = *s->node;
    std::string name;
    if (n.has_create_stmt()) name = n.create_stmt().relation().relname();
    else if (n.has_create_table_as_stmt()) name = n.create_table_as_stmt().into().rel().relname();
    if (!name.empty()) u.created_relations.emplace(name, s->ordinal);
  }
}

UnitPlan plan_units(const MigrationFolder& folder, const std::unordered_map<Symbol, size_t>& slot_of) {
  UnitPlan plan;
  std::unordered_set<Symbol> covered;
  const auto add = [&](const Section& sec, Role role, const Migration* m, std::vector<size_t>& item) {
    const auto it = slot_of.find(sec.file);
    if (it == slot_of.end()) return;
    covered.insert(sec.file);
    Unit u;
    u.begin = sec.begin;
    u.end = sec.end;
    u.role = role;
    u.migration = m;
    u.in_transaction = m ? m->in_transaction : false;
    item.push_back(plan.units.size());
    plan.units.push_back(std::make_unique<Unit>(std::move(u)));
    plan.slot.push_back(it->second);
  };
  for (const auto& m : folder.migrations) {
    std::vector<size_t> item;
    if (m.up) add(*m.up, Role::Up, &m, item);
    if (m.down) add(*m.down, Role::Down, &m, item);
    plan.items.push_back(std::move(item));
  }
  for (const auto& f : folder.sql_files)
    if (!covered.contains(f)) {
      std::vector<size_t> item;
      add(Section{f, 0, SIZE_MAX}, Role::Plain, nullptr, item);
      plan.items.push_back(std::move(item));
    }
  return plan;
}

void complete_units(UnitPlan& plan, const std::vector<size_t>& item,
                    const std::function<const ParsedFile*(size_t slot)>& file_of) {
  Unit* up = nullptr;
  for (size_t k : item) {
    Unit& u = *plan.units[k];
    u.file = file_of(plan.slot[k]);
    if (!u.file) continue;
    for (const auto& st : u.file->statements)
      if (st.begin >= u.begin && st.begin < u.end) u.statements.push_back(&st);
    fill_unit_facts(u);
    if (u.role == Role::Up) up = &u;
  }
  for (size_t k : item)
    if (plan.units[k]->file && plan.units[k]->role == Role::Down) plan.units[k]->up = up;
}

std::vector<Unit> present_units(UnitPlan& plan) {
  std::unordered_map<const Unit*, size_t> new_index;
  std::vector<Unit> out;
  for (const auto& u : plan.units)
    if (u && u->file) {
      new_index.emplace(u.get(), out.size());
      out.push_back(std::move(*u));
    }
  for (auto& u : out)
    if (u.up) u.up = &out[new_index.at(u.up)];
  return out;
}

Dispatcher::Dispatcher(const std::vector<const Rule*>& rules) : rules_(rules) {
  for (const Rule* r : rules)
    for (auto kind : r->node_kinds()) {
      const auto k = static_cast<size_t>(kind);
      if (by_kind_.size() <= k) by_kind_.resize(k + 1);
      by_kind_[k].push_back(r);
    }
}

void Dispatcher::run(const Unit& unit, const Config& config, std::vector<Diagnostic>& sink,
                     const std::function<void(std::vector<Diagnostic>&)>& flush) const {
  constexpr size_t kFlushAt = 1024;
  if (!by_kind_.empty()) {
    for (const Statement* s : unit.statements) {
      StatementContext ctx(unit, config, sink, *s);
      walk_nodes(*s->node, [&](const pg_query::Node& n) {
        const auto k = static_cast<size_t>(n.node_case());
        if (k >= by_kind_.size()) return;
        for (const Rule* r : by_kind_[k]) {
          ctx.set_rule(r);
          r->check_node(n, ctx);
        }
      });
      if (flush && sink.size() >= kFlushAt) flush(sink);
    }
  }
  UnitContext uctx(unit, config, sink);
  for (const Rule* r : rules_) {
    uctx.set_rule(r);
    r->check_unit(uctx);
  }
}

catalog::ReplayPart replay_part(const Unit& u) {
  catalog::ReplayPart p;
  p.file = u.file;
  p.begin = u.begin;
  p.end = std::min(u.end, u.file->source->size());
  for (const Statement* s : u.statements) p.statements.emplace_back(u.file, s);
  for (const auto& f : u.file->failed)
    if (f.begin >= p.begin && f.begin < std::max(p.end, p.begin + 1)) p.unparsed.push_back(f);
  std::sort(p.unparsed.begin(), p.unparsed.end(),
            [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  return p;
}

namespace {
// A unit of a plan or of a finished analysis (null: freed).
const Unit* unit_at(const std::vector<Unit>& units, size_t k) { return &units[k]; }
const Unit* unit_at(const std::vector<std::unique_ptr<Unit>>& units, size_t k) { return units[k].get(); }

template <class Units>
const Unit* find_up(const Units& units, const std::vector<size_t>& item) {
  for (size_t k : item)
    if (const Unit* u = unit_at(units, k); u && u->file && u->role == Role::Up) return u;
  return nullptr;
}

template <class Units>
std::optional<catalog::ReplayMigration> migration_of(const Migration& m, const Units& units,
                                                     const std::vector<size_t>& item) {
  catalog::ReplayMigration rm;
  rm.version = m.version;
  for (size_t k : item) {
    const Unit* unit = unit_at(units, k);
    if (!unit || !unit->file || unit->file->binary) continue;
    const Unit& u = *unit;
    if (u.role == Role::Up) rm.up = replay_part(u);
    else if (u.role == Role::Down) rm.down = replay_part(u);
  }
  if (!rm.up) return std::nullopt;
  return rm;
}

template <class Units>
std::vector<catalog::ReplayMigration> input_of(const MigrationFolder& folder, const Units& units,
                                               std::vector<std::pair<const Migration*, const Unit*>>* steps) {
  std::map<const Migration*, std::vector<size_t>> by_migration;
  for (size_t k = 0; k < units.size(); ++k)
    if (const Unit* u = unit_at(units, k); u && u->migration) by_migration[u->migration].push_back(k);
  std::vector<catalog::ReplayMigration> out;
  for (const auto& m : folder.migrations) {
    const auto it = by_migration.find(&m);
    if (it == by_migration.end()) continue;
    if (auto rm = migration_of(m, units, it->second)) {
      out.push_back(std::move(*rm));
      if (steps) steps->emplace_back(&m, find_up(units, it->second));
    }
  }
  return out;
}
}  // namespace

const Unit* up_unit(const std::vector<std::unique_ptr<Unit>>& units, const std::vector<size_t>& item) {
  return find_up(units, item);
}

std::optional<catalog::ReplayMigration> replay_migration(const Migration& m,
                                                         const std::vector<std::unique_ptr<Unit>>& units,
                                                         const std::vector<size_t>& item) {
  return migration_of(m, units, item);
}

std::vector<catalog::ReplayMigration> replay_input(const MigrationFolder& folder,
                                                   const std::vector<std::unique_ptr<Unit>>& units,
                                                   std::vector<std::pair<const Migration*, const Unit*>>* steps) {
  return input_of(folder, units, steps);
}

std::vector<catalog::ReplayMigration> replay_input(const FolderAnalysis& fa) {
  return input_of(fa.folder, fa.units, nullptr);
}

}  // namespace miglint
