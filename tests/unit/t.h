/*
 * t.h: the unit-test harness. One binary per module; each CHECK is one
 * assertion, counted. main() ends with T_DONE(), which prints
 * "N passed, N failed" (read by tools/testrun) and sets the exit status.
 */
#ifndef AK_T_H
#define AK_T_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define CHECK(cond) do { \
    if (cond) t_pass++; \
    else { t_fail++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(got, want) do { \
    const char *g_ = (got), *w_ = (want); \
    if (g_ && w_ && strcmp(g_, w_) == 0) t_pass++; \
    else { t_fail++; fprintf(stderr, "FAIL %s:%d: %s\n  got:  %s\n  want: %s\n", \
                             __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define CHECK_CONTAINS(hay, needle) do { \
    const char *h_ = (hay), *n_ = (needle); \
    if (h_ && n_ && strstr(h_, n_)) t_pass++; \
    else { t_fail++; fprintf(stderr, "FAIL %s:%d: %s does not contain %s\n  in: %.400s\n", \
                             __FILE__, __LINE__, #hay, n_ ? n_ : "(null)", h_ ? h_ : "(null)"); } \
} while (0)

#define T_DONE() do { \
    printf("%s: %d passed, %d failed\n", __FILE__, t_pass, t_fail); \
    return t_fail ? 1 : 0; \
} while (0)

#endif
