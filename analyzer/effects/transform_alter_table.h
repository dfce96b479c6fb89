// What the ALTER TABLE and RENAME translators share (transform_alter_table.cpp,
// transform_rename.cpp).
#pragma once
#include <memory>
#include <string>

#include "analyzer/effects/transform.h"

namespace miglint::effects {

// A copy of table q to change and put back.
std::shared_ptr<catalog::Table> working(Ctx& c, const QName& q);

// A constraint name that is the implicit name PostgreSQL 18 gives a NOT NULL
// column of the table, when the target is older: the statement needs 18
// (requires-newer-postgres) rather than naming a constraint that is missing.
bool not_null_constraint_before_18(Ctx& c, const catalog::Table& t, const std::string& name);

// False when the column is missing; an error unless the model does not know
// all the table's columns (the caller then leaves the column alone).
bool column_or_fail(Ctx& c, const catalog::Table& t, const std::string& col, bool missing_ok = false);

}  // namespace miglint::effects
