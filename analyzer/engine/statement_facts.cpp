#include "analyzer/engine/statement_facts.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "analyzer/ast/alter_table_subtypes.h"
#include "analyzer/ast/pg_compat.h"
#include "analyzer/catalog/hash_index.h"
#include "analyzer/engine/walk.h"

namespace miglint {

std::string relation_name(const pg_query::RangeVar& rv) {
  return rv.schemaname().empty() ? rv.relname() : rv.schemaname() + "." + rv.relname();
}

std::string dotted_name(const google::protobuf::RepeatedPtrField<pg_query::Node>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!p.has_string()) continue;
    if (!out.empty()) out += '.';
    out += p.string().sval();
  }
  return out;
}

std::string last_name(const pg_query::Node& list) {
  const auto& items = list.list().items();
  return items.empty() ? std::string() : items.rbegin()->string().sval();
}

std::string type_text(const pg_query::TypeName& t) {
  std::string name;
  for (const auto& p : t.names()) {
    const std::string& s = p.string().sval();
    if (s == "pg_catalog" && t.names_size() > 1) continue;  // grammar-generated qualification
    if (!name.empty()) name += '.';
    name += s;
  }
  // The grammar's internal names read better as the user wrote them.
  static const std::map<std::string, std::string, std::less<>> pretty{
      {"int2", "smallint"},           {"int4", "integer"}, {"int8", "bigint"}, {"float4", "real"},
      {"float8", "double precision"}, {"bool", "boolean"}, {"bpchar", "char"}, {"timestamptz", "timestamptz"}};
  if (const auto it = pretty.find(name); it != pretty.end()) name = it->second;
  if (t.typmods_size() > 0) {
    std::string mods;
    for (const auto& m : t.typmods()) {
      if (!mods.empty()) mods += ',';
      if (m.has_a_const() && m.a_const().has_ival()) mods += std::to_string(m.a_const().ival().ival());
      else mods += '?';
    }
    name += "(" + mods + ")";
  }
  for (int i = 0; i < t.array_bounds_size(); ++i) name += "[]";
  return name;
}

// ---------------------------------------------------------------- volatility

namespace {

int rank(Volatility v) {
  switch (v) {
    case Volatility::Immutable: return 0;
    case Volatility::Stable: return 1;
    case Volatility::Unknown: return 2;
    case Volatility::Volatile: return 3;
  }
  return 3;
}

Volatility function_volatility(std::string_view fn) {
  // pg_proc.provolatile of the functions migrations use as defaults.
  static const std::array<std::string_view, 16> volatile_fns{
      "random",           "gen_random_uuid",    "uuid_generate_v1", "uuid_generate_v1mc",
      "uuid_generate_v4", "uuid_generate_v7",   "uuidv4",           "uuidv7",
      "clock_timestamp",  "timeofday",          "nextval",          "setval",
      "txid_current",     "pg_current_xact_id", "gen_random_bytes", "random_normal"};
  static const std::array<std::string_view, 8> stable_fns{"now",
                                                          "statement_timestamp",
                                                          "transaction_timestamp",
                                                          "current_setting",
                                                          "current_schema",
                                                          "current_database",
                                                          "to_timestamp",
                                                          "localtimestamp"};
  static const std::array<std::string_view, 16> immutable_fns{"lower",
                                                              "upper",
                                                              "abs",
                                                              "length",
                                                              "concat_ws",
                                                              "md5",
                                                              "jsonb_build_object",
                                                              "json_build_object",
                                                              "jsonb_build_array",
                                                              "json_build_array",
                                                              "array_fill",
                                                              "make_interval",
                                                              "to_jsonb",
                                                              "int4",
                                                              "int8",
                                                              "text"};
  if (std::find(volatile_fns.begin(), volatile_fns.end(), fn) != volatile_fns.end()) return Volatility::Volatile;
  if (std::find(stable_fns.begin(), stable_fns.end(), fn) != stable_fns.end()) return Volatility::Stable;
  if (std::find(immutable_fns.begin(), immutable_fns.end(), fn) != immutable_fns.end()) return Volatility::Immutable;
  return Volatility::Unknown;
}

}  // namespace

Volatility default_volatility(const pg_query::Node& expr, std::string* function) {
  Volatility worst = Volatility::Immutable;
  std::string worst_fn;
  walk_nodes(expr, [&](const pg_query::Node& n) {
    Volatility v = Volatility::Immutable;
    std::string fn;
    if (n.has_func_call()) {
      const auto& parts = n.func_call().funcname();
      fn = parts.empty() ? std::string() : parts.rbegin()->string().sval();
      v = function_volatility(fn);
    } else if (n.has_sqlvalue_function()) {
      v = Volatility::Stable;
    } else if (n.has_sub_link()) {
      v = Volatility::Unknown;
      fn = "a subquery";
    }
    if (rank(v) > rank(worst)) {
      worst = v;
      worst_fn = fn;
    }
  });
  if (function) *function = worst_fn;
  return worst;
}

AddColumnFacts add_column_facts(const pg_query::ColumnDef& col) {
  AddColumnFacts f;
  f.type = type_text(col.type_name());
  if (col.type_name().names_size() == 1 && col.type_name().array_bounds_size() == 0) {
    const std::string& t = col.type_name().names(0).string().sval();
    f.serial = t == "serial" || t == "serial4" || t == "bigserial" || t == "serial8" || t == "smallserial" ||
               t == "serial2";
  }
  f.not_null = col.is_not_null();
  const auto consider_default = [&](const pg_query::Node& e) {
    if (e.has_a_const() && e.a_const().isnull()) return;  // DEFAULT NULL is no default
    f.has_default = true;
    f.default_expr = &e;
    f.default_volatility = default_volatility(e, &f.volatile_function);
  };
  if (col.has_raw_default()) consider_default(col.raw_default());
  for (const auto& c : col.constraints()) {
    const auto& k = c.constraint();
    switch (k.contype()) {
      case pg_query::CONSTR_NOTNULL: f.not_null = true; break;
      case pg_query::CONSTR_DEFAULT:
        if (k.has_raw_expr()) consider_default(k.raw_expr());
        break;
      case pg_query::CONSTR_IDENTITY: f.identity = true; break;
      // A virtual column (18) is computed when read: no rewrite.
      case pg_query::CONSTR_GENERATED:
        f.generated = true;
        f.stored_generated = !pgc::generated_virtual(k);
        break;
      case pg_query::CONSTR_PRIMARY: f.primary_key = true; break;
      case pg_query::CONSTR_UNIQUE: f.unique = true; break;
      default: break;
    }
  }
  return f;
}

bool add_column_rewrites(const AddColumnFacts& f, int pg_version, std::string* why) {
  std::string reason;
  if (f.serial) reason = fmt::format("a {} column fills every row from a sequence", f.type);
  else if (f.identity) reason = "an identity column fills every row from a sequence";
  else if (f.stored_generated) reason = "a stored generated column is computed for every row";
  else if (f.has_default && f.default_volatility == Volatility::Volatile)
    reason = fmt::format("the volatile default {}() is evaluated for every row", f.volatile_function);
  else if (f.has_default && f.default_volatility == Volatility::Unknown)
    reason = fmt::format("the default calls {}(), which is evaluated for every row unless it is stable or immutable",
                         f.volatile_function);
  else if (f.has_default && pg_version > 0 && pg_version < 11)
    reason = fmt::format("before PostgreSQL 11 any default is written into every row (target: {})", pg_version);
  if (why) *why = reason;
  return !reason.empty();
}

// ---------------------------------------------------------------- locks

namespace {

// A statement's locks, one per relation. Most statements lock one or two
// relations, found by a scan; one DROP TABLE can name 100,000 tables, found
// by hash in a flat index of positions (a node per name cost a cache miss
// per look-up).
class LockList {
 public:
  void add(const std::string& name, const std::string& relname, LockMode mode, TableWork work, bool is_index = false) {
    if (relname.empty()) return;
    const auto same = [&](size_t pos) { return locks_[pos].is_index == is_index && locks_[pos].relname == relname; };
    size_t at = catalog::HashIndex::npos;
    if (locks_.size() <= kScanned) {
      for (size_t i = 0; i < locks_.size() && at == catalog::HashIndex::npos; ++i)
        if (same(i)) at = i;
    } else {
      at_.find(hash(relname, is_index), [&](size_t pos) {
        if (!same(pos)) return false;
        at = pos;
        return true;
      });
    }
    if (at == catalog::HashIndex::npos) {
      locks_.push_back(TableLock{name, relname, mode, work, is_index});
      if (locks_.size() == kScanned + 1) {
        for (size_t i = 0; i < locks_.size(); ++i) at_.insert(hash(locks_[i].relname, locks_[i].is_index), i);
      } else if (locks_.size() > kScanned + 1) {
        at_.insert(hash(relname, is_index), locks_.size() - 1);
      }
      return;
    }
    TableLock& l = locks_[at];
    if (mode > l.mode) l.mode = mode;
    if (static_cast<int>(work) > static_cast<int>(l.work)) l.work = work;
  }
  const std::vector<TableLock>& items() const { return locks_; }
  std::vector<TableLock> take() { return std::move(locks_); }

 private:
  static constexpr size_t kScanned = 8;
  static size_t hash(const std::string& relname, bool is_index) {
    return std::hash<std::string_view>{}(relname) ^ static_cast<size_t>(is_index);
  }
  std::vector<TableLock> locks_;
  catalog::HashIndex at_;  // from kScanned + 1 locks on
};

void add_rv(LockList& out, const pg_query::RangeVar& rv, LockMode mode, TableWork work = TableWork::None) {
  out.add(relation_name(rv), rv.relname(), mode, work);
}

TableWork stronger(TableWork a, TableWork b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

void alter_table_locks(const pg_query::AlterTableStmt& at, int pg_version, LockList& out) {
  if (at.objtype() != pg_query::OBJECT_TABLE && at.objtype() != pg_query::OBJECT_MATVIEW &&
      at.objtype() != pg_query::OBJECT_FOREIGN_TABLE)
    return;
  LockMode mode = LockMode::AccessShare;
  TableWork work = TableWork::None;
  bool any = false;
  for (const auto& n : at.cmds()) {
    const auto& cmd = n.alter_table_cmd();
    LockMode m = LockMode::AccessExclusive;
    TableWork w = TableWork::None;
    // SET EXPRESSION (17) recomputes a stored column into a new copy of the
    // table; a virtual one (18) is not rewritten, which the statement alone
    // does not tell.
    if (pgc::set_expression(cmd)) w = TableWork::Rewrite;
    switch (cmd.subtype()) {
      case pg_query::AT_AddColumn: {
        const auto f = add_column_facts(cmd.def().column_def());
        if (add_column_rewrites(f, pg_version)) w = TableWork::Rewrite;
        else if (f.primary_key || f.unique) w = TableWork::IndexBuild;
        else if (f.not_null && !f.has_default) w = TableWork::Scan;
        break;
      }
      case pg_query::AT_AddConstraint: {
        const auto& c = cmd.def().constraint();
        switch (c.contype()) {
          case pg_query::CONSTR_CHECK:
          case pg_query::CONSTR_NOTNULL:  // `ADD CONSTRAINT n NOT NULL col` (18)
            if (!c.skip_validation()) w = TableWork::Scan;
            break;
          case pg_query::CONSTR_FOREIGN:
            m = LockMode::ShareRowExclusive;
            if (!c.skip_validation()) w = TableWork::Scan;
            add_rv(out, c.pktable(), LockMode::ShareRowExclusive);
            break;
          case pg_query::CONSTR_PRIMARY:
          case pg_query::CONSTR_UNIQUE:
          case pg_query::CONSTR_EXCLUSION:
            if (c.indexname().empty()) w = TableWork::IndexBuild;
            break;
          default: break;
        }
        break;
      }
      case pg_query::AT_AttachPartition:
        m = LockMode::ShareUpdateExclusive;
        add_rv(out, cmd.def().partition_cmd().name(), LockMode::AccessExclusive, TableWork::Scan);
        break;
      case pg_query::AT_DetachPartition:
        if (cmd.def().partition_cmd().concurrent()) {
          m = LockMode::ShareUpdateExclusive;
        } else {
          add_rv(out, cmd.def().partition_cmd().name(), LockMode::AccessExclusive);
        }
        break;
      default: {
        const AlterTableSubtype t = alter_table_subtype(cmd.subtype());
        m = t.lock == AlterTableSubtype::Lock::ShareUpdateExclusive ? LockMode::ShareUpdateExclusive
            : t.lock == AlterTableSubtype::Lock::ShareRowExclusive  ? LockMode::ShareRowExclusive
                                                                    : LockMode::AccessExclusive;
        if (t.work == AlterTableSubtype::Work::Rewrite) w = TableWork::Rewrite;
        else if (t.work == AlterTableSubtype::Work::Scan) w = TableWork::Scan;
        break;
      }
    }
    mode = any ? std::max(mode, m) : m;
    work = stronger(work, w);
    any = true;
  }
  if (any) {
    // The table itself goes first: messages name it.
    LockList mine;
    add_rv(mine, at.relation(), mode, work);
    for (const auto& l : out.items()) mine.add(l.name, l.relname, l.mode, l.work, l.is_index);
    out = std::move(mine);
  }
}

LockMode lock_stmt_mode(int mode) {
  // LOCKMODE numbers from storage/lockdefs.h: 1 AccessShare … 8 AccessExclusive.
  if (mode < 1 || mode > 8) return LockMode::AccessExclusive;
  return static_cast<LockMode>(mode - 1);
}

bool has_option(const google::protobuf::RepeatedPtrField<pg_query::Node>& params, std::string_view name) {
  for (const auto& p : params)
    if (p.has_def_elem() && p.def_elem().defname() == name) {
      // `(CONCURRENTLY false)` turns it off.
      const auto& arg = p.def_elem().arg();
      if (arg.has_boolean()) return arg.boolean().boolval();
      if (arg.has_string()) return arg.string().sval() != "false" && arg.string().sval() != "off";
      if (arg.has_integer()) return arg.integer().ival() != 0;
      return true;
    }
  return false;
}

}  // namespace

std::vector<TableLock> statement_locks(const pg_query::Node& stmt, int pg_version) {
  LockList out;
  switch (stmt.node_case()) {
    case pg_query::Node::kAlterTableStmt: alter_table_locks(stmt.alter_table_stmt(), pg_version, out); break;
    case pg_query::Node::kIndexStmt: {
      const auto& ix = stmt.index_stmt();
      add_rv(out, ix.relation(), ix.concurrent() ? LockMode::ShareUpdateExclusive : LockMode::Share,
             TableWork::IndexBuild);
      break;
    }
    case pg_query::Node::kDropStmt: {
      const auto& d = stmt.drop_stmt();
      if (d.remove_type() == pg_query::OBJECT_INDEX) {
        for (const auto& o : d.objects())
          out.add(dotted_name(o.list().items()), last_name(o),
                  d.concurrent() ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive, TableWork::None, true);
      } else if (d.remove_type() == pg_query::OBJECT_TABLE || d.remove_type() == pg_query::OBJECT_MATVIEW) {
        for (const auto& o : d.objects())
          out.add(dotted_name(o.list().items()), last_name(o), LockMode::AccessExclusive, TableWork::None);
      } else if (d.remove_type() == pg_query::OBJECT_TRIGGER || d.remove_type() == pg_query::OBJECT_RULE ||
                 d.remove_type() == pg_query::OBJECT_POLICY) {
        // objects: [schema.]table.name
        for (const auto& o : d.objects()) {
          const auto& items = o.list().items();
          if (items.size() < 2) continue;
          std::string table;
          for (int i = 0; i + 1 < items.size(); ++i) table += (table.empty() ? "" : ".") + items[i].string().sval();
          out.add(table, items[items.size() - 2].string().sval(), LockMode::AccessExclusive, TableWork::None);
        }
      }
      break;
    }
    case pg_query::Node::kReindexStmt: {
      const auto& r = stmt.reindex_stmt();
      const bool conc = has_option(r.params(), "concurrently");
      if (r.kind() == pg_query::REINDEX_OBJECT_TABLE)
        add_rv(out, r.relation(), conc ? LockMode::ShareUpdateExclusive : LockMode::Share, TableWork::IndexBuild);
      else if (r.kind() == pg_query::REINDEX_OBJECT_INDEX)
        out.add(relation_name(r.relation()), r.relation().relname(),
                conc ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive, TableWork::IndexBuild, true);
      break;
    }
    case pg_query::Node::kRenameStmt: {
      const auto& r = stmt.rename_stmt();
      if (r.has_relation() && r.rename_type() != pg_query::OBJECT_INDEX && r.relation_type() != pg_query::OBJECT_INDEX)
        add_rv(out, r.relation(), LockMode::AccessExclusive);
      break;
    }
    case pg_query::Node::kCreateTrigStmt:
      add_rv(out, stmt.create_trig_stmt().relation(), LockMode::ShareRowExclusive);
      break;
    case pg_query::Node::kCreatePolicyStmt:
      add_rv(out, stmt.create_policy_stmt().table(), LockMode::AccessExclusive);
      break;
    case pg_query::Node::kRuleStmt: add_rv(out, stmt.rule_stmt().relation(), LockMode::AccessExclusive); break;
    case pg_query::Node::kTruncateStmt:
      for (const auto& r : stmt.truncate_stmt().relations()) add_rv(out, r.range_var(), LockMode::AccessExclusive);
      break;
    case pg_query::Node::kLockStmt:
      for (const auto& r : stmt.lock_stmt().relations())
        add_rv(out, r.range_var(), lock_stmt_mode(stmt.lock_stmt().mode()));
      break;
    case pg_query::Node::kClusterStmt:
      if (stmt.cluster_stmt().has_relation())
        add_rv(out, stmt.cluster_stmt().relation(), LockMode::AccessExclusive, TableWork::Rewrite);
      break;
    case pg_query::Node::kVacuumStmt:
      if (stmt.vacuum_stmt().is_vacuumcmd() && has_option(stmt.vacuum_stmt().options(), "full"))
        for (const auto& r : stmt.vacuum_stmt().rels())
          add_rv(out, r.vacuum_relation().relation(), LockMode::AccessExclusive, TableWork::Rewrite);
      break;
    case pg_query::Node::kRefreshMatViewStmt: {
      const auto& r = stmt.refresh_mat_view_stmt();
      add_rv(out, r.relation(), r.concurrent() ? LockMode::Exclusive : LockMode::AccessExclusive, TableWork::Rewrite);
      break;
    }
    case pg_query::Node::kCreateStmt: {
      const auto& c = stmt.create_stmt();
      // PARTITION OF locks the parent; REFERENCES locks the referenced tables.
      if (c.has_partbound())
        for (const auto& p : c.inh_relations()) add_rv(out, p.range_var(), LockMode::AccessExclusive);
      walk_nodes(stmt, [&](const pg_query::Node& n) {
        if (n.has_constraint() && n.constraint().contype() == pg_query::CONSTR_FOREIGN)
          add_rv(out, n.constraint().pktable(), LockMode::ShareRowExclusive);
      });
      break;
    }
    default: break;
  }
  return out.take();
}

std::optional<TableLock> strongest_existing_lock(const UnitContext& ctx, const Statement& stmt) {
  if (!stmt.node) return std::nullopt;
  std::optional<TableLock> best;
  for (auto& l : statement_locks(*stmt.node, ctx.pg_version())) {
    if (!l.is_index && ctx.created_before(l.relname, stmt.ordinal)) continue;
    // A down removing what its own up created undoes that migration; the
    // table is as new as the up.
    if (ctx.role() == Role::Down && ctx.up_unit() && ctx.up_unit()->created_relations.contains(l.relname)) continue;
    if (!best || l.mode > best->mode) best = std::move(l);
  }
  return best;
}

std::optional<TableLock> strongest_existing_lock(const StatementContext& ctx) {
  return strongest_existing_lock(ctx, ctx.statement());
}

// ---------------------------------------------------------------- constraints

std::string constraint_name(const pg_query::Constraint& c, std::string_view relname) {
  if (!c.conname().empty()) return c.conname();
  std::string label;
  const google::protobuf::RepeatedPtrField<pg_query::Node>* cols = &c.keys();
  switch (c.contype()) {
    case pg_query::CONSTR_FOREIGN:
      label = "fkey";
      cols = &c.fk_attrs();
      break;
    case pg_query::CONSTR_UNIQUE: label = "key"; break;
    case pg_query::CONSTR_PRIMARY:
      return fmt::format("{}_pkey", relname).size() < 64 ? fmt::format("{}_pkey", relname) : "";
    default: return "";  // CHECK names come from the expression's columns
  }
  std::string name(relname);
  for (const auto& k : *cols) name += "_" + k.string().sval();
  name += "_" + label;
  return cols->empty() || name.size() >= 64 ? std::string() : name;
}

std::optional<Fix> not_valid_fix(const StatementContext& ctx, const pg_query::AlterTableStmt& at,
                                 const pg_query::Constraint& c) {
  if (at.cmds_size() != 1) return std::nullopt;
  const std::string name = constraint_name(c, at.relation().relname());
  if (name.empty()) return std::nullopt;
  const Statement& s = ctx.statement();
  const std::string_view text = ctx.text(s.begin, s.end);
  const size_t last_line = text.rfind('\n');
  if (text.find("--", last_line == std::string_view::npos ? 0 : last_line) != std::string_view::npos)
    return std::nullopt;  // a line comment at the end would swallow the appended text
  const bool quoted_needed = name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos;
  const std::string ident = quoted_needed ? "\"" + name + "\"" : name;
  // The statement ends before its semicolon: NOT VALID goes there, the
  // VALIDATE after the semicolon (a separate statement, so with autocommit
  // it runs in its own transaction under SHARE UPDATE EXCLUSIVE).
  const std::string_view rest = std::string_view(ctx.source().text()).substr(s.end);
  const size_t semi = rest.starts_with(";") ? s.end + 1 : s.end;
  Fix fix;
  fix.edits.push_back(TextEdit{ctx.span(s.end, s.end), " NOT VALID"});
  if (ctx.in_transaction() || sent_as_one_query(ctx)) {
    // The whole file is one transaction: a VALIDATE here would scan under the
    // ADD's lock. It belongs in a later migration.
    fix.description = "add the constraint NOT VALID (then validate it in a later migration)";
    return fix;
  }
  fix.description = "add the constraint NOT VALID, then validate it in a separate statement";
  fix.edits.push_back(
      TextEdit{ctx.span(semi, semi), fmt::format("{}\nALTER TABLE {} VALIDATE CONSTRAINT {};", semi == s.end ? ";" : "",
                                                 relation_name(at.relation()), ident)});
  return fix;
}

// ---------------------------------------------------------------- transactions

bool sent_as_one_query(const UnitContext& ctx) {
  return sent_as_one_query(ctx.file(), ctx.in_transaction(), ctx.unit().statements.size());
}

bool sent_as_one_query(const ParsedFile& file, bool in_transaction, size_t statements) {
  if (in_transaction || statements < 2) return false;
  // goose splits a file into statements and sends them one at a time.
  for (const auto& c : file.comments)
    if (file.comment_text(c).find("+goose") != std::string_view::npos) return false;
  // So does Flyway (V1__name.sql, U1__name.sql, R__name.sql).
  const std::string& path = file.source->path();
  const auto slash = path.find_last_of('/');
  const std::string_view base = std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
  if (base.size() > 2 && (base[0] == 'V' || base[0] == 'U' || base[0] == 'R') &&
      base.find("__") != std::string_view::npos)
    return false;
  return true;
}

int setting_change(const pg_query::Node& n, std::string_view name) {
  if (n.has_variable_set_stmt()) {
    const auto& v = n.variable_set_stmt();
    if (v.name() != name) {
      if (v.kind() == pg_query::VAR_RESET_ALL) return -1;
      return 0;
    }
    if (v.kind() != pg_query::VAR_SET_VALUE || v.args().empty()) return -1;
    const auto& a = v.args(0).a_const();
    const bool zero = (a.has_ival() && a.ival().ival() == 0) || (a.has_sval() && a.sval().sval() == "0");
    return zero ? -1 : 1;
  }
  int found = 0;
  if (n.has_select_stmt())
    walk_nodes(n, [&](const pg_query::Node& x) {
      if (!x.has_func_call() || x.func_call().funcname().empty() ||
          x.func_call().funcname().rbegin()->string().sval() != "set_config" || x.func_call().args().empty())
        return;
      const auto& first = x.func_call().args(0);
      if (first.has_a_const() && first.a_const().sval().sval() == name) found = 1;
    });
  return found;
}

std::optional<StatementWithoutSetting> first_without_setting(const UnitContext& ctx, std::string_view name,
                                                             bool (*needs)(const TableLock&)) {
  bool set = false;
  bool reset = false;
  for (const Statement* s : ctx.unit().statements) {
    if (const int t = setting_change(*s->node, name)) {
      reset = reset || (set && t <= 0);
      set = t > 0;
      continue;
    }
    if (set) continue;
    auto lock = strongest_existing_lock(ctx, *s);
    if (lock && needs(*lock)) return StatementWithoutSetting{s, std::move(*lock), reset};
  }
  return std::nullopt;
}

Fix set_setting_fix(const UnitContext& ctx, const StatementWithoutSetting& at, std::string_view name,
                    std::string_view value, std::string_view advice) {
  const Statement* before = at.after_reset ? at.statement : ctx.unit().statements.front();
  const char* where = at.after_reset ? "again before this statement" : "at the start of the migration";
  return Fix{fmt::format("set {} {}{}", name, where, advice),
             {TextEdit{ctx.span(before->begin, before->begin), fmt::format("SET {} = {};\n", name, value)}},
             FixSafety::Unsafe};
}

bool is_control_statement(const pg_query::Node& stmt) {
  return stmt.has_transaction_stmt() || stmt.has_variable_set_stmt() || stmt.has_variable_show_stmt();
}

}  // namespace miglint
