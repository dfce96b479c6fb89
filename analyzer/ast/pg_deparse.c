/* libpg_query's deparser on a tree of PostgreSQL nodes. Its errors are
 * PostgreSQL's (a longjmp to the innermost PG_TRY), caught here, in C, where
 * no C++ object is skipped by the jump. */
#include "postgres.h"

#include <stdlib.h>
#include <string.h>

#include "lib/stringinfo.h"
#include "nodes/parsenodes.h"
#include "utils/elog.h"
#include "utils/memutils.h"

/* libpg_query's deparser (postgres_deparse.h in its 18 package, none in 17). */
extern void deparseRawStmt(StringInfo str, RawStmt* raw_stmt);

typedef RawStmt* (*miglint_build_fn)(void* arg);
char* miglint_deparse_raw_stmt(miglint_build_fn build, void* arg, MemoryContext context);

/* The text (malloc'd) of the statement build(arg) makes, or NULL when
 * building it or deparsing it raised an error (or it made none). */
char* miglint_deparse_raw_stmt(miglint_build_fn build, void* arg, MemoryContext context) {
  char* volatile text = NULL;
  PG_TRY();
  {
    RawStmt* stmt = build(arg);
    if (stmt) {
      StringInfoData str;
      initStringInfo(&str);
      deparseRawStmt(&str, stmt);
      text = strdup(str.data);
    }
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(context);
    FlushErrorState();
  }
  PG_END_TRY();
  return text;
}
