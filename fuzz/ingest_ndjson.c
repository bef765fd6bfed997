/*
 * fuzz/ingest_ndjson.c: libFuzzer target for one NDJSON article record.
 */
#include <stdint.h>
#include "ingest/ingest.h"
#include "store/article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a, 64u << 20);
    struct article_in in;
    struct ingest_diag d;
    ingest_ndjson_parse((const char *)data, size, &a, &in, &d);
    arena_reset(&a);
    return 0;
}
