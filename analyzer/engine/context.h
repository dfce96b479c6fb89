// What a rule sees: the unit (file or section) being checked, the statement,
// facts about the migration, and a way to report.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message_lite.h>

#include "analyzer/ast/parse.h"
#include "analyzer/config/config.h"
#include "analyzer/diag/diagnostic.h"
#include "analyzer/migrations/migration.h"

namespace miglint {

class Rule;

enum class Role { Plain, Up, Down };
std::string_view role_name(Role r);

// A file, or the part of one, that runs as one step: an up, a down, or a
// plain script.
struct Unit {
  const ParsedFile* file = nullptr;
  size_t begin = 0;
  size_t end = SIZE_MAX;
  Role role = Role::Plain;
  const Migration* migration = nullptr;  // null for a file outside any migration
  bool in_transaction = false;           // the runner wraps it in a transaction
  std::vector<const Statement*> statements;
  // For a down: the up of the same migration (what the down undoes).
  const Unit* up = nullptr;

  // Relations created by statements of this unit, with the ordinal of the
  // creating statement: "is this table new in this migration?"
  std::map<std::string, size_t, std::less<>> created_relations;
};

class UnitContext {
 public:
  UnitContext(const Unit& unit, const Config& config, std::vector<Diagnostic>& sink)
      : unit_(unit), config_(config), sink_(sink) {}
  virtual ~UnitContext() = default;
  UnitContext(const UnitContext&) = delete;
  UnitContext& operator=(const UnitContext&) = delete;

  const Unit& unit() const { return unit_; }
  const ParsedFile& file() const { return *unit_.file; }
  const SourceFile& source() const { return *unit_.file->source; }
  const Config& config() const { return config_; }
  Role role() const { return unit_.role; }
  bool in_transaction() const { return unit_.in_transaction; }
  int pg_version() const { return config_.pg_version; }
  std::string_view text(size_t b, size_t e) const { return unit_.file->text(b, e); }

  void set_rule(const Rule* rule) { rule_ = rule; }

  // Was relation `name` (unqualified, folded) created in this unit before
  // statement ordinal `before`?
  bool created_before(std::string_view name, size_t before) const;
  // For a down: the same migration's up, if it exists.
  const Unit* up_unit() const { return unit_.up; }

  Diagnostic& report(size_t begin, size_t end, std::string message, std::string_view help = {});
  Diagnostic& report(const Statement& stmt, std::string message, std::string_view help = {});
  Span span(size_t begin, size_t end) const { return make_span(source(), begin, end); }

 private:
  const Unit& unit_;
  const Config& config_;
  std::vector<Diagnostic>& sink_;
  const Rule* rule_ = nullptr;
};

class StatementContext : public UnitContext {
 public:
  StatementContext(const Unit& unit, const Config& config, std::vector<Diagnostic>& sink, const Statement& stmt)
      : UnitContext(unit, config, sink), stmt_(stmt) {}

  const Statement& statement() const { return stmt_; }
  // File offset of a node: its own location, else its nearest located
  // descendant, else the statement start.
  size_t offset_of(const google::protobuf::MessageLite& node) const;
  bool created_earlier(std::string_view relation) const { return created_before(relation, stmt_.ordinal); }

  Diagnostic& report_at(const google::protobuf::MessageLite& node, std::string message, std::string_view help = {});
  Diagnostic& report_statement(std::string message, std::string_view help = {}) {
    return report(stmt_, std::move(message), help);
  }

 private:
  const Statement& stmt_;
};

namespace catalog {
struct StatementEffects;  // analyzer/replay/replay.h
}

// One migration of a folder as the schema replay has just applied it: the
// effects of its up statements, then of its down's (each StatementEffects
// says which), on the parsed files they come from.
struct FolderStep {
  const Migration* migration = nullptr;
  const Unit* up = nullptr;  // null when the up is not among the analysed units
  const catalog::StatementEffects* effects = nullptr;
  size_t effect_count = 0;
  const catalog::StatementEffects* begin() const { return effects; }
  const catalog::StatementEffects* end() const;
};

// What a folder rule reads and reports through while it walks a folder.
class FolderContext {
 public:
  FolderContext(const MigrationFolder& folder, const Config& config, std::vector<Diagnostic>& sink)
      : folder_(folder), config_(config), sink_(sink) {}
  const MigrationFolder& folder() const { return folder_; }
  const Config& config() const { return config_; }
  void set_rule(const Rule* rule) { rule_ = rule; }
  Diagnostic& report(const SourceFile& file, size_t begin, size_t end, std::string message, std::string_view help = {});
  Diagnostic& report(Span span, std::string message, std::string_view help = {});
  // A finding of the current rule, not reported yet; emit() reports one.
  Diagnostic make(Span span, std::string message, std::string_view help = {}) const;
  void emit(Diagnostic d) { sink_.push_back(std::move(d)); }

 private:
  const MigrationFolder& folder_;
  const Config& config_;
  std::vector<Diagnostic>& sink_;
  const Rule* rule_ = nullptr;
};

// A folder rule's walk over one folder's replay, fed each migration as the
// replay applies it, so that no rule needs the effects of the whole folder
// at once (they are dropped migration by migration) and the language server
// can keep a copy of the walk from before the migration being edited.
class FolderWalk {
 public:
  virtual ~FolderWalk() = default;
  virtual void step(FolderContext& ctx, const FolderStep& step) = 0;
  // After the last migration: what only the whole folder decides.
  virtual void finish(FolderContext& /*ctx*/) {}
  virtual std::unique_ptr<FolderWalk> clone() const = 0;
};

// Location of the message or its first located descendant (-1 if none).
int nearest_location(const google::protobuf::MessageLite& m);

}  // namespace miglint
