/*
 * diff.h: a line diff of two texts, for the newsroom's revision pages: the
 * longest common subsequence of lines, so what is shown as removed and added
 * is as little as possible.
 */
#ifndef AK_DIFF_H
#define AK_DIFF_H

#include <stddef.h>
#include "base/arena.h"
#include "base/err.h"

enum diff_op { DIFF_SAME, DIFF_DEL, DIFF_ADD, DIFF_OP__MAX };

/* One line of the result; p[0..n) points into the texts given (no '\n'). */
struct diff_line {
    enum diff_op op;
    const char *p;
    size_t n;
};

/* Lines compared by LCS at most (after the common head and tail are taken
 * off): above this many cells (lines of x times lines of y) the middle is
 * shown as all removed, then all added, which is correct but not minimal. */
#define DIFF_MAX_CELLS (1u << 20)

/* Diff x[0..nx) against y[0..ny), split at '\n' (a final '\n' makes no empty
 * last line): *out (arena a) gets the lines of both in order, each marked
 * same, removed (only in x) or added (only in y), removals before additions
 * within a change; *n their number. Returns AK_OK or AK_ENOMEM. */
enum ak_err text_diff_lines(struct arena *a, const char *x, size_t nx, const char *y, size_t ny,
                            struct diff_line **out, size_t *n);

#endif
