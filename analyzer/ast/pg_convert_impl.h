// What the generated converter (pg_convert_nodes.cpp, from
// tools/gen_convert.py) and its hand-written part share. PostgreSQL's headers
// come after protobuf's: they define macros (printf, Min, Max, ...) that
// must not reach other headers.
#pragma once
#include <pg_query/pg_query.pb.h>

#include <string>

extern "C" {
#include "postgres.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "nodes/primnodes.h"
#include "nodes/value.h"
}

namespace miglint::pgconvert {

struct Cx {
  int depth = 0;        // nodes being converted, outermost first
  bool failed = false;  // back: a node the converter does not know
};

bool node(pg_query::Node* out, const void* in, Cx& cx);
bool nodes(google::protobuf::RepeatedPtrField<pg_query::Node>* out, const ::List* in, Cx& cx);
// Generated: the node's own message, by its tag.
bool node_body(pg_query::Node* out, const ::Node* in, Cx& cx);

// Node types the generator leaves to the hand-written part.
bool special(pg_query::List* out, const ::Node* in, Cx& cx);
bool special(pg_query::IntList* out, const ::Node* in, Cx& cx);
bool special(pg_query::OidList* out, const ::Node* in, Cx& cx);
bool special(pg_query::A_Const* out, const ::Node* in, Cx& cx);

// Generated conversions the hand-written part calls.
bool conv(pg_query::Integer* out, const ::Integer* in, Cx& cx);
bool conv(pg_query::Float* out, const ::Float* in, Cx& cx);
bool conv(pg_query::Boolean* out, const ::Boolean* in, Cx& cx);
bool conv(pg_query::String* out, const ::String* in, Cx& cx);
bool conv(pg_query::BitString* out, const ::BitString* in, Cx& cx);
bool conv(pg_query::RawStmt* out, const ::RawStmt* in, Cx& cx);

// Back to PostgreSQL's nodes (palloc'd in the current memory context), as
// libpg_query's protobuf reader builds them for its deparser.
::Node* back_node(const pg_query::Node& in, Cx& cx);
::Node* back_body(const pg_query::Node& in, Cx& cx);  // generated
::Node* back_special(const pg_query::List& in, Cx& cx);
::Node* back_special(const pg_query::IntList& in, Cx& cx);
::Node* back_special(const pg_query::OidList& in, Cx& cx);
::Node* back_special(const pg_query::A_Const& in, Cx& cx);
::String* back(const pg_query::String& in, Cx& cx);
::Float* back(const pg_query::Float& in, Cx& cx);
::BitString* back(const pg_query::BitString& in, Cx& cx);
::RawStmt* back(const pg_query::RawStmt& in, Cx& cx);

}  // namespace miglint::pgconvert
