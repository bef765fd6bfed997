/*
 * fuzz/ingest_text.c: libFuzzer target for the plain-text article importer.
 */
#include <stdint.h>
#include "ingest/ingest.h"
#include "store/article.h"
#include "store/section.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct section secs[] = {
        { 1, "world", "أخبار عالمية", 1 }, { 2, "economy", "اقتصاد", 2 },
        { 3, "latest", "آخر الأخبار", 3 },
    };
    struct arena a;
    arena_init(&a, 64u << 20);
    struct article_in in;
    struct ingest_diag d;
    ingest_text_parse((const char *)data, size, secs, 3, &a, &in, &d);
    arena_reset(&a);
    return 0;
}
