/*
 * content.c: the commands on the site's content: `akhbar section` (add,
 * list), `akhbar comment` (list, approve, spam, delete) and `akhbar search`.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "render/date.h"
#include "render/html.h"
#include "store/comment.h"
#include "store/search.h"
#include "store/section.h"
#include "text/utf8.h"

/* ---- section ---- */

int cli_section_add_prepare(struct cli_run *r)
{
    const char *slug = r->args[0], *name = r->args[1];
    for (const char *p = slug; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
            fprintf(stderr, "akhbar section add: SLUG: use a-z, 0-9 and '-' only\n");
            return CLI_EXIT_USAGE;
        }
    if (!*slug || !*name || !utf8_valid(name, strlen(name))) {
        fprintf(stderr, "akhbar section add: NAME: empty or not valid UTF-8\n");
        return CLI_EXIT_USAGE;
    }
    return -1;
}

int cli_section_add(struct cli_run *r)
{
    int64_t id;
    enum ak_err e = store_section_add(r->st, r->args[0], r->args[1], &id);
    if (e == AK_EEXIST) {
        fprintf(stderr, "akhbar section add: SLUG: section '%s' exists\n", r->args[0]);
        return 1;
    }
    if (e)
        return 1;
    printf("%" PRId64 "\n", id);
    return 0;
}

int cli_section_list(struct cli_run *r)
{
    struct arena a;
    arena_init(&a, 0);
    struct section *secs;
    size_t n;
    enum ak_err e = store_section_list(r->st, &a, &secs, &n);
    if (e == AK_OK && r->opt[CLI_OPT_JSON]) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:i}", "id",
                                                 (json_int_t)secs[i].id, "slug", secs[i].slug,
                                                 "name", secs[i].name, "position",
                                                 secs[i].position));
        cli_json_print(arr);
    } else if (e == AK_OK) {
        for (size_t i = 0; i < n; i++)
            printf("%" PRId64 "\t%s\t%s\n", secs[i].id, secs[i].slug, secs[i].name);
    }
    arena_reset(&a);
    return e ? 1 : 0;
}

/* ---- comment ---- */

int cli_comment_list(struct cli_run *r)
{
    struct arena a;
    arena_init(&a, 0);
    struct comment *cs;
    size_t n;
    enum ak_err e = store_comment_list(r->st, &a, (int)r->num[CLI_OPT_STATUS], &cs, &n);
    if (e == AK_OK && r->opt[CLI_OPT_JSON]) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            char when[32];
            date_format(cs[i].created_at, DATE_ISO, when, sizeof when);
            json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)cs[i].id,
                                  "article_id", (json_int_t)cs[i].article_id, "status",
                                  comment_status_names[cs[i].status], "author", cs[i].author,
                                  "body", cs[i].body, "created_at", when);
            json_object_set_new(o, "parent_id", cs[i].parent_id ? json_integer(cs[i].parent_id)
                                                                : json_null());
            json_array_append_new(arr, o);
        }
        cli_json_print(arr);
    } else if (e == AK_OK) {
        for (size_t i = 0; i < n; i++)
            printf("%" PRId64 "\t%" PRId64 "\t%s\t%s\t%.60s\n", cs[i].id, cs[i].article_id,
                   comment_status_names[cs[i].status], cs[i].author, cs[i].body);
    }
    arena_reset(&a);
    return e ? 1 : 0;
}

int cli_comment_id_prepare(struct cli_run *r)
{
    char *end;
    long long id = strtoll(r->args[0], &end, 10);
    if (*end || id <= 0) {
        fprintf(stderr, "akhbar comment %s: ID: not a comment id: '%s'\n", r->cmd->sub,
                r->args[0]);
        return CLI_EXIT_USAGE;
    }
    r->id = id;
    return -1;
}

/* comment approve|spam|delete ID */
int cli_comment_set(struct cli_run *r)
{
    const char *sub = r->cmd->sub;
    enum ak_err e = strcmp(sub, "delete") == 0
                        ? store_comment_delete(r->st, r->id)
                        : store_comment_set_status(r->st, r->id, strcmp(sub, "spam") == 0
                                                                     ? COMMENT_SPAM
                                                                     : COMMENT_APPROVED);
    if (e == AK_ENOTFOUND)
        fprintf(stderr, "akhbar comment %s: ID: no comment %" PRId64 "\n", sub, r->id);
    return e ? 1 : 0;
}

/* ---- search ---- */

/* The snippet without its match markers, or the lede when there is none. */
static const char *cli_search_snippet(struct arena *a, const struct search_hit *h)
{
    if (!h->snippet)
        return h->lede;
    size_t n = strlen(h->snippet), k = 0;
    char *t = arena_alloc(a, n + 1);
    if (!t)
        return h->lede;
    for (size_t i = 0; i < n; i++)
        if (h->snippet[i] != STORE_MARK_OPEN && h->snippet[i] != STORE_MARK_CLOSE)
            t[k++] = h->snippet[i];
    t[k] = '\0';
    return t;
}

/* The query: the arguments joined by spaces, valid UTF-8. */
int cli_search_prepare(struct cli_run *r)
{
    struct buf q;
    buf_init(&q, 0);
    for (int i = 0; i < r->nargs; i++) {
        if (i > 0)
            buf_putc(&q, ' ');
        buf_puts(&q, r->args[i]);
    }
    if (q.err) {
        buf_reset(&q);
        return 1;
    }
    if (!utf8_valid(q.p ? q.p : "", q.n)) {
        fprintf(stderr, "akhbar search: QUERY: not valid UTF-8\n");
        buf_reset(&q);
        return CLI_EXIT_USAGE;
    }
    r->text = q.p;                      /* main.c frees it; NULL: empty */
    return -1;
}

int cli_search(struct cli_run *r)
{
    struct arena a;
    arena_init(&a, 0);
    struct search_hit *hits;
    size_t n, total;
    size_t limit = r->num[CLI_OPT_LIMIT] > 0 ? (size_t)r->num[CLI_OPT_LIMIT] : 20;
    enum ak_err e = store_search(r->st, &a, r->text ? r->text : "", 0, limit, &hits, &n, &total);
    json_t *arr = r->opt[CLI_OPT_JSON] && e == AK_OK ? json_array() : NULL;
    if (e != AK_OK)
        fprintf(stderr, "akhbar search: %s\n", ak_strerror(e));
    for (size_t i = 0; e == AK_OK && i < n; i++) {
        const struct search_hit *s = &hits[i];
        struct html url;
        html_init(&url, 4096);
        html_printf(&url, "/article/%D/%U", s->id, s->slug);
        const char *u = url.b.err ? "" : url.b.p;
        if (arr) {
            char when[32] = "";
            date_format(s->published_at, DATE_ISO, when, sizeof when);
            json_array_append_new(
                arr, json_pack("{s:I, s:s, s:f, s:s, s:s, s:s, s:s, s:s}", "id",
                               (json_int_t)s->id, "title", s->title, "score", s->score, "url",
                               u, "published_at", when, "section", s->section_slug,
                               "section_name", s->section_name, "snippet",
                               cli_search_snippet(&a, s)));
        } else {
            printf("%" PRId64 "\t%s\t%s\n", s->id, s->title, u);
        }
        html_reset(&url);
    }
    if (arr)
        cli_json_print(arr);
    arena_reset(&a);
    return e ? (e == AK_EINVAL ? CLI_EXIT_USAGE : 1) : 0;
}
