// CREATE TYPE (enum, composite, range), ALTER TYPE … ADD/RENAME VALUE, CREATE DOMAIN.
#include <fmt/format.h>

#include "analyzer/effects/transform.h"

namespace miglint::effects {

using catalog::ObjectKind;
using catalog::Type;
using catalog::TypeKind;

namespace {

bool type_name_free(Ctx& c, const QName& name, int loc) {
  if (c.cat.type(name) || c.cat.relation_exists(name)) {
    c.present(loc, fmt::format("type \"{}\" already exists", name.name), relation_key(c.cat, name));
    return false;
  }
  if (!c.cat.has_schema(name.schema)) {
    c.missing_schema(loc, name.schema);
    return false;
  }
  return true;
}

QName type_create_name(Ctx& c, const std::vector<std::string>& names) {
  const QName n = split_name(names);
  return c.create_name(n.schema, n.name);
}

}  // namespace

void transform_create_enum(Ctx& c, const pg_query::CreateEnumStmt& s) {
  const QName name = type_create_name(c, catalog::strings(s.type_name()));
  if (!type_name_free(c, name, -1)) return;
  auto t = std::make_shared<Type>();
  t->name = name;
  t->kind = TypeKind::Enum;
  for (const auto& v : catalog::strings(s.vals())) {
    if (std::find(t->labels.begin(), t->labels.end(), v) != t->labels.end()) {
      c.duplicate(-1, fmt::format("enum label \"{}\" used more than once", v));
      return;
    }
    t->labels.push_back(v);
  }
  c.cat.put_type(t);
  c.effect(Action::Created, ObjectKind::Type, name);
}

void transform_alter_enum(Ctx& c, const pg_query::AlterEnumStmt& s) {
  const auto names = catalog::strings(s.type_name());
  auto q = c.find_type(names);
  if (!q)
    return c.missing(-1, fmt::format("type \"{}\" does not exist", names.empty() ? "" : names.back()),
                     names.empty() ? "" : names.back(), split_name(names).schema);
  auto t = std::make_shared<Type>(*c.cat.type(*q));
  const std::string tk = catalog::type_key(*q);
  auto& L = t->labels;
  auto find = [&](const std::string& v) { return std::find(L.begin(), L.end(), v); };
  if (!s.old_val().empty()) {
    auto it = find(s.old_val());
    if (it == L.end()) {
      if (!c.knows_contents(tk)) return c.skip(tk);
      c.unknown(-1, fmt::format("\"{}\" is not an existing enum label", s.old_val()));
      return;
    }
    if (find(s.new_val()) != L.end()) {
      if (!c.knows_contents(tk)) return c.skip(tk);
      c.duplicate(-1, fmt::format("enum label \"{}\" already exists", s.new_val()));
      return;
    }
    *it = s.new_val();
  } else {
    if (find(s.new_val()) != L.end()) {
      if (!s.skip_if_new_val_exists() && c.knows_contents(tk))
        c.duplicate(-1, fmt::format("enum label \"{}\" already exists", s.new_val()));
      return;
    }
    if (s.new_val_neighbor().empty()) {
      L.push_back(s.new_val());
    } else {
      auto it = find(s.new_val_neighbor());
      if (it == L.end()) {
        if (!c.knows_contents(tk)) return c.skip(tk);
        c.unknown(-1, fmt::format("\"{}\" is not an existing enum label", s.new_val_neighbor()));
        return;
      }
      L.insert(s.new_val_is_after() ? it + 1 : it, s.new_val());
    }
  }
  c.cat.put_type(t);
  c.effect(Action::Altered, ObjectKind::Type, *q, {}, false, -1, "labels");
}

void transform_create_domain(Ctx& c, const pg_query::CreateDomainStmt& s) {
  const QName name = type_create_name(c, catalog::strings(s.domainname()));
  if (!type_name_free(c, name, -1)) return;
  auto t = std::make_shared<Type>();
  t->name = name;
  t->kind = TypeKind::Domain;
  t->base = catalog::canonical_type(s.type_name());
  std::set<std::string> taken;
  for (const auto& n : s.constraints()) {
    if (!n.has_constraint()) continue;
    const auto& con = n.constraint();
    if (con.contype() == pg_query::CONSTR_NOTNULL) t->not_null = true;
    if (con.contype() == pg_query::CONSTR_DEFAULT && con.has_raw_expr())
      t->default_expr = catalog::make_expr(con.raw_expr(), c.expr_ctx(t->base));
    if (con.contype() == pg_query::CONSTR_CHECK && con.has_raw_expr()) {
      std::string cn = con.conname().empty()
                           ? catalog::choose_constraint_name(c.cat, name.schema, name.name, "", "check", taken)
                           : con.conname();
      taken.insert(cn);
      t->checks.push_back({cn, catalog::make_expr(con.raw_expr(), c.expr_ctx())});
    }
  }
  c.cat.put_type(t);
  c.effect(Action::Created, ObjectKind::Type, name);
}

void transform_composite_type(Ctx& c, const pg_query::CompositeTypeStmt& s) {
  const QName name = c.create_name(s.typevar());
  if (!type_name_free(c, name, s.typevar().location())) return;
  auto t = std::make_shared<Type>();
  t->name = name;
  t->kind = TypeKind::Composite;
  for (const auto& n : s.coldeflist())
    if (n.has_column_def())
      t->attributes.push_back({n.column_def().colname(), catalog::canonical_type(n.column_def().type_name())});
  c.cat.put_type(t);
  c.effect(Action::Created, ObjectKind::Type, name);
}

void transform_alter_domain(Ctx& c, const pg_query::AlterDomainStmt& s) {
  const auto names = catalog::strings(s.type_name());
  auto q = c.find_type(names);
  if (!q)
    return c.missing(-1, fmt::format("type \"{}\" does not exist", names.empty() ? "" : names.back()),
                     names.empty() ? "" : names.back(), split_name(names).schema);
  if (c.cat.type(*q)->kind != TypeKind::Domain) {
    c.unknown(-1, fmt::format("type \"{}\" does not exist", names.empty() ? "" : names.back()));
    return;
  }
  auto t = std::make_shared<Type>(*c.cat.type(*q));
  std::string detail;
  switch (s.subtype().empty() ? ' ' : s.subtype()[0]) {
    case 'T':  // SET DEFAULT / DROP DEFAULT
      if (s.has_def()) t->default_expr = catalog::make_expr(s.def(), c.expr_ctx(t->base));
      else t->default_expr.reset();
      detail = "default";
      break;
    case 'N':
      t->not_null = false;
      detail = "not null";
      break;
    case 'O':
      t->not_null = true;
      detail = "not null";
      break;
    case 'C': {
      if (!s.def().has_constraint()) return c.unmodeled("this ALTER DOMAIN is not modeled");
      const auto& con = s.def().constraint();
      if (con.contype() == pg_query::CONSTR_NOTNULL) {
        t->not_null = true;
      } else if (con.contype() == pg_query::CONSTR_CHECK && con.has_raw_expr()) {
        std::set<std::string> taken;
        for (const auto& [n, e] : t->checks) taken.insert(n);
        const std::string cn = con.conname().empty()
                                   ? catalog::choose_constraint_name(c.cat, q->schema, q->name, "", "check", taken)
                                   : con.conname();
        if (taken.count(cn)) {
          if (!c.knows_contents(catalog::type_key(*q))) return c.skip(catalog::type_key(*q));
          c.duplicate(-1, fmt::format("constraint \"{}\" for domain \"{}\" already exists", cn, q->name));
          return;
        }
        t->checks.push_back({cn, catalog::make_expr(con.raw_expr(), c.expr_ctx())});
      } else {
        return c.unmodeled("this ALTER DOMAIN … ADD CONSTRAINT is not modeled");
      }
      detail = "constraint";
      break;
    }
    case 'X': {
      auto it = std::find_if(t->checks.begin(), t->checks.end(), [&](const auto& k) { return k.first == s.name(); });
      if (it == t->checks.end()) {
        if (!s.missing_ok() && c.knows_contents(catalog::type_key(*q)))
          c.unknown(-1, fmt::format("constraint \"{}\" of domain \"{}\" does not exist", s.name(), q->name));
        return;
      }
      t->checks.erase(it);
      detail = "constraint";
      break;
    }
    case 'V': return;  // VALIDATE CONSTRAINT: the model does not track NOT VALID on domains
    default: return c.unmodeled("this ALTER DOMAIN is not modeled");
  }
  c.cat.put_type(t);
  c.effect(Action::Altered, ObjectKind::Type, *q, {}, false, -1, detail);
}

}  // namespace miglint::effects
