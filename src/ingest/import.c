/*
 * import.c: drive a whole file of foreign articles into the store (see ingest.h).
 *
 * Why this is separate from the parsers: parsing is pure (bytes in, struct
 * article_in out) and fuzzable; importing has policy. It owns the reading of
 * the file, the choice of each article's section, the rendering of Markdown
 * to HTML, transactions, and the report. The rules:
 *  - A text page is read whole (at most IMPORT_MAX_TEXT bytes). An NDJSON
 *    file is read a line at a time, of any length of file (a record of at
 *    most IMPORT_MAX_LINE bytes): the records of the open batch are kept
 *    until it commits, so that a bad one can be replayed; memory does not
 *    grow with the file.
 *  - Each record gets a fresh arena, freed before the next, so memory stays
 *    flat however long the file is.
 *  - Section: the caller's override (checked once, up front), else the
 *    record's own (NDJSON "section", or the one a text page's navigation
 *    names), else for text pages "general" ("عام"), created when missing.
 *    NDJSON records without a section are rejected. Unknown slugs are
 *    reported as "section: unknown section 'xyz'" before the store is touched.
 *  - Without strict, good records are committed in batches of IMPORT_BATCH;
 *    a record rejected before it reaches the store is simply skipped. If the
 *    store itself rejects a record mid-batch (its state is then unknown), the
 *    batch is rolled back and replayed one record per transaction, so a bad
 *    record never loses good ones. With strict, the file is one transaction
 *    and the first bad record rolls it all back.
 *  - Every rejected record is reported on err as "PATH:LINE: message" (PATH
 *    is "<stdin>" for "-"); problems with the file as a whole as "PATH: message".
 *  - Records are stored with store_import_article: one whose guid is known
 *    updates its article, one stored before from the very same record is
 *    left alone. So an import killed halfway (its last batch rolled back by
 *    SQLite) is finished by running it again, and a file run twice changes
 *    nothing. The report counts imported, updated, unchanged and failed
 *    records as committed.
 */
#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "ingest/ingest.h"
#include "ingest/wire.h"
#include "newsroom/article.h"
#include "render/markdown.h"
#include "store/article.h"
#include "store/moving.h"
#include "store/related.h"
#include "store/section.h"
#include "store/store.h"

const char *const ingest_format_names[INGEST_FORMAT__MAX] = { "text", "ndjson", "feed" };

enum {
    IMPORT_MAX_TEXT = 8 << 20,      /* bytes in a text page (one article) */
    IMPORT_MAX_LINE = 8 << 20,      /* bytes in one NDJSON record */
    IMPORT_BATCH = 256,             /* records per transaction without strict */
    IMPORT_ARENA_BASE = 16 << 20,   /* per-record arena budget: this plus... */
    IMPORT_ARENA_PER_BYTE = 16,     /* ...this many bytes per input byte */
};

static const char IMPORT_DEFAULT_SLUG[] = "general";
static const char IMPORT_DEFAULT_NAME[] = "عام";

/* One import in progress. */
struct imp {
    struct store *st;
    const char *name;           /* the path, for messages */
    enum ingest_format fmt;
    const char *section;        /* override, or NULL */
    FILE *err;                  /* where rejected records are reported; may be NULL */
    struct ingest_report *rep;
    struct arena meta;          /* the section list; lives for the import */
    struct section *secs;
    size_t nsecs;
    struct arena rec;           /* one record's memory; reset per record */
    size_t tally[IMPORT_OUTCOME__MAX];  /* outcomes in the open transaction */
    size_t total;               /* bytes of the file, for progress */
    size_t records;             /* records committed or rejected so far */
};

/* A record parsed successfully in the current batch, to replay if need be. */
struct pending {
    char *p;                    /* a copy of the record (malloc'd) */
    size_t len;
    size_t line;                /* 1-based line */
};

static void import_report(struct imp *im, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Write "PATH:LINE: message\n" (or "PATH: message\n" when line is 0) on im->err. */
static void import_report(struct imp *im, size_t line, const char *fmt, ...)
{
    if (!im->err)
        return;
    if (line)
        fprintf(im->err, "%s:%zu: ", im->name, line);
    else
        fprintf(im->err, "%s: ", im->name);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(im->err, fmt, ap);
    va_end(ap);
    fputc('\n', im->err);
}

/* Read the file at path ("-": stdin) into *out (malloc'd, NUL-terminated,
 * the caller frees it) and *n. Returns AK_OK, AK_ETOOBIG past max bytes, or
 * AK_EIO (both reported). */
static enum ak_err import_read(struct imp *im, const char *path, size_t max, char **out,
                               size_t *n)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        import_report(im, 0, "cannot open: %s", strerror(errno));
        return AK_EIO;
    }
    struct buf b;
    buf_init(&b, max);
    int toobig = 0;
    for (;;) {
        size_t room = b.max - b.n < 65536 ? b.max - b.n : 65536;
        if (room == 0) {
            char extra;
            toobig = fread(&extra, 1, 1, f) == 1;
            break;
        }
        char *p = buf_reserve(&b, room);
        if (!p)
            break;
        size_t got = fread(p, 1, room, f);
        b.n += got;
        b.p[b.n] = 0;
        if (got < room)
            break;
    }
    int ioerr = ferror(f), eno = errno;
    if (f != stdin)
        fclose(f);
    if (toobig) {
        buf_reset(&b);
        import_report(im, 0, "file: more than %zu bytes", max);
        return AK_ETOOBIG;
    }
    if (ioerr || b.err) {
        enum ak_err rc = b.err ? b.err : AK_EIO;
        buf_reset(&b);
        import_report(im, 0, "cannot read: %s", ioerr ? strerror(eno) : ak_strerror(rc));
        return rc == AK_ENOMEM ? AK_ENOMEM : AK_EIO;
    }
    *out = buf_detach(&b, n);
    return AK_OK;
}

/* (Re)load the section list into im->meta. */
static enum ak_err import_load_sections(struct imp *im)
{
    arena_reset(&im->meta);
    enum ak_err rc = store_section_list(im->st, &im->meta, &im->secs, &im->nsecs);
    if (rc) {
        im->secs = NULL;
        im->nsecs = 0;
        import_report(im, 0, "cannot list sections: %s", ak_strerror(rc));
    }
    return rc;
}

/* Non-zero when slug names a known section. */
static int import_has_section(const struct imp *im, const char *slug)
{
    for (size_t i = 0; i < im->nsecs; i++)
        if (im->secs[i].slug && strcmp(im->secs[i].slug, slug) == 0)
            return 1;
    return 0;
}

/* Fill d with a message and return AK_EINVAL. */
static enum ak_err import_fail(struct ingest_diag *d, enum ak_err rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static enum ak_err import_fail(struct ingest_diag *d, enum ak_err rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    return rc;
}

/* Store record it (not an article: a section, tag, image, author or page
 * of an export), in the caller's transaction; as import_record. */
static enum ak_err import_item(struct imp *im, struct site_item *it, struct ingest_diag *d,
                               int *wrote)
{
    const char *what = site_record_names[it->type];
    enum ak_err rc;
    if (it->type == SITE_PAGE &&
        (rc = markdown_render(&im->rec, it->body_md ? it->body_md : "",
                              it->body_md ? strlen(it->body_md) : 0, &it->body_html)))
        return import_fail(d, rc == AK_ENOMEM ? rc : AK_EINVAL, "body: cannot render: %s",
                           ak_strerror(rc));
    *wrote = 1;
    enum import_outcome outcome = IMPORT_IMPORTED;
    rc = store_import_item(im->st, it, &outcome);
    if (rc == AK_OK) {
        im->tally[outcome]++;
        if (it->type == SITE_SECTION && outcome == IMPORT_IMPORTED &&
            (rc = import_load_sections(im)))
            return import_fail(d, rc, "section: cannot list sections");
        return AK_OK;
    }
    if (rc == AK_EINVAL || rc == AK_EEXIST)
        return import_fail(d, AK_EINVAL, "%s: rejected by the store: %s", what,
                           ak_strerror(rc));
    return import_fail(d, rc, "store: %s", ak_strerror(rc));
}

/* Parse, check, render and insert the record s[0..n), in the caller's
 * transaction. *wrote is set once the store may have been written to. On
 * failure d says why (d->line relative to the record, 0 if unknown) and the
 * return is AK_EINVAL for a bad record, else the store's or AK_ENOMEM. */
static enum ak_err import_record(struct imp *im, const char *s, size_t n, struct ingest_diag *d,
                                 int *wrote)
{
    *wrote = 0;
    d->line = 0;
    d->msg[0] = 0;
    arena_reset(&im->rec);
    im->rec.budget = IMPORT_ARENA_BASE + IMPORT_ARENA_PER_BYTE * n;
    struct ingest_record r;
    enum ak_err rc = im->fmt == INGEST_TEXT
        ? ingest_text_parse(s, n, im->secs, im->nsecs, &im->rec, &r.article, d)
        : ingest_ndjson_record(s, n, &im->rec, &r, d);
    if (rc)
        return rc == AK_ENOMEM ? rc : AK_EINVAL;
    if (im->fmt != INGEST_TEXT && r.type != SITE_ARTICLE)
        return import_item(im, &r.item, d, wrote);
    struct article_in in = r.article;

    if (im->section) {
        in.section = im->section;
    } else if (!in.section && im->fmt == INGEST_TEXT) {
        in.section = IMPORT_DEFAULT_SLUG;
        if (!import_has_section(im, IMPORT_DEFAULT_SLUG)) {
            *wrote = 1;
            rc = store_section_add(im->st, IMPORT_DEFAULT_SLUG, IMPORT_DEFAULT_NAME, NULL);
            if (rc != AK_OK && rc != AK_EEXIST)
                return import_fail(d, rc, "section: cannot create '%s': %s",
                                   IMPORT_DEFAULT_SLUG, ak_strerror(rc));
            if ((rc = import_load_sections(im)) != AK_OK)
                return import_fail(d, rc, "section: cannot list sections");
        }
    } else if (!in.section) {
        return import_fail(d, AK_EINVAL, "section: required (or give a section for the import)");
    }
    if (!import_has_section(im, in.section))
        return import_fail(d, AK_EINVAL, "section: unknown section '%s'", in.section);
    for (size_t i = 0; i < in.nsections; i++)
        if (!import_has_section(im, in.sections[i]))
            return import_fail(d, AK_EINVAL, "sections: unknown section '%s'", in.sections[i]);

    if ((rc = newsroom_article_render(&im->rec, &in)) == AK_ETOOBIG)
        return markdown_too_deep(in.body_md, strlen(in.body_md))
            ? import_fail(d, AK_EINVAL, "body: block quotes or lists nested more than %d deep",
                          MARKDOWN_DEPTH_MAX)
            : import_fail(d, AK_EINVAL, "body: more than %u bytes once rendered to HTML "
                          "(its page could not be served)", MARKDOWN_HTML_MAX);
    if (rc)
        return import_fail(d, rc == AK_ENOMEM ? rc : AK_EINVAL, "body: cannot render: %s",
                           ak_strerror(rc));

    *wrote = 1;
    int64_t id;
    enum import_outcome outcome = IMPORT_IMPORTED;
    rc = store_import_article(im->st, &in, &id, &outcome);
    switch (rc) {
    case AK_OK:
        im->tally[outcome]++;
        return AK_OK;
    case AK_ENOTFOUND:
        return import_fail(d, AK_EINVAL, "section: unknown section");
    case AK_EEXIST:
        return import_fail(d, AK_EINVAL, "slug: an article with this slug already exists");
    case AK_EINVAL:
    case AK_ETOOBIG:
        return import_fail(d, AK_EINVAL, "article: rejected by the store: %s", ak_strerror(rc));
    default:
        return import_fail(d, rc, "store: %s", ak_strerror(rc));
    }
}

/* The open transaction was committed (ok) or rolled back: count its
 * records' outcomes, or forget them, and tell the caller's progress. */
static void import_settle(struct imp *im, int ok, size_t pos)
{
    if (ok) {
        im->rep->imported += im->tally[IMPORT_IMPORTED];
        im->rep->updated += im->tally[IMPORT_UPDATED];
        im->rep->unchanged += im->tally[IMPORT_UNCHANGED];
    }
    memset(im->tally, 0, sizeof im->tally);
    im->records = im->rep->imported + im->rep->updated + im->rep->unchanged + im->rep->failed;
    if (im->rep->progress && pos)
        im->rep->progress(im->rep->progress_ctx, pos, im->total, im->records);
}

/* Import one record in its own transaction, counting and reporting it. line
 * is the record's line in the file, or 0 when the record is the whole file
 * (then the parser's line is reported). Returns AK_OK whether or not the
 * record was good, or AK_EIO when the store cannot start a transaction. */
static enum ak_err import_single(struct imp *im, const char *s, size_t n, size_t line)
{
    struct ingest_diag d;
    int wrote;
    enum ak_err rc = store_begin(im->st);
    if (rc) {
        import_report(im, line, "store: cannot begin a transaction: %s", ak_strerror(rc));
        im->rep->failed++;
        return AK_EIO;
    }
    memset(im->tally, 0, sizeof im->tally);
    rc = import_record(im, s, n, &d, &wrote);
    if (rc == AK_OK && (rc = store_commit(im->st)) != AK_OK)
        snprintf(d.msg, sizeof d.msg, "store: commit failed: %s", ak_strerror(rc));
    if (rc) {
        store_rollback(im->st);
        import_report(im, line ? line : d.line, "%s", d.msg);
        im->rep->failed++;
        import_settle(im, 0, 0);
        if (wrote)
            import_load_sections(im);   /* a rolled-back "general" is gone again */
        return AK_OK;
    }
    import_settle(im, 1, 0);
    return AK_OK;
}

/* Commit the current batch of np records; if that fails, replay them one per
 * transaction. Returns AK_OK or AK_EIO. */
/* Free the batch's copies of its records. */
static void import_drop(struct pending *p, size_t *np)
{
    for (size_t i = 0; i < *np; i++)
        free(p[i].p);
    *np = 0;
}

static enum ak_err import_flush(struct imp *im, size_t pos, struct pending *p, size_t *np)
{
    enum ak_err rc = store_commit(im->st);
    if (rc == AK_OK) {
        import_settle(im, 1, pos);
        import_drop(p, np);
        return AK_OK;
    }
    store_rollback(im->st);
    import_settle(im, 0, 0);
    for (size_t i = 0; i < *np && rc != AK_EIO; i++)
        rc = import_single(im, p[i].p, p[i].len, p[i].line);
    import_drop(p, np);
    return rc == AK_EIO ? rc : AK_OK;
}

/* Read the next line of f into lb (without its newline); *used gets the
 * bytes it took from the file. Returns 1, or 0 at the end. Past
 * IMPORT_MAX_LINE bytes the rest of the line is skipped and *over set. */
static int import_line(FILE *f, struct buf *lb, size_t *used, int *over)
{
    lb->n = 0;
    *used = 0;
    *over = 0;
    int c;
    while ((c = getc_unlocked(f)) != EOF) {
        (*used)++;
        if (c == '\n')
            return 1;
        if (lb->n < IMPORT_MAX_LINE)
            buf_putc(lb, (char)c);
        else
            *over = 1;
    }
    return *used > 0;
}

/* Import the records of the NDJSON file f (see the file comment).
 * Returns AK_OK, AK_EINVAL (strict, a bad record), AK_EIO or AK_ENOMEM. */
static enum ak_err import_ndjson(struct imp *im, FILE *f, int strict)
{
    struct pending *pend = malloc(IMPORT_BATCH * sizeof *pend);
    struct buf lb;
    buf_init(&lb, IMPORT_MAX_LINE + 1);
    if (!pend) {
        import_report(im, 0, "out of memory");
        return AK_ENOMEM;
    }
    size_t np = 0, line = 0, pos = 0, used;
    enum ak_err fatal = AK_OK;          /* stops the import */
    int intx = 0, over;                 /* a transaction is open */
    while (fatal == AK_OK && import_line(f, &lb, &used, &over)) {
        if (lb.err) {
            import_report(im, line + 1, "out of memory");
            fatal = AK_ENOMEM;
            break;
        }
        const char *s = lb.p ? lb.p : "";
        size_t off = 0, len = lb.n;
        if (line == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            off = 3, len -= 3;          /* a byte order mark */
        pos += used;
        line++;
        if (len > 0 && s[off + len - 1] == '\r')
            len--;
        size_t k = 0;
        while (k < len && (s[off + k] == ' ' || s[off + k] == '\t' || s[off + k] == '\r'))
            k++;
        if (k == len && !over)
            continue;                   /* blank lines separate nothing */

        if (!intx) {
            enum ak_err brc = store_begin(im->st);
            if (brc) {
                import_report(im, line, "store: cannot begin a transaction: %s",
                              ak_strerror(brc));
                fatal = AK_EIO;
                break;
            }
            intx = 1;
        }
        struct ingest_diag d;
        int wrote = 0;
        enum ak_err rc;
        if (over) {
            rc = AK_EINVAL;
            snprintf(d.msg, sizeof d.msg, "record: more than %d bytes", IMPORT_MAX_LINE);
        } else {
            rc = import_record(im, s + off, len, &d, &wrote);
        }
        if (rc == AK_OK) {
            if (strict)
                continue;
            if (!(pend[np].p = malloc(len + 1))) {
                import_report(im, line, "out of memory");
                fatal = AK_ENOMEM;
                break;
            }
            memcpy(pend[np].p, s + off, len);
            pend[np].p[len] = 0;
            pend[np].len = len;
            pend[np].line = line;
            if (++np == IMPORT_BATCH) {
                intx = 0;
                fatal = import_flush(im, pos, pend, &np);
            }
            continue;
        }
        import_report(im, line, "%s", d.msg);
        im->rep->failed++;
        if (strict) {
            store_rollback(im->st);
            intx = 0;
            fatal = rc == AK_ENOMEM || rc == AK_EIO ? rc : AK_EINVAL;
            break;
        }
        if (!wrote)
            continue;                   /* the store never saw it */
        /* The store saw part of the record: undo the batch and replay it. */
        store_rollback(im->st);
        import_settle(im, 0, 0);
        intx = 0;
        for (size_t i = 0; i < np && fatal == AK_OK; i++)
            fatal = import_single(im, pend[i].p, pend[i].len, pend[i].line);
        import_drop(pend, &np);
    }
    if (fatal == AK_OK && ferror(f)) {
        import_report(im, 0, "cannot read: %s", strerror(errno));
        fatal = AK_EIO;
    }
    if (intx && fatal != AK_OK) {
        store_rollback(im->st);
        import_settle(im, 0, 0);
    } else if (intx && strict) {
        enum ak_err crc = store_commit(im->st);
        if (crc) {
            store_rollback(im->st);
            import_report(im, 0, "store: commit failed: %s", ak_strerror(crc));
            fatal = AK_EIO;
        }
        import_settle(im, crc == AK_OK, pos);
    } else if (intx) {
        fatal = import_flush(im, pos, pend, &np);
    }
    import_drop(pend, &np);
    free(pend);
    buf_reset(&lb);
    return fatal;
}

/* Import the feed document s[0..n) (RSS or Atom; see wire.c): its items go
 * to the section given, else "general", as articles in review. Returns AK_OK
 * (items the store refused are counted as failed), AK_EINVAL (not a feed:
 * reported), or the store's error. */
static enum ak_err import_feed(struct imp *im, const char *s, size_t n)
{
    char why[256];
    struct wire_doc doc;
    enum ak_err rc = wire_parse(s, n, &im->rec, &doc, why, sizeof why);
    if (rc) {
        import_report(im, 0, "%s", why);
        im->rep->failed++;
        return rc == AK_ENOMEM ? rc : AK_EINVAL;
    }
    const char *section = im->section ? im->section : IMPORT_DEFAULT_SLUG;
    if (!import_has_section(im, section)) {
        rc = store_section_add(im->st, IMPORT_DEFAULT_SLUG, IMPORT_DEFAULT_NAME, NULL);
        if (rc != AK_OK && rc != AK_EEXIST) {
            import_report(im, 0, "section: cannot create '%s': %s", section, ak_strerror(rc));
            return rc;
        }
    }
    struct wire_target t = {
        .name = im->name, .origin = *doc.link ? doc.link : *doc.title ? doc.title : im->name,
        .section = section, .status = ARTICLE_REVIEW, .source = doc.title,
    };
    struct wire_report wr = { 0 };
    rc = wire_store(im->st, &doc, &t, im->err, &wr);
    im->rep->imported += wr.added;
    im->rep->updated += wr.updated;
    im->rep->unchanged += wr.unchanged;
    im->rep->failed += wr.failed;
    import_report(im, 0, "%s feed: %zu new, %zu updated, %zu unchanged, %zu duplicates, "
                  "%zu changed but kept, %zu failed, %zu skipped", wire_kind_names[doc.kind],
                  wr.added, wr.updated, wr.unchanged, wr.duplicates, wr.kept, wr.failed,
                  doc.skipped);
    return rc;
}

enum ak_err ingest_import(struct store *st, const char *path, enum ingest_format fmt,
                          const char *section, int strict, FILE *err, struct ingest_report *rep)
{
    struct ingest_report local;
    if (!rep)
        rep = &local;
    rep->imported = rep->updated = rep->unchanged = rep->failed = 0;
    struct imp im = {
        .st = st, .name = strcmp(path, "-") == 0 ? "<stdin>" : path, .fmt = fmt,
        .section = section, .err = err, .rep = rep,
    };
    if ((unsigned)fmt >= INGEST_FORMAT__MAX) {
        import_report(&im, 0, "unknown format");
        return AK_EINVAL;
    }
    arena_init(&im.meta, 0);
    arena_init(&im.rec, 0);
    char *s = NULL;
    size_t n = 0;
    FILE *f = NULL;
    enum ak_err rc = AK_OK;
    if (fmt == INGEST_TEXT || fmt == INGEST_FEED) {
        rc = import_read(&im, path, fmt == INGEST_TEXT ? IMPORT_MAX_TEXT : WIRE_MAX_BYTES, &s, &n);
    } else if (!(f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb"))) {
        import_report(&im, 0, "cannot open: %s", strerror(errno));
        rc = AK_EIO;
    } else {
        struct stat sb;
        im.total = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
    }
    if (rc == AK_OK)
        rc = import_load_sections(&im) ? AK_EIO : AK_OK;
    if (rc == AK_OK && section && !import_has_section(&im, section)) {
        import_report(&im, 0, "section: unknown section '%s'", section);
        rc = AK_EINVAL;
    }
    if (rc == AK_OK && fmt == INGEST_FEED) {
        rc = import_feed(&im, s, n);
    } else if (rc == AK_OK && fmt == INGEST_TEXT) {
        rc = import_single(&im, s, n, 0);
        if (rc == AK_OK && strict && rep->failed)
            rc = AK_EINVAL;
    } else if (rc == AK_OK) {
        rc = import_ndjson(&im, f, strict);
    }
    if (f && f != stdin)
        fclose(f);
    /* New articles change what is related to what: refresh the recent ones
     * (and as many as were imported, up to a bound on the time it takes). */
    size_t refresh = rep->imported < INGEST_RELATED_MAX ? rep->imported : INGEST_RELATED_MAX;
    if (refresh < INGEST_RELATED_REFRESH)
        refresh = INGEST_RELATED_REFRESH;
    if (rc == AK_OK && rep->imported > 0 && store_related_refresh(st, refresh) != AK_OK)
        import_report(&im, 0, "related articles: not refreshed (the articles are stored)");
    free(s);
    arena_reset(&im.rec);
    arena_reset(&im.meta);
    return rc;
}
