// CREATE / ALTER SEQUENCE (options, OWNED BY).
#include <fmt/format.h>

#include "analyzer/effects/transform.h"

namespace miglint::effects {

using catalog::ObjectKind;

namespace {

std::string def_value(const pg_query::Node& n) {
  if (n.has_integer()) return std::to_string(n.integer().ival());
  if (n.has_float_()) return n.float_().fval();
  if (n.has_string()) return n.string().sval();
  if (n.has_boolean()) return n.boolean().boolval() ? "true" : "false";
  if (n.has_type_name()) return catalog::canonical_type(n.type_name());
  if (n.has_a_const()) {
    const auto& a = n.a_const();
    if (a.has_ival()) return std::to_string(a.ival().ival());
    if (a.has_fval()) return a.fval().fval();
    if (a.has_sval()) return a.sval().sval();
    return "0";
  }
  return "";
}

std::string type_max(const std::string& type) {
  if (type == "smallint") return "32767";
  if (type == "integer") return "2147483647";
  return "9223372036854775807";
}

}  // namespace

void apply_sequence_options(Ctx& c, catalog::Sequence& seq,
                            const google::protobuf::RepeatedPtrField<pg_query::Node>& opts) {
  for (const auto& o : opts) {
    if (!o.has_def_elem()) continue;
    const auto& d = o.def_elem();
    const std::string& n = d.defname();
    const std::string v = d.has_arg() ? def_value(d.arg()) : "";
    if (n == "as") seq.type = v;
    else if (n == "start") seq.start = v;
    else if (n == "increment") seq.increment = v;
    else if (n == "minvalue") seq.minvalue = v;
    else if (n == "maxvalue") seq.maxvalue = v;
    else if (n == "cache") seq.cache = v;
    else if (n == "cycle") seq.cycle = !d.has_arg() || v == "true" || v == "1";
    else if (n == "owned_by" && d.arg().has_list()) {
      auto names = catalog::strings(d.arg().list().items());
      if (names.size() == 1 && names[0] == "none") {
        seq.owned_table.reset();
        seq.owned_column.clear();
      } else if (names.size() >= 2) {
        const std::string col = names.back();
        names.pop_back();
        const QName tn = split_name(names);
        auto tq = c.find_table(tn.schema, tn.name);
        if (!tq) return c.missing(-1, fmt::format("relation \"{}\" does not exist", tn.name), tn.name, tn.schema);
        seq.owned_table = *tq;
        seq.owned_column = col;
      }
    }
  }
  // Defaults are not differences: pg_dump spells them out, users do not.
  if (seq.increment == "1") seq.increment.clear();
  const bool ascending = seq.increment.empty() || seq.increment[0] != '-';
  if (ascending && seq.minvalue == "1") seq.minvalue.clear();
  if (ascending && seq.maxvalue == type_max(seq.type)) seq.maxvalue.clear();
  if (ascending && (seq.start == "1" || (!seq.minvalue.empty() && seq.start == seq.minvalue))) seq.start.clear();
  if (seq.cache == "1") seq.cache.clear();
}

void transform_create_sequence(Ctx& c, const pg_query::CreateSeqStmt& s) {
  const QName name = c.create_name(s.sequence());
  if (c.cat.relation_exists(name)) {
    if (s.if_not_exists()) return;
    c.present(s.sequence().location(), fmt::format("relation \"{}\" already exists", name.name),
              relation_key(c.cat, name));
    return;
  }
  auto seq = std::make_shared<catalog::Sequence>();
  seq->name = name;
  apply_sequence_options(c, *seq, s.options());
  if (c.failed || c.skipped) return;
  c.cat.put_sequence(seq);
  c.effect(Action::Created, ObjectKind::Sequence, name, {}, false, s.sequence().location());
}

void transform_alter_sequence(Ctx& c, const pg_query::AlterSeqStmt& s) {
  const auto& rv = s.sequence();
  auto q = c.cat.resolve(rv.schemaname(), rv.relname(), [&](const QName& x) { return c.cat.sequence(x) != nullptr; });
  if (!q) {
    if (!s.missing_ok())
      c.missing(rv.location(), fmt::format("relation \"{}\" does not exist", rv.relname()), rv.relname(),
                rv.schemaname());
    return;
  }
  auto seq = std::make_shared<catalog::Sequence>(*c.cat.sequence(*q));
  apply_sequence_options(c, *seq, s.options());
  if (c.failed || c.skipped) return;
  c.cat.put_sequence(seq);
  c.effect(Action::Altered, ObjectKind::Sequence, *q, {}, false, rv.location());
}

}  // namespace miglint::effects
