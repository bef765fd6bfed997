/*
 * fuzz/query.c: libFuzzer target for the search query parser and the FTS5
 * expression builder. Any bytes must be refused (invalid UTF-8) or parsed
 * into at most TEXT_QUERY_ITEMS non-empty items inside the (cut) query; the
 * expression must hold nothing but quoted strings, parentheses, AND, OR, NOT
 * and spaces; and running it must never be an SQL error (AK_EIO).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/log.h"
#include "store/search.h"
#include "store/store.h"
#include "text/query.h"
#include "text/utf8.h"

/* The grammar of a built expression (store/search.c). */
static int fuzz_expr_ok(const char *p)
{
    while (*p) {
        if (*p == '"') {
            for (p++; *p && !(*p == '"' && p[1] != '"'); p++)
                if (*p == '"')
                    p++;                /* a doubled quote */
            if (!*p)
                return 0;
            p++;
        } else if (*p == '(' || *p == ')' || *p == ' ') {
            p++;
        } else if (!strncmp(p, "AND ", 4) || !strncmp(p, "NOT ", 4)) {
            p += 4;
        } else if (!strncmp(p, "OR ", 3)) {
            p += 3;
        } else {
            return 0;
        }
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct store *st;
    if (!st && store_open(":memory:", STORE_CREATE, &st) != AK_OK)
        abort();
    const char *s = (const char *)data;
    struct text_query q;
    enum ak_err rc = text_query_parse(s, size, &q);
    int valid = utf8_valid(s, size);
    if ((rc == AK_OK) != valid || q.n > TEXT_QUERY_ITEMS || q.len > TEXT_QUERY_MAX ||
        !utf8_valid(q.text, q.len))
        abort();
    for (size_t i = 0; i < q.n; i++)
        if (q.items[i].n == 0 || q.items[i].s < q.text ||
            q.items[i].s + q.items[i].n > q.text + q.len)
            abort();
    char *z = malloc(size + 1);             /* the store takes C strings */
    if (!z)
        return 0;
    memcpy(z, data, size);
    z[size] = '\0';
    struct arena a;
    arena_init(&a, 0);
    const char *e = NULL;
    rc = store_search_expr(st, &a, z, &e);
    if (valid && (rc != AK_OK || !fuzz_expr_ok(e)))
        abort();
    struct search_hit *hits;
    size_t n, total;
    rc = store_search(st, &a, z, 0, 10, &hits, &n, &total);
    if (rc == AK_EIO || (valid && rc != AK_OK))
        abort();
    arena_reset(&a);
    free(z);
    return 0;
}
