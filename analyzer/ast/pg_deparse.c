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

char* miglint_deparse_raw_stmt(RawStmt* stmt, MemoryContext context);

/* The statement's text (malloc'd), or NULL when the deparser raised an error. */
char* miglint_deparse_raw_stmt(RawStmt* stmt, MemoryContext context) {
  char* volatile text = NULL;
  PG_TRY();
  {
    StringInfoData str;
    initStringInfo(&str);
    deparseRawStmt(&str, stmt);
    text = strdup(str.data);
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(context);
    FlushErrorState();
  }
  PG_END_TRY();
  return text;
}
