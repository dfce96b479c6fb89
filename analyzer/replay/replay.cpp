#include "analyzer/replay/replay.h"

#include "analyzer/replay/replay_findings.h"

#include "analyzer/catalog/fk_action.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace miglint::catalog {

namespace {

Diagnostic issue_diag(const ParsedFile& f, const effects::Issue& i) {
  Span span = make_span(*f.source, i.begin, std::max(i.begin, i.end));
  if (i.rule == "unknown-object") return unknown_object_finding(std::move(span), i);
  if (i.rule == "duplicate-object") return duplicate_object_finding(std::move(span), i);
  if (i.rule == "dependent-objects") return dependent_objects_finding(std::move(span), i);
  if (i.rule == "requires-newer-postgres") return requires_newer_postgres_finding(std::move(span), i);
  if (i.rule == "too-many-columns") return too_many_columns_finding(std::move(span), i);
  return unmodeled_statement_finding(std::move(span), i);
}

// A statement's effects are kept to the end of the analysis: the spare
// capacity of the many small lists goes, but a huge list (one DROP naming
// 100,000 tables) is kept as it is, since copying it would hold it twice.
void keep(std::vector<effects::Effect>& list) {
  if (list.size() <= 4096) list.shrink_to_fit();
}

// Applies a part's statements, and the unparsed ones where they stand.
template <class OnResult>
void apply_part(Catalog& cat, const ReplayPart& part, OnResult on_result) {
  size_t next = 0;
  const auto unparsed_before = [&](size_t offset) {
    for (; next < part.unparsed.size() && part.unparsed[next].begin < offset; ++next)
      if (part.file) effects::apply_unparsed(cat, *part.file, part.unparsed[next].begin, part.unparsed[next].end);
  };
  for (const auto& [file, st] : part.statements) {
    if (file == part.file) unparsed_before(st->begin);
    on_result(file, st, effects::apply_statement(cat, *file, *st));
  }
  unparsed_before(SIZE_MAX);
}

}  // namespace

ReplayPart whole_file_part(const ParsedFile& file) {
  ReplayPart p;
  p.file = &file;
  p.end = file.source->size();
  for (const auto& s : file.statements) p.statements.push_back({&file, &s});
  p.unparsed = file.failed;
  std::sort(p.unparsed.begin(), p.unparsed.end(),
            [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  return p;
}

Replayer::Replayer(const ReplayOptions& options) : options_(options) {
  if (options_.resume) {
    if (options_.resume_copy) r_ = std::move(*options_.resume_copy);
    else r_ = *options_.resume;
    index_ = options_.resume_at;
  }
  r_.catalog.set_pg_version(options_.pg_version);
}

bool Replayer::step(const ReplayMigration& m) {
  if (stopped_) return false;
  const size_t mi = index_++;
  ReplayResult& r = r_;
  const ReplayOptions& options = options_;
  Catalog& cat = r.catalog;
  cat.commit();
  if (options.snapshot && options.snapshot_at == mi) *options.snapshot = r;
  const size_t c0 = cat.checkpoint();
  const size_t first_up_effect = r.effects.size();
  if (m.up) {
    effects::begin_file(cat);
    apply_part(cat, *m.up, [&](const ParsedFile* file, const Statement* st, effects::ApplyResult res) {
      for (const auto& i : res.issues) r.diagnostics.push_back(issue_diag(*file, i));
      keep(res.effects);
      r.effects.push_back({m.version, false, file, st, std::move(res.effects)});
      if (options.on_applied) options.on_applied(*file, *st);
    });
  }
  const size_t up_effect_end = r.effects.size();
  if (options.on_step) options.on_step({mi, false, false}, cat);
  if (options.stop_after && *options.stop_after == m.version) {
    stopped_ = true;
    return false;
  }
  if (!options.check_down || !m.down) return true;
  const size_t c1 = cat.checkpoint();
  bool failed = false;
  effects::begin_file(cat);
  apply_part(cat, *m.down, [&](const ParsedFile* file, const Statement* st, effects::ApplyResult res) {
    for (const auto& i : res.issues) {
      if (i.severity == Severity::Error) failed = true;
      r.diagnostics.push_back(issue_diag(*file, i));
    }
    keep(res.effects);
    r.effects.push_back({m.version, true, file, st, std::move(res.effects)});
  });
  if (options.on_step) options.on_step({mi, true, failed}, cat);
  if (failed) {
    r.down_failed.push_back(m.version);
  } else {
    const auto touched = cat.touched_since(c0);
    const Slice after = cat.slice(touched);
    const Slice before = cat.slice_at(c0, touched);
    auto diffs = diff(before, after, [&](const std::string& k) { return cat.uncertain(k); });
    if (!diffs.empty() && m.down->file) {
      r.not_inverse.push_back(m.version);
      const ParsedFile& df = *m.down->file;
      size_t b = m.down->begin, e = m.down->begin;
      if (!m.down->statements.empty() && m.down->statements.front().first == &df) {
        b = m.down->statements.front().second->begin;
        e = m.down->statements.front().second->end;
      }
      // The up statement behind a difference: the effect on the object
      // itself (the column added) over one on its table (the table altered),
      // when the statement has both.
      const auto up_change = [&](const Difference& diffx) -> std::optional<UpChange> {
        for (size_t i = up_effect_end; i > first_up_effect; --i) {
          const auto& se = r.effects[i - 1];
          const effects::Effect* hit = nullptr;
          bool exact = false;
          for (const auto& ef : se.effects) {
            if (ef.object.name != diffx.object.name) continue;
            const bool same = ef.object.kind == diffx.object.kind && ef.object.member == diffx.object.member;
            if (same || (!exact && (diffx.object.member.empty() || ef.object.member.empty()))) hit = &ef;
            exact = exact || same;
          }
          if (hit)
            return UpChange{se.statement, make_span(*se.file->source, se.statement->begin, se.statement->end),
                            hit->action};
        }
        return std::nullopt;
      };
      Diagnostic d = down_not_inverse_finding(make_span(*df.source, b, std::max(b, e)), diffs, up_change);
      r.diagnostics.push_back(std::move(d));
    }
  }
  cat.rollback(c1);
  return true;
}

ReplayResult Replayer::finish() {
  r_.catalog.commit();
  // After the last migration: resuming there replays nothing.
  if (options_.snapshot && options_.snapshot_at == index_ && !stopped_) *options_.snapshot = r_;
  r_.effects.shrink_to_fit();
  return std::move(r_);
}

ReplayResult replay(const std::vector<ReplayMigration>& migrations, const ReplayOptions& options) {
  ReplayOptions o = options;
  if (o.resume && o.resume_at > migrations.size()) o.resume = nullptr;
  Replayer rep(o);
  for (size_t mi = o.resume ? o.resume_at : 0; mi < migrations.size(); ++mi)
    if (!rep.step(migrations[mi])) break;
  return rep.finish();
}

// ---- rendering ----

namespace {

std::string cols(const std::vector<std::string>& v) {
  std::string o;
  for (size_t i = 0; i < v.size(); ++i) o += (i ? ", " : "") + quote_ident(v[i]);
  return o;
}

// A sequence's options that are not the defaults, as CREATE SEQUENCE and
// an identity column's options take them.
std::string sequence_options(const Sequence& s) {
  std::string o;
  if (!s.start.empty()) o += " START WITH " + s.start;
  if (!s.increment.empty()) o += " INCREMENT BY " + s.increment;
  if (!s.minvalue.empty()) o += " MINVALUE " + s.minvalue;
  if (!s.maxvalue.empty()) o += " MAXVALUE " + s.maxvalue;
  if (!s.cache.empty()) o += " CACHE " + s.cache;
  if (s.cycle) o += " CYCLE";
  return o;
}

std::string constraint_sql(const Constraint& k) {
  std::string s;
  switch (k.kind) {
    case ConstraintKind::PrimaryKey: s = "PRIMARY KEY (" + cols(k.columns) + ")"; break;
    case ConstraintKind::Unique:
      s = std::string(k.nulls_not_distinct ? "UNIQUE NULLS NOT DISTINCT (" : "UNIQUE (") + cols(k.columns) + ")";
      break;
    case ConstraintKind::Check:
      s = "CHECK (" + (k.check ? k.check->text : "") + ")";
      if (k.no_inherit) s += " NO INHERIT";
      break;
    case ConstraintKind::Exclude: s = "EXCLUDE USING " + k.method + " (" + k.exclude_def + ")"; break;
    case ConstraintKind::ForeignKey:
      s = "FOREIGN KEY (" + cols(k.columns) + ") REFERENCES " + k.ref_table.str() + "(" + cols(k.ref_columns) + ")";
      if (k.match == 'f') s += " MATCH FULL";
      if (const auto a = fk_action_sql(k.on_update); !a.empty()) s += fmt::format(" ON UPDATE {}", a);
      if (const auto a = fk_action_sql(k.on_delete); !a.empty()) s += fmt::format(" ON DELETE {}", a);
      break;
  }
  if (!k.include.empty()) s += " INCLUDE (" + cols(k.include) + ")";
  if (k.deferrable) s += " DEFERRABLE";
  if (k.initially_deferred) s += " INITIALLY DEFERRED";
  if (k.not_valid) s += " NOT VALID";
  return s;
}

// The model's canonical attribute list ("strict=true volatility=immutable")
// as the clauses of CREATE FUNCTION; the ones it cannot spell (SET, SUPPORT)
// are left out.
std::string function_attributes_sql(const std::string& attributes) {
  std::string o;
  size_t at = 0;
  while (at < attributes.size()) {
    // A value may hold blanks: an attribute ends where "word=" starts the next.
    size_t end = at;
    for (size_t sp = attributes.find(' ', at);; sp = attributes.find(' ', sp + 1)) {
      if (sp == std::string::npos) {
        end = attributes.size();
        break;
      }
      const size_t eq = attributes.find('=', sp + 1);
      const size_t next_sp = attributes.find(' ', sp + 1);
      if (eq != std::string::npos && (next_sp == std::string::npos || eq < next_sp)) {
        end = sp;
        break;
      }
    }
    const std::string a = attributes.substr(at, end - at);
    at = end + 1;
    const size_t eq = a.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = a.substr(0, eq), value = a.substr(eq + 1);
    std::string upper = value;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char ch) { return std::toupper(ch); });
    if (key == "volatility") o += " " + upper;
    else if (key == "strict" && value == "true") o += " STRICT";
    else if (key == "security" && value == "true") o += " SECURITY DEFINER";
    else if (key == "leakproof" && value == "true") o += " LEAKPROOF";
    else if (key == "window" && value == "true") o += " WINDOW";
    else if (key == "parallel") o += " PARALLEL " + upper;
    else if ((key == "cost" || key == "rows") && !value.empty() &&
             std::all_of(value.begin(), value.end(), [](unsigned char ch) { return std::isdigit(ch) || ch == '.'; }))
      o += " " + std::string(key == "cost" ? "COST " : "ROWS ") + value;
  }
  return o;
}

// A dollar-quoted literal whose tag the text does not contain.
std::string dollar_quote(const std::string& text) {
  std::string tag = "$$";
  for (int n = 0; text.find(tag) != std::string::npos; ++n) tag = "$q" + std::to_string(n) + "$";
  return tag + text + tag;
}

// What COMMENT ON names for a comment key of the model ("TABLE public.t",
// "TRIGGER trg ON public.t"), or "" for a key it cannot spell.
std::string comment_target(const Catalog& c, const std::string& key) {
  const size_t colon = key.find(':');
  if (colon == std::string::npos) return "";
  const std::string kind = key.substr(0, colon), rest = key.substr(colon + 1);
  if (kind == "function") {
    for (const auto& [k, f] : c.functions())
      if (f->signature() == rest) return std::string(f->procedure ? "PROCEDURE " : "FUNCTION ") + rest;
    return "";
  }
  std::vector<std::string> parts;
  for (size_t at = 0;;) {
    const size_t sep = rest.find('\x1f', at);
    parts.push_back(rest.substr(at, sep == std::string::npos ? std::string::npos : sep - at));
    if (sep == std::string::npos) break;
    at = sep + 1;
  }
  const auto qname = [&](size_t i) { return quote_ident(parts[i]) + "." + quote_ident(parts[i + 1]); };
  if (kind == "schema" && parts.size() == 1) return "SCHEMA " + quote_ident(parts[0]);
  if (parts.size() == 2) {
    const QName n{parts[0], parts[1]};
    if (kind == "table") return "TABLE " + qname(0);
    if (kind == "index") return "INDEX " + qname(0);
    if (kind == "sequence") return "SEQUENCE " + qname(0);
    if (kind == "type") return "TYPE " + qname(0);
    if (kind == "view") {
      const auto v = c.view(n);
      return std::string(v && v->materialized ? "MATERIALIZED VIEW " : "VIEW ") + qname(0);
    }
  }
  if (parts.size() == 3) {
    if (kind == "column") return "COLUMN " + qname(0) + "." + quote_ident(parts[2]);
    if (kind == "trigger") return "TRIGGER " + quote_ident(parts[2]) + " ON " + qname(0);
    if (kind == "constraint")
      return "CONSTRAINT " + quote_ident(parts[2]) + (c.type(QName{parts[0], parts[1]}) ? " ON DOMAIN " : " ON ") +
             qname(0);
  }
  return "";
}

}  // namespace

// In the order pg_dump restores (a script PostgreSQL accepts as it is):
// function bodies unchecked until the end, functions before the tables whose
// defaults call them, sequences before the columns that draw from them but
// owned by those columns only once the tables exist, foreign keys once every
// table does, partitions after their parents.
std::string render_sql(const Catalog& c) {
  std::string o = "SET check_function_bodies = false;\n";
  for (const auto& [s, v] : c.schemas())
    if (s != "public") o += "CREATE SCHEMA " + quote_ident(s) + ";\n";
  for (const auto& [n, e] : c.extensions())
    o += "CREATE EXTENSION " + quote_ident(n) + " WITH SCHEMA " + quote_ident(e->schema) + ";\n";
  for (const auto& [k, t] : c.types()) {
    o += "CREATE ";
    if (t->kind == TypeKind::Domain) {
      o += "DOMAIN " + t->name.str() + " AS " + t->base;
      if (t->not_null) o += " NOT NULL";
      if (t->default_expr) o += " DEFAULT " + t->default_expr->text;
      for (const auto& [n, e] : t->checks) o += " CONSTRAINT " + quote_ident(n) + " CHECK (" + e.text + ")";
    } else if (t->kind == TypeKind::Enum) {
      o += "TYPE " + t->name.str() + " AS ENUM (";
      for (size_t i = 0; i < t->labels.size(); ++i) o += (i ? ", '" : "'") + t->labels[i] + "'";
      o += ")";
    } else {
      o += "TYPE " + t->name.str() + " AS (";
      for (size_t i = 0; i < t->attributes.size(); ++i)
        o += (i ? ", " : "") + quote_ident(t->attributes[i].first) + " " + t->attributes[i].second;
      o += ")";
    }
    o += ";\n";
  }
  // An identity column's sequence comes with its column, options and all.
  std::map<std::string, const Sequence*> identity_of;  // "table.column"
  for (const auto& [k, s] : c.sequences()) {
    if (s->identity && s->owned_table) {
      identity_of[s->owned_table->str() + "." + quote_ident(s->owned_column)] = s.get();
      continue;
    }
    o += "CREATE SEQUENCE " + s->name.str() + " AS " + s->type + sequence_options(*s) + ";\n";
  }
  for (const auto& [k, f] : c.functions()) {
    o += std::string("CREATE ") + (f->procedure ? "PROCEDURE " : "FUNCTION ") + f->name.str() + "(" + f->arg_names +
         ")";
    if (!f->returns.empty()) o += " RETURNS " + f->returns;
    o += " LANGUAGE " + f->language + function_attributes_sql(f->attributes) + " AS " + dollar_quote(f->body) + ";\n";
  }
  std::string partitions, late_constraints, foreign_keys;
  for (const auto& [k, t] : c.tables()) {
    const std::string head = std::string("CREATE ") + (t->unlogged ? "UNLOGGED " : "") + "TABLE " + t->name.str();
    if (t->partition_of) {
      partitions += head + " PARTITION OF " + t->partition_of->str() + " " + t->partition_bound + ";\n";
      continue;
    }
    o += head;
    o += " (\n";
    bool first = true;
    for (const auto& col : t->columns) {
      // A CREATE TABLE AS column whose type the model could not work out.
      o += std::string(first ? "" : ",\n") + "    " + quote_ident(col.name) + " " +
           (col.type.empty() ? std::string("unknown /* type not modeled */") : col.type);
      if (!col.collation.empty()) o += " COLLATE " + quote_ident(col.collation);
      if (col.identity) {
        o += col.identity == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
        if (const auto it = identity_of.find(t->name.str() + "." + quote_ident(col.name)); it != identity_of.end())
          o += " (SEQUENCE NAME " + it->second->name.str() + sequence_options(*it->second) + ")";
      }
      if (col.generated)
        o += " GENERATED ALWAYS AS (" + col.generated->text + (col.generated_virtual ? ") VIRTUAL" : ") STORED");
      if (col.default_expr) o += " DEFAULT " + col.default_expr->text;
      o += not_null_sql(col);
      first = false;
    }
    // CREATE TABLE merges a unique constraint into an equal one before it
    // (ALTER TABLE ADD does not) and validates a NOT VALID one: those are
    // added afterwards.
    std::set<std::string> index_constraints;
    for (const auto& k2 : t->constraints) {
      const std::string body = constraint_sql(k2);
      const std::string def = "CONSTRAINT " + quote_ident(k2.name) + " " + body;
      const bool indexed = k2.kind == ConstraintKind::PrimaryKey || k2.kind == ConstraintKind::Unique ||
                           k2.kind == ConstraintKind::Exclude;
      // A primary key and a unique constraint on the same columns merge too.
      const std::string_view same_as = std::string_view(body).substr(k2.kind == ConstraintKind::PrimaryKey ? 11
                                                                     : k2.kind == ConstraintKind::Unique   ? 6
                                                                                                           : 0);
      if (k2.kind == ConstraintKind::ForeignKey || k2.not_valid ||
          (indexed && !index_constraints.insert(std::string(same_as)).second)) {
        (k2.kind == ConstraintKind::ForeignKey ? foreign_keys : late_constraints) += "ALTER TABLE " + t->name.str() +
                                                                                     " ADD " + def + ";\n";
        continue;
      }
      o += std::string(first ? "" : ",\n") + "    " + def;
      first = false;
    }
    o += "\n)";
    if (!t->partition_by.empty()) o += " PARTITION BY " + t->partition_by;
    o += ";\n";
  }
  o += partitions;
  o += late_constraints;
  for (const auto& [k, sq] : c.sequences())
    if (sq->owned_table && !sq->identity)
      o += "ALTER SEQUENCE " + sq->name.str() + " OWNED BY " + sq->owned_table->str() + "." +
           quote_ident(sq->owned_column) + ";\n";
  // Indexes on materialized views come after the views.
  std::set<std::string> views;
  for (const auto& [k, v] : c.views()) views.insert(v->name.str());
  // A partition's own indexes before its parent's: the parent's CREATE INDEX
  // then attaches the matching one instead of creating a second.
  std::set<std::string> partition_names;
  for (const auto& [k, t] : c.tables())
    if (t->partition_of) partition_names.insert(t->name.str());
  std::vector<const Index*> ordered;
  for (const auto& [k, ix] : c.indexes()) ordered.push_back(ix.get());
  std::stable_partition(ordered.begin(), ordered.end(),
                        [&](const Index* ix) { return partition_names.contains(ix->table.str()); });
  std::string view_indexes;
  for (const Index* ix : ordered) {
    if (!ix->constraint.empty()) continue;
    std::string& dst = views.contains(ix->table.str()) ? view_indexes : o;
    dst += std::string("CREATE ") + (ix->unique ? "UNIQUE " : "") + "INDEX " + quote_ident(ix->name.name) + " ON " +
           ix->table.str() + " USING " + ix->method + " (";
    for (size_t i = 0; i < ix->keys.size(); ++i) {
      const auto& key = ix->keys[i];
      dst += (i ? ", " : "") + (key.expr ? "(" + key.expr->text + ")" : quote_ident(key.column));
      if (!key.collation.empty()) dst += " COLLATE " + quote_ident(std::string(key.collation));
      if (!key.opclass.empty()) dst += " " + key.opclass;
      if (key.desc) dst += " DESC";
      if (key.nulls == 1) dst += " NULLS FIRST";
      if (key.nulls == 2) dst += " NULLS LAST";
    }
    dst += ")";
    if (!ix->include.empty()) dst += " INCLUDE (" + cols(ix->include) + ")";
    if (ix->nulls_not_distinct) dst += " NULLS NOT DISTINCT";
    if (!ix->with.empty()) dst += " WITH (" + ix->with + ")";
    if (ix->where) dst += " WHERE (" + ix->where->text + ")";
    dst += ";\n";
  }
  o += foreign_keys;
  for (const auto& [k, v] : c.views())
    o += std::string("CREATE ") + (v->materialized ? "MATERIALIZED VIEW " : "VIEW ") + v->name.str() +
         (v->columns.empty() ? "" : " (" + cols(v->columns) + ")") + " AS " + v->query.text() + ";\n";
  o += view_indexes;
  for (const auto& [k, t] : c.triggers()) {
    std::string def = t->definition;
    // The table comes before REFERENCING and FOR EACH.
    auto pos = def.find(" REFERENCING ");
    if (pos == std::string::npos) pos = def.find(" FOR EACH");
    o += "CREATE TRIGGER " + quote_ident(t->name) + " " + def.substr(0, pos) + " ON " + t->table.str() +
         (pos == std::string::npos ? "" : def.substr(pos)) + ";\n";
  }
  // Comments as COMMENT ON; a key the model could not name in SQL stays an
  // SQL comment.
  for (const auto& [k, text] : c.comments()) {
    std::string literal = "'";
    for (char ch : *text) literal += ch == '\'' ? std::string("''") : std::string(1, ch);
    literal += "'";
    if (const std::string target = comment_target(c, k); !target.empty()) {
      o += fmt::format("COMMENT ON {} IS {};\n", target, literal);
      continue;
    }
    std::string shown = k;
    std::replace(shown.begin(), shown.end(), '\x1f', '.');
    o += "-- comment on " + shown + ": " + *text + "\n";
  }
  return o;
}

std::string render_json(const Catalog& c) {
  using nlohmann::json;
  json j = json::object();
  json tables = json::object();
  for (const auto& [k, t] : c.tables()) {
    json jt;
    jt["schema"] = t->name.schema;
    jt["name"] = t->name.name;
    json jc = json::array();
    for (const auto& col : t->columns) {
      json x;
      x["name"] = col.name;
      x["type"] = col.type.empty() ? json(nullptr) : json(col.type);
      x["not_null"] = col.not_null;
      if (!col.not_null_name.empty()) x["not_null_constraint"] = col.not_null_name.str();
      if (col.not_null_invalid) x["not_null_valid"] = false;
      x["default"] = col.default_expr ? json(col.default_expr->text) : json(nullptr);
      x["identity"] = col.identity ? json(col.identity == 'a' ? "always" : "by default") : json(nullptr);
      x["generated"] = col.generated ? json(col.generated->text) : json(nullptr);
      if (!col.collation.empty()) x["collation"] = col.collation.str();
      jc.push_back(x);
    }
    jt["columns"] = jc;
    json jk = json::object();
    for (const auto& k2 : t->constraints) jk[k2.name] = constraint_sql(k2);
    jt["constraints"] = jk;
    if (!t->partition_by.empty()) jt["partition_by"] = t->partition_by;
    if (t->partition_of) jt["partition_of"] = t->partition_of->str() + " " + t->partition_bound;
    tables[t->name.str()] = jt;
  }
  j["tables"] = tables;
  json idx = json::object();
  for (const auto& [k, ix] : c.indexes()) {
    json x;
    x["table"] = ix->table.str();
    x["unique"] = ix->unique;
    x["method"] = ix->method;
    json keys = json::array();
    for (const auto& key : ix->keys) keys.push_back(key.expr ? "(" + key.expr->text + ")" : key.column);
    x["keys"] = keys;
    if (!ix->include.empty()) x["include"] = ix->include;
    if (!ix->with.empty()) x["with"] = ix->with;
    if (ix->where) x["where"] = ix->where->text;
    if (!ix->constraint.empty()) x["constraint"] = ix->constraint;
    idx[ix->name.str()] = x;
  }
  j["indexes"] = idx;
  json seqs = json::object();
  for (const auto& [k, s] : c.sequences()) {
    json x;
    x["type"] = s->type;
    x["owned_by"] = s->owned_table ? json(s->owned_table->str() + "." + s->owned_column) : json(nullptr);
    x["identity"] = s->identity;
    seqs[s->name.str()] = x;
  }
  j["sequences"] = seqs;
  json views = json::object();
  for (const auto& [k, v] : c.views()) {
    json x = {{"materialized", v->materialized}, {"query", v->query.text()}};
    x["columns"] = v->output_known ? json(v->output) : json(nullptr);
    // The columns its rule depends on, as pg_depend lists them.
    json deps = json::array();
    for (const auto& use : v->column_uses) {
      const auto colon = use.find(':');
      const auto s1 = use.find('\x1f', colon);
      const auto s2 = use.find('\x1f', s1 + 1);
      if (colon == std::string::npos || s1 == std::string::npos || s2 == std::string::npos) continue;
      const QName rel{use.substr(colon + 1, s1 - colon - 1), use.substr(s1 + 1, s2 - s1 - 1)};
      deps.push_back({{"relation", rel.str()}, {"column", use.substr(s2 + 1)}});
    }
    x["depends_on"] = deps;
    x["dependencies_complete"] = v->resolved;
    views[v->name.str()] = x;
  }
  j["views"] = views;
  json types = json::object();
  for (const auto& [k, t] : c.types()) {
    json x;
    x["kind"] = t->kind == TypeKind::Enum ? "enum" : t->kind == TypeKind::Domain ? "domain" : "composite";
    if (t->kind == TypeKind::Enum) x["labels"] = t->labels;
    if (t->kind == TypeKind::Domain) x["base"] = t->base;
    types[t->name.str()] = x;
  }
  j["types"] = types;
  json funcs = json::object();
  for (const auto& [k, f] : c.functions())
    funcs[f->signature()] = {{"returns", f->returns}, {"language", f->language}, {"body", f->body}};
  j["functions"] = funcs;
  json trig = json::object();
  for (const auto& [k, t] : c.triggers()) trig[t->table.str() + "." + t->name] = t->definition;
  j["triggers"] = trig;
  json schemas = json::array();
  for (const auto& [s, v] : c.schemas()) schemas.push_back(s);
  j["schemas"] = schemas;
  json ext = json::object();
  for (const auto& [n, e] : c.extensions()) ext[n] = e->schema;
  j["extensions"] = ext;
  json com = json::object();
  for (const auto& [k, t] : c.comments()) {
    std::string shown = k;
    std::replace(shown.begin(), shown.end(), '\x1f', '.');
    com[shown] = *t;
  }
  j["comments"] = com;
  return j.dump(2);
}

}  // namespace miglint::catalog
