/* Baseline for the benchmarks: reads each file given on the command line (or,
 * with `-`, one path per line on stdin, for folders too big for argv) and
 * parses it with libpg_query into the protobuf AST (what miglint parses from),
 * and does nothing else. */
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      char *grown = realloc(buf, cap *= 2);
      if (!grown) { free(buf); buf = NULL; break; }
      buf = grown;
    }
  }
  fclose(f);
  if (buf) buf[len] = '\0';
  return buf;
}

static size_t files, errors, bytes;

static void parse_one(const char *path) {
  char *text = slurp(path);
  if (!text) return;
  PgQueryProtobufParseResult r = pg_query_parse_protobuf(text);
  ++files;
  if (r.error) ++errors;
  bytes += r.parse_tree.len;
  pg_query_free_protobuf_parse_result(r);
  free(text);
}

int main(int argc, char **argv) {
  char line[4096];
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-' && argv[i][1] == '\0') {
      while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        if (n > 0) parse_one(line);
      }
      continue;
    }
    parse_one(argv[i]);
  }
  fprintf(stderr, "rawparse: %zu files, %zu with errors, %zu bytes of protobuf\n", files, errors, bytes);
  return 0;
}
