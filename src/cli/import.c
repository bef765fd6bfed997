/*
 * import.c: the commands that fill and rebuild the database: `akhbar init`
 * (create or migrate), `akhbar import` (text and ndjson files) and
 * `akhbar reindex` (the search index and related articles from every
 * article's Markdown) and `akhbar export` (the whole site as NDJSON, which
 * import reads back).
 */
#include <errno.h>
#include <libgen.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "base/clock.h"
#include "base/file.h"
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
    char label[512];
    printf("%s: schema version %d\n", store_db_label(r->db, label, sizeof label),
           store_schema_version());
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

/* A progress bar on a terminal: what an import has done of its file. */
struct cli_progress {
    const char *name;           /* the file */
    uint64_t start_ns, drawn_ns;
    int drawn;                  /* a bar is on the line */
};

/* Draw, at most ten times a second: "[#####     ] 45%  9000 records
 * 2100/s  4 s left  FILE" on stderr, overwriting the line. */
static void cli_progress_draw(void *ctx, size_t done, size_t total, size_t records)
{
    struct cli_progress *p = ctx;
    uint64_t now = clock_mono_ns();
    if (p->drawn && now - p->drawn_ns < 100000000ull && done < total)
        return;
    p->drawn_ns = now;
    p->drawn = 1;
    double secs = (double)(now - p->start_ns) / 1e9;
    double frac = total ? (double)done / (double)total : 1;
    char bar[31];
    int full = (int)(frac * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < full ? '#' : ' ';
    bar[30] = 0;
    double rate = secs > 0 ? (double)records / secs : 0;
    double left = frac > 0 ? secs * (1 - frac) / frac : 0;
    if (!total)                         /* standard input: no size to measure against */
        fprintf(stderr, "\r%zu records  %.0f/s  %s\x1b[K", records, rate, p->name);
    else
        fprintf(stderr, "\r[%s] %3d%%  %zu records  %.0f/s  %.0f s left  %s\x1b[K", bar,
                (int)(frac * 100), records, rate, left, p->name);
    fflush(stderr);
}

/* `import --format wxr`: each file with ingest_wxr, its table on stdout. */
static int cli_import_wxr(struct cli_run *r)
{
    char media_buf[4096];
    struct ingest_wxr_opts opts = {
        .uploads = r->opt[CLI_OPT_UPLOADS],
        .media_dir = cli_media_dir(r, media_buf, sizeof media_buf),
        .strict = r->opt[CLI_OPT_STRICT] != NULL,
    };
    int status = 0, failed = 0;
    for (int i = 0; i < r->nargs; i++) {
        struct wxr_report rep;
        if (ingest_wxr(r->st, r->args[i], &opts, stderr, &rep) != AK_OK)
            status = 1;
        if (r->nargs > 1)
            printf("%s:\n", r->args[i]);
        ingest_wxr_print(stdout, &rep);
        for (int k = 0; k < WXR_KIND__MAX; k++)
            failed += rep.n[k][WXR_FAILED] > 0;
    }
    cli_store_close(r);
    return status ? status : failed ? 1 : 0;
}

int cli_import(struct cli_run *r)
{
    if (r->num[CLI_OPT_FORMAT] == INGEST_WXR) {
        if (r->opt[CLI_OPT_SECTION]) {
            fprintf(stderr, "akhbar import: --section: not for wxr (categories are sections)\n");
            return CLI_EXIT_USAGE;
        }
        return cli_import_wxr(r);
    }
    if (r->opt[CLI_OPT_UPLOADS]) {
        fprintf(stderr, "akhbar import: --uploads: only for --format wxr\n");
        return CLI_EXIT_USAGE;
    }
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
    size_t imported = 0, updated = 0, unchanged = 0, failed = 0;
    int tty = isatty(STDERR_FILENO);
    for (int i = 0; i < r->nargs && status == 0; i++) {
        struct cli_progress bar = { .name = r->args[i], .start_ns = clock_mono_ns() };
        struct ingest_report rep = { .progress = tty ? cli_progress_draw : NULL,
                                     .progress_ctx = &bar };
        enum ak_err rc = ingest_import(r->st, r->args[i], (enum ingest_format)fmt, section,
                                       r->opt[CLI_OPT_STRICT] != NULL, stderr, &rep);
        if (bar.drawn)
            fputs("\r\x1b[K", stderr);     /* the counts take the bar's line */
        imported += rep.imported;
        updated += rep.updated;
        unchanged += rep.unchanged;
        failed += rep.failed;
        if (rc != AK_OK)
            status = 1;
    }
    cli_store_close(r);
    fprintf(stderr, "akhbar import: %zu imported, %zu updated, %zu unchanged, %zu failed\n",
            imported, updated, unchanged, failed);
    return status ? status : failed ? 1 : 0;
}

/* What cli_export_fill writes, and what it found. */
struct cli_export {
    struct store *st;
    size_t counts[SITE_RECORD__MAX];
    enum ak_err rc;
};

/* file_replace's filler: the export into fd. */
static int cli_export_fill(void *ctx, int fd)
{
    struct cli_export *x = ctx;
    int fd2 = dup(fd);
    FILE *f = fd2 < 0 ? NULL : fdopen(fd2, "w");
    if (!f) {
        if (fd2 >= 0)
            close(fd2);
        x->rc = AK_EIO;
        return -1;
    }
    x->rc = ingest_export(x->st, f, x->counts);
    int eno = errno;
    if (fclose(f) != 0 && x->rc == AK_OK)
        x->rc = AK_EIO, eno = errno;
    errno = eno;
    return x->rc == AK_OK ? 0 : -1;
}

int cli_export(struct cli_run *r)
{
    if (r->num[CLI_OPT_FORMAT] != INGEST_NDJSON) {
        fprintf(stderr, "akhbar export: --format: only ndjson is written\n");
        return CLI_EXIT_USAGE;
    }
    struct cli_export x = { .st = r->st };
    const char *out = r->opt[CLI_OPT_OUT];
    int fail;
    if (out && strcmp(out, "-") != 0) {
        /* written whole under a temporary name, then renamed: never half a file */
        char d[4096], b[4096];
        if ((size_t)snprintf(d, sizeof d, "%s", out) >= sizeof d) {
            fprintf(stderr, "akhbar export: --out: path too long\n");
            return CLI_EXIT_USAGE;
        }
        memcpy(b, d, sizeof b);
        fail = file_replace(dirname(d), basename(b), 0644, cli_export_fill, &x) != 0;
        if (fail)
            fprintf(stderr, "akhbar export: %s: %s\n", out,
                    x.rc != AK_OK && x.rc != AK_EIO ? ak_strerror(x.rc) : strerror(errno));
    } else {
        x.rc = ingest_export(r->st, stdout, x.counts);
        if ((fail = x.rc != AK_OK))
            fprintf(stderr, "akhbar export: %s\n", ak_strerror(x.rc));
    }
    if (fail)
        return CLI_EXIT_FAIL;
    fprintf(stderr, "akhbar export: %zu sections, %zu tags, %zu images, %zu authors, "
            "%zu pages, %zu articles\n", x.counts[SITE_SECTION], x.counts[SITE_TAG],
            x.counts[SITE_IMAGE], x.counts[SITE_AUTHOR], x.counts[SITE_PAGE],
            x.counts[SITE_ARTICLE]);
    return 0;
}
