/*
 * fuzz/diff.c: libFuzzer target for the revision diff (text/diff.h). The
 * input is two texts separated by the first NUL byte (else cut in half).
 * The result must give back each text: its same and removed lines are x's
 * lines in order, its same and added lines y's, each pointing into its own
 * text, and within a change removals come before additions. While the
 * texts are small enough for the LCS table, as few lines as possible are
 * shown changed: the same lines number the longest common subsequence,
 * counted here by a table of its own.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/diff.h"

struct fuzz_lines {
    const char *p[512];
    size_t n[512];
    size_t count;
};

/* Split as diff.h says (a final '\n' makes no empty last line, "\r\n" ends a
 * line); 0 when there are too many lines for this check. */
static int fuzz_split(const char *s, size_t n, struct fuzz_lines *l)
{
    l->count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '\n')
            continue;
        if (i == n && start == n)
            break;
        if (l->count == 512)
            return 0;
        size_t e = i > start && s[i - 1] == '\r' ? i - 1 : i;
        l->p[l->count] = s + start;
        l->n[l->count++] = e - start;
        start = i + 1;
    }
    return 1;
}

static int fuzz_eq(const struct fuzz_lines *x, size_t i, const struct fuzz_lines *y, size_t j)
{
    return x->n[i] == y->n[j] && memcmp(x->p[i], y->p[j], x->n[i]) == 0;
}

/* The length of the longest common subsequence of lines. */
static size_t fuzz_lcs(const struct fuzz_lines *x, const struct fuzz_lines *y)
{
    static size_t t[513][513];
    for (size_t i = 0; i <= x->count; i++)
        for (size_t j = 0; j <= y->count; j++)
            t[i][j] = i == 0 || j == 0 ? 0
                : fuzz_eq(x, i - 1, y, j - 1) ? t[i - 1][j - 1] + 1
                : t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] : t[i][j - 1];
    return t[x->count][y->count];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nul = memchr(s, 0, size);
    size_t nx = nul ? (size_t)(nul - s) : size / 2;
    const char *x = s, *y = s + nx + (nul ? 1 : 0);
    size_t ny = size - (size_t)(y - s);
    struct arena a;
    arena_init(&a, 0);
    struct diff_line *d;
    size_t n;
    if (text_diff_lines(&a, x, nx, y, ny, &d, &n) != AK_OK)
        abort();
    static struct fuzz_lines X, Y;
    int small = fuzz_split(x, nx, &X) && fuzz_split(y, ny, &Y);
    size_t ix = 0, iy = 0, same = 0;
    for (size_t k = 0; k < n; k++) {
        if (d[k].op == DIFF_SAME || d[k].op == DIFF_DEL) {
            if (d[k].p < x || d[k].p + d[k].n > x + nx)
                abort();
            if (small && (ix >= X.count || X.p[ix] != d[k].p || X.n[ix] != d[k].n))
                abort();
            ix++;
        }
        if (d[k].op == DIFF_SAME || d[k].op == DIFF_ADD) {
            const struct diff_line *o = &d[k];
            if (o->op == DIFF_ADD && (o->p < y || o->p + o->n > y + ny))
                abort();
            if (small && (iy >= Y.count || Y.n[iy] != o->n ||
                          memcmp(Y.p[iy], o->p, o->n) != 0))
                abort();
            iy++;
        }
        if (d[k].op == DIFF_DEL && k > 0 && d[k - 1].op == DIFF_ADD)
            abort();                    /* an addition before a removal in one change */
        same += d[k].op == DIFF_SAME;
        if ((unsigned)d[k].op >= DIFF_OP__MAX)
            abort();
    }
    if (small && (ix != X.count || iy != Y.count))
        abort();
    if (small && (size_t)X.count * Y.count <= DIFF_MAX_CELLS && same != fuzz_lcs(&X, &Y))
        abort();
    arena_reset(&a);
    return 0;
}
