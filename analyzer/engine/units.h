// Units (an up, a down, a plain script: what runs as one step) planned from
// a folder before its files are parsed, completed once they are, handed to
// the rules (one walk per statement), and given to the schema replay.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/analysis.h"
#include "analyzer/engine/context.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/replay/replay.h"
#include "analyzer/source/symbol.h"

namespace miglint {

class Rule;

// The facts a unit's rules read about it (the relations it creates).
void fill_unit_facts(Unit& u);

// The units of a folder before its files are parsed: each migration's up
// and down sections, then every other .sql file as a plain unit. A unit whose
// file cannot be read keeps a null file and is dropped at the end.
struct UnitPlan {
  // One allocation each: a large analysis frees a migration's units once the
  // replay has read them.
  std::vector<std::unique_ptr<Unit>> units;
  std::vector<size_t> slot;  // the file slot of each unit
  // Work items: the units of each migration (item i is folder.migrations[i]),
  // then one item per plain file.
  std::vector<std::vector<size_t>> items;
};

UnitPlan plan_units(const MigrationFolder& folder, const std::unordered_map<Symbol, size_t>& slot_of);
// Gives the units of one item their parsed file (`file_of(slot)`) and
// statements, and links a down to its up.
void complete_units(UnitPlan& plan, const std::vector<size_t>& item,
                    const std::function<const ParsedFile*(size_t slot)>& file_of);
// The units whose file was read, in plan order, with their up links kept.
std::vector<Unit> present_units(UnitPlan& plan);

// One walk per statement; each node goes to the rules that asked for its kind.
class Dispatcher {
 public:
  explicit Dispatcher(const std::vector<const Rule*>& rules);
  // `flush`, when given, takes the findings gathered so far between
  // statements once there are many (a file of 100,000 statements can have
  // as many findings: held at once, they would outweigh its syntax trees).
  void run(const Unit& unit, const Config& config, std::vector<Diagnostic>& sink,
           const std::function<void(std::vector<Diagnostic>&)>& flush = nullptr) const;

 private:
  std::vector<const Rule*> rules_;
  std::vector<std::vector<const Rule*>> by_kind_;
};

// A unit as the schema replay takes it.
catalog::ReplayPart replay_part(const Unit& u);

// The up among a migration's units (indices into `units`), if it was read.
const Unit* up_unit(const std::vector<std::unique_ptr<Unit>>& units, const std::vector<size_t>& item);
// One migration of the replay from its units (null file: unreadable); none
// when it has no up, since a down alone cannot be checked against anything.
std::optional<catalog::ReplayMigration> replay_migration(const Migration& m,
                                                         const std::vector<std::unique_ptr<Unit>>& units,
                                                         const std::vector<size_t>& item);
// The folder's migrations as the replay takes them; with `steps`, each one's
// migration and up unit too (for the folder rules' walks).
std::vector<catalog::ReplayMigration> replay_input(const MigrationFolder& folder,
                                                   const std::vector<std::unique_ptr<Unit>>& units,
                                                   std::vector<std::pair<const Migration*, const Unit*>>* steps);

}  // namespace miglint
