// The rule interface. A rule is a small stateless object: its metadata, the
// AST node kinds it wants, and handlers the engine calls during its single
// walk over each statement. Rules never walk the tree themselves.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pg_query/pg_query.pb.h>

#include "analyzer/engine/context.h"

namespace miglint {

struct GitChanges;

struct RuleMeta {
  std::string_view id;
  Severity severity = Severity::Warning;
  std::string_view summary;  // one line, shown by `miglint rules`
  std::string_view group;    // file, folder, schema, locking, destructive, transactions, types, naming
  bool opt_in = false;       // enabled only when selected by id
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleMeta& meta() const = 0;
  std::string_view id() const { return meta().id; }

  // Node kinds this rule wants from the statement walk (the statement node
  // itself included).
  virtual std::vector<pg_query::Node::NodeCase> node_kinds() const { return {}; }
  virtual void check_node(const pg_query::Node& /*node*/, StatementContext& /*ctx*/) const {}
  // Once per unit (a file, or the up/down section of one), for rules that
  // need statement order (transactions, timeouts, repeated ALTERs).
  virtual void check_unit(UnitContext& /*ctx*/) const {}
  // Folder-wide rules (protected objects, intent): a walk over each
  // migrations folder's replay, or null when the rule has nothing to do there.
  virtual std::unique_ptr<FolderWalk> walk_folder(const FolderContext& /*ctx*/) const { return nullptr; }
  // Folder rules that read the folder as the reader found it (versions,
  // pairings, names, miglint.sum), once per folder listing: the language
  // server keeps their findings with the listing.
  virtual void check_migrations(const MigrationFolder& /*folder*/, const Config& /*config*/,
                                std::vector<Diagnostic>& /*out*/) const {}
  // With --since: what the folder's git history says changed since the ref.
  virtual void check_changes(const MigrationFolder& /*folder*/, const GitChanges& /*changes*/,
                             std::vector<Diagnostic>& /*out*/) const {}
};

}  // namespace miglint
