/*
 * fuzz/wire_parse.c: libFuzzer target for feed documents (RSS 2.0, RSS 1.0,
 * Atom) through wire_parse, and the HTML reducer on the same bytes.
 * Besides crashes and leaks: every string of every item is valid UTF-8 and
 * within its field's limit, and a body holds no raw '<'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/wire.h"
#include "text/utf8.h"

static void check(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (!utf8_valid(s, n) || n > max)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a, 256u << 20);
    struct wire_doc d;
    char why[200];
    if (wire_parse((const char *)data, size, &a, &d, why, sizeof why) == AK_OK) {
        check(d.title, WIRE_MAX_TITLE);
        for (size_t i = 0; i < d.nitems; i++) {
            const struct wire_item *it = &d.items[i];
            check(it->title, WIRE_MAX_TITLE);
            check(it->guid, WIRE_MAX_URL);
            check(it->link, WIRE_MAX_URL);
            check(it->lede, WIRE_MAX_LEDE);
            check(it->author, WIRE_MAX_LINE);
            check(it->body_md, WIRE_MAX_BODY);
            for (const char *p = it->body_md; (p = strchr(p, '<')); p++)
                if (p == it->body_md || p[-1] != '\\')
                    abort();
            for (size_t k = 0; k < it->ncategories; k++)
                check(it->categories[k], WIRE_MAX_LINE);
        }
    }
    const char *md = wire_html((const char *)data, size, WIRE_HTML_MARKDOWN, 4096, &a);
    if (md)
        check(md, 4096);
    arena_reset(&a);
    return 0;
}
