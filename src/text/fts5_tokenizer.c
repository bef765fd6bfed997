/*
 * fts5_tokenizer.c: the analyzer as the FTS5 tokenizer "akhbar" (see
 * fts5_tokenizer.h). DESIGN.md puts it in text/: it is the analyzer's
 * adapter, and the only code here that includes SQLite's FTS5 API.
 */
#include <stdlib.h>
#include <string.h>
#include "base/log.h"
#include "text/analyzer.h"
#include "text/fts5_tokenizer.h"

struct fts5_akhbar {
    struct text_analyzer *an;
};

/* What the analyzer callback needs to hand a form to FTS5. */
struct fts5_emit {
    void *ctx;
    int (*token)(void *ctx, int tflags, const char *tok, int ntok, int start, int end);
    int rc;                     /* first non-OK return of token() */
};

static int fts5_emit_form(void *ctx, const char *form, size_t n, size_t start, size_t end,
                          int colocated)
{
    struct fts5_emit *e = ctx;
    if (n == 0 || n > 0x7fffffff || end > 0x7fffffff)
        return 0;                       /* NEVER: forms are short, texts < 2 GB */
    e->rc = e->token(e->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, form, (int)n, (int)start,
                     (int)end);
    return e->rc != SQLITE_OK;
}

static int fts5_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    if (argc != 0)
        return SQLITE_ERROR;            /* tokenize='akhbar' takes no options */
    struct fts5_akhbar *t = calloc(1, sizeof *t);
    if (!t || !(t->an = text_analyzer_new())) {
        free(t);
        return SQLITE_NOMEM;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void fts5_delete(Fts5Tokenizer *tok)
{
    struct fts5_akhbar *t = (struct fts5_akhbar *)tok;
    if (t) {
        text_analyzer_free(t->an);
        free(t);
    }
}

/* A query string built by store/search.c: pieces between ASCII spaces are
 * tokens, verbatim, at their byte offsets. */
static int fts5_tokenize_query(struct fts5_emit *e, const char *s, int n)
{
    int i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        int start = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i > start) {
            int rc = e->token(e->ctx, 0, s + start, i - start, start, i);
            if (rc != SQLITE_OK)
                return rc;
        }
    }
    return SQLITE_OK;
}

static int fts5_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *s, int n,
                         int (*token)(void *, int, const char *, int, int, int))
{
    struct fts5_akhbar *t = (struct fts5_akhbar *)tok;
    struct fts5_emit e = { ctx, token, SQLITE_OK };
    if (n <= 0 || !s)
        return SQLITE_OK;
    if (flags & FTS5_TOKENIZE_QUERY)
        return fts5_tokenize_query(&e, s, n);
    enum ak_err rc = text_analyze(t->an, TEXT_MODE_INDEX, s, (size_t)n, fts5_emit_form, &e);
    if (e.rc != SQLITE_OK)
        return e.rc;
    switch (rc) {
    case AK_OK:
        return SQLITE_OK;
    case AK_ENOMEM:
        return SQLITE_NOMEM;
    case AK_EINVAL:
        /* Invalid UTF-8 cannot be indexed: refuse the write. When an
         * auxiliary function (snippet) reads such a row, give it no tokens
         * rather than fail the whole query. */
        if (flags & FTS5_TOKENIZE_AUX)
            return SQLITE_OK;
        log_error("search index: text is not valid UTF-8");
        return SQLITE_ERROR;
    default:
        return SQLITE_ERROR;
    }
}

fts5_api *text_fts5_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(s);
    }
    sqlite3_finalize(s);
    return api;
}

enum ak_err text_fts5_register(sqlite3 *db)
{
    static fts5_tokenizer tokenizer = { fts5_create, fts5_delete, fts5_tokenize };
    fts5_api *api = text_fts5_api(db);
    if (!api || api->iVersion < 2) {
        log_error("search index: this SQLite has no FTS5");
        return AK_EIO;
    }
    if (api->xCreateTokenizer(api, TEXT_FTS5_TOKENIZER, NULL, &tokenizer, NULL) != SQLITE_OK) {
        log_error("search index: cannot register the tokenizer: %s", sqlite3_errmsg(db));
        return AK_EIO;
    }
    return AK_OK;
}
