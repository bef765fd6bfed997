/*
 * diff.c: the line diff of diff.h. The common head and tail are matched
 * first (an edit usually touches a few lines of a long body), then the
 * middle by the classic LCS table, walked from the start so that each
 * change reads as its removed lines, then its added ones.
 */
#include <stdint.h>
#include <string.h>
#include "text/diff.h"

struct diff_span {
    const char *p;
    size_t n;
};

/* Split s[0..n) into lines in arena a; *count gets their number. */
static struct diff_span *diff_split(struct arena *a, const char *s, size_t n, size_t *count)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    if (n && s[n - 1] != '\n')
        k++;
    struct diff_span *v = arena_alloc(a, (k ? k : 1) * sizeof *v);
    if (!v)
        return NULL;
    size_t j = 0, start = 0;
    for (size_t i = 0; i <= n && j < k; i++) {
        if (i == n || s[i] == '\n') {
            size_t e = i;
            if (e > start && s[e - 1] == '\r')
                e--;
            v[j].p = s + start;
            v[j++].n = e - start;
            start = i + 1;
        }
    }
    *count = k;
    return v;
}

static int diff_eq(const struct diff_span *x, const struct diff_span *y)
{
    return x->n == y->n && memcmp(x->p, y->p, x->n) == 0;
}

static void diff_put(struct diff_line *out, size_t *n, enum diff_op op,
                     const struct diff_span *s)
{
    out[*n].op = op;
    out[*n].p = s->p;
    out[(*n)++].n = s->n;
}

enum ak_err text_diff_lines(struct arena *a, const char *x, size_t nx, const char *y, size_t ny,
                            struct diff_line **out, size_t *n)
{
    size_t lx, ly;
    struct diff_span *X = diff_split(a, x, nx, &lx), *Y = diff_split(a, y, ny, &ly);
    struct diff_line *o = X && Y ? arena_alloc(a, (lx + ly + 1) * sizeof *o) : NULL;
    if (!o)
        return AK_ENOMEM;
    size_t head = 0, tail = 0, k = 0;
    while (head < lx && head < ly && diff_eq(&X[head], &Y[head]))
        head++;
    while (tail < lx - head && tail < ly - head &&
           diff_eq(&X[lx - 1 - tail], &Y[ly - 1 - tail]))
        tail++;
    for (size_t i = 0; i < head; i++)
        diff_put(o, &k, DIFF_SAME, &X[i]);
    size_t mx = lx - head - tail, my = ly - head - tail;
    const struct diff_span *MX = X + head, *MY = Y + head;
    /* L[i][j]: the LCS length of MX[i..] and MY[j..]. */
    uint32_t *L = NULL;
    if (mx && my && (mx + 1) <= DIFF_MAX_CELLS / (my + 1))
        L = arena_alloc(a, (mx + 1) * (my + 1) * sizeof *L);
    if (L) {
        size_t w = my + 1;
        for (size_t j = 0; j <= my; j++)
            L[mx * w + j] = 0;
        for (size_t i = mx; i-- > 0;) {
            L[i * w + my] = 0;
            for (size_t j = my; j-- > 0;) {
                if (diff_eq(&MX[i], &MY[j]))
                    L[i * w + j] = L[(i + 1) * w + j + 1] + 1;
                else
                    L[i * w + j] = L[(i + 1) * w + j] >= L[i * w + j + 1]
                                       ? L[(i + 1) * w + j] : L[i * w + j + 1];
            }
        }
        size_t i = 0, j = 0;
        while (i < mx || j < my) {
            if (i < mx && j < my && diff_eq(&MX[i], &MY[j])) {
                diff_put(o, &k, DIFF_SAME, &MX[i]);
                i++, j++;
            } else if (i < mx && (j == my || L[(i + 1) * w + j] >= L[i * w + j + 1])) {
                diff_put(o, &k, DIFF_DEL, &MX[i++]);
            } else {
                diff_put(o, &k, DIFF_ADD, &MY[j++]);
            }
        }
    } else {
        for (size_t i = 0; i < mx; i++)
            diff_put(o, &k, DIFF_DEL, &MX[i]);
        for (size_t j = 0; j < my; j++)
            diff_put(o, &k, DIFF_ADD, &MY[j]);
    }
    for (size_t i = lx - tail; i < lx; i++)
        diff_put(o, &k, DIFF_SAME, &X[i]);
    *out = o;
    *n = k;
    return AK_OK;
}
