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

  Diagnostic& report(size_t begin, size_t end, std::string message, std::string help = {});
  Diagnostic& report(const Statement& stmt, std::string message, std::string help = {});
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

  Diagnostic& report_at(const google::protobuf::MessageLite& node, std::string message, std::string help = {});
  Diagnostic& report_statement(std::string message, std::string help = {}) {
    return report(stmt_, std::move(message), std::move(help));
  }

 private:
  const Statement& stmt_;
};

struct FolderAnalysis;  // analyzer/engine/runner.h

// A whole migrations folder after replay: its migrations, units, parsed files
// and the schema model's effects per statement.
// What a folder rule keeps between incremental analyses (the language
// server re-checking one migration) so that it can continue its walk over
// the replay's effects instead of starting from the first migration.
struct FolderRuleState {
  virtual ~FolderRuleState() = default;
};
using FolderRuleStates = std::map<std::string, std::shared_ptr<const FolderRuleState>, std::less<>>;

class FolderContext {
 public:
  FolderContext(const FolderAnalysis& folder, const Config& config, std::vector<Diagnostic>& sink)
      : folder_(folder), config_(config), sink_(sink) {}
  const FolderAnalysis& folder() const { return folder_; }
  const Config& config() const { return config_; }
  void set_rule(const Rule* rule) { rule_ = rule; }
  Diagnostic& report(const SourceFile& file, size_t begin, size_t end, std::string message, std::string help = {});
  Diagnostic& report(Span span, std::string message, std::string help = {});
  // A finding of the current rule, not reported yet; emit() reports one.
  Diagnostic make(Span span, std::string message, std::string help = {}) const;
  void emit(Diagnostic d) { sink_.push_back(std::move(d)); }

  // Incremental analyses. The replay's first resume_at() effects (those of
  // every migration before the first one being edited) are the same, on the
  // same parsed files, as in the analysis that stored the state stored()
  // returns; a rule may store its state at that point for the next analysis.
  // Without a cache resume_at() is empty and nothing is kept.
  void set_resume(FolderRuleStates* states, size_t effects_at) {
    states_ = states;
    effects_at_ = effects_at;
  }
  std::optional<size_t> resume_at() const { return states_ ? std::optional<size_t>(effects_at_) : std::nullopt; }
  const FolderRuleState* stored() const;
  void store(std::shared_ptr<const FolderRuleState> state);

 private:
  const FolderAnalysis& folder_;
  const Config& config_;
  std::vector<Diagnostic>& sink_;
  const Rule* rule_ = nullptr;
  FolderRuleStates* states_ = nullptr;
  size_t effects_at_ = 0;
};

// AST location of a message (-1 when it has none).
int own_location(const google::protobuf::MessageLite& m);
// Location of the message or its first located descendant (-1 if none).
int nearest_location(const google::protobuf::MessageLite& m);

}  // namespace miglint
