/*
 * query.c: the reader's search syntax (see query.h). A hand-written scanner,
 * because the syntax must accept every input: there is no error state.
 */
#include <string.h>
#include "text/query.h"
#include "text/utf8.h"

const char *const text_query_kind_names[TEXT_QUERY_KIND__MAX] = { "term", "phrase" };

static int query_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void query_add(struct text_query *q, enum text_query_kind kind, int exclude,
                      const char *s, size_t n)
{
    if (n == 0 || q->n == TEXT_QUERY_ITEMS)
        return;
    struct text_query_item *it = &q->items[q->n++];
    it->kind = kind;
    it->exclude = exclude;
    it->s = s;
    it->n = n;
}

enum ak_err text_query_parse(const char *s, size_t n, struct text_query *q)
{
    q->len = 0;
    q->cut = 0;
    q->n = 0;
    q->text[0] = '\0';
    if (!utf8_valid(s, n))
        return AK_EINVAL;
    size_t len = utf8_clip(s, n, TEXT_QUERY_MAX);
    testcase(len < n);
    q->cut = len < n;
    if (len)
        memcpy(q->text, s, len);
    q->text[len] = '\0';
    q->len = len;
    const char *p = q->text, *end = q->text + len;
    while (p < end && q->n < TEXT_QUERY_ITEMS) {
        while (p < end && query_space(*p))
            p++;
        if (p == end)
            break;
        int exclude = 0;
        if (*p == '-' && p + 1 < end && !query_space(p[1])) {
            exclude = 1;
            p++;
        }
        if (*p == '"') {
            const char *close = memchr(p + 1, '"', (size_t)(end - p - 1));
            if (close) {
                query_add(q, TEXT_QUERY_PHRASE, exclude, p + 1, (size_t)(close - p - 1));
                p = close + 1;
                continue;
            }
            p++;                        /* an unbalanced quote is dropped */
        }
        const char *start = p;
        while (p < end && !query_space(*p) && *p != '"')
            p++;
        query_add(q, TEXT_QUERY_TERM, exclude, start, (size_t)(p - start));
    }
    return AK_OK;
}
