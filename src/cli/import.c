/*
 * import.c: the commands that fill and rebuild the database: `akhbar init`
 * (create or migrate), `akhbar import` (text and ndjson files) and
 * `akhbar reindex` (the search index and related articles from every
 * article's Markdown).
 */
#include <string.h>
#include "cli/cli.h"
#include "ingest/ingest.h"
#include "render/markdown.h"
#include "store/related.h"
#include "store/search.h"
#include "store/section.h"

/* Rebuild the search index, then the related articles. Returns 0 or 1. */
static int cli_reindex_run(struct store *st, const char *db, size_t *n)
{
    enum ak_err rc = store_reindex(st, markdown_plaintext, n);
    if (rc != AK_OK) {
        fprintf(stderr, "akhbar: %s: cannot rebuild the search index: %s\n", db,
                ak_strerror(rc));
        return 1;
    }
    /* The index's vocabulary changed: so may what is related to what. */
    if ((rc = store_related_refresh(st, INGEST_RELATED_MAX)) != AK_OK) {
        fprintf(stderr, "akhbar: %s: cannot refresh related articles: %s\n", db,
                ak_strerror(rc));
        return 1;
    }
    return 0;
}

int cli_reindex_pending(struct store *st, const char *db)
{
    size_t n = 0;
    if (!store_reindex_needed(st))
        return 0;
    if (cli_reindex_run(st, db, &n))
        return 1;
    fprintf(stderr, "akhbar: %s: search index rebuilt (%zu articles)\n", db, n);
    return 0;
}

int cli_init(struct cli_run *r)
{
    if (cli_reindex_pending(r->st, r->db))
        return 1;
    printf("%s: schema version %d\n", r->db, store_schema_version());
    return 0;
}

int cli_reindex(struct cli_run *r)
{
    size_t n = 0;
    if (cli_reindex_run(r->st, r->db, &n))
        return 1;
    printf("%zu articles indexed\n", n);
    return 0;
}

int cli_import(struct cli_run *r)
{
    const char *section = r->opt[CLI_OPT_SECTION];
    long fmt = r->num[CLI_OPT_FORMAT];
    int status = 0;
    if (section) {
        struct arena a;
        arena_init(&a, 0);
        struct section sec;
        if (store_section_by_slug(r->st, &a, section, &sec) != AK_OK) {
            fprintf(stderr, "akhbar import: --section: unknown section '%s'\n", section);
            status = 1;
        }
        arena_reset(&a);
    }
    size_t imported = 0, failed = 0;
    for (int i = 0; i < r->nargs && status == 0; i++) {
        struct ingest_report rep = { 0 };
        enum ak_err rc = ingest_import(r->st, r->args[i], (enum ingest_format)fmt, section,
                                       r->opt[CLI_OPT_STRICT] != NULL, stderr, &rep);
        imported += rep.imported;
        failed += rep.failed;
        if (rc != AK_OK)
            status = 1;
    }
    cli_store_close(r);
    fprintf(stderr, "akhbar import: %zu imported, %zu failed\n", imported, failed);
    return status ? status : failed ? 1 : 0;
}
