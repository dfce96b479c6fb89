/* libpg_query 18, as Debian builds it, is compiled against glibc 2.38 and
 * calls two functions that Debian 12's glibc (2.36) lacks. Defined here for an
 * older glibc only; on 2.38 and later this file is empty. */
#include <stdlib.h>
#include <string.h>

#if defined(__GLIBC__) && (__GLIBC__ < 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ < 38))

/* C23's strtoul (which also reads a 0b prefix); the scanner calls it only with
 * base 16, where the two agree. */
/* NOLINTBEGIN(bugprone-reserved-identifier): glibc's own symbol name, on purpose */
unsigned long __isoc23_strtoul(const char* s, char** end, int base);
unsigned long __isoc23_strtoul(const char* s, char** end, int base) { return strtoul(s, end, base); }
/* NOLINTEND(bugprone-reserved-identifier) */

/* BSD strlcpy: copies at most size-1 bytes, always terminates, returns strlen(src). */
size_t strlcpy(char* dst, const char* src, size_t size);
size_t strlcpy(char* dst, const char* src, size_t size) {
  size_t n = strlen(src);
  if (size) {
    size_t k = n < size - 1 ? n : size - 1;
    memcpy(dst, src, k);
    dst[k] = '\0';
  }
  return n;
}

#endif
