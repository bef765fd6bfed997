/*
 * page_article.c: the article page (/article/ID/SLUG): breadcrumbs,
 * headline, lede, byline, dates, body, tags, related articles, approved
 * comments with one level of replies, the comment form, back to top.
 * /article/ID and a wrong slug redirect to the canonical URL.
 */
#include <stdlib.h>
#include <string.h>
#include "render/date.h"
#include "site/site.h"
#include "store/article.h"
#include "store/comment.h"

#define RELATED_MAX 4

/* Comment text as paragraphs: split on blank lines, single newlines kept as
 * line breaks by the template's CSS (white-space: pre-line). */
static void page_comment_paras(struct req *r, struct tv *c, const char *body)
{
    size_t n = 1;
    for (const char *p = body; (p = strstr(p, "\n\n")); p += 2)
        n++;
    struct tv *paras = tv_list(&r->arena, c, "paras", n);
    const char *p = body;
    for (size_t i = 0; paras && i < n; i++) {
        const char *e = strstr(p, "\n\n");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        while (len && (p[len - 1] == '\n' || p[len - 1] == '\r'))
            len--;
        tv_str(&r->arena, tv_item(paras, i), "text", arena_strndup(&r->arena, p, len));
        p = e ? e + 2 : p + len;
        while (*p == '\n' || *p == '\r')
            p++;
    }
}

static void page_comment(struct req *r, struct tv *v, const struct comment *c)
{
    tv_int(&r->arena, v, "id", c->id);
    tv_str(&r->arena, v, "author", c->author);
    page_dates(r, v, "created", c->created_at,
               PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME));
    page_comment_paras(r, v, c->body);
}

/* Approved comments as a list of top-level ones, each with its replies. The
 * store returns replies right after their parent. */
static enum ak_err page_comments(struct req *r, struct tv *v, int64_t article_id,
                                 struct comment **out, size_t *nout)
{
    struct comment *cs;
    size_t n, top = 0;
    enum ak_err rc = store_comment_list_article(r->store, &r->arena, article_id,
                                                COMMENT_APPROVED, &cs, &n);
    if (rc)
        return rc;
    *out = cs;
    *nout = n;
    for (size_t i = 0; i < n; i++)
        top += cs[i].parent_id == 0;
    tv_int(&r->arena, v, "comment_count", (int64_t)n);
    struct tv *list = tv_list(&r->arena, v, "comments", top);
    if (!list)
        return AK_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (cs[i].parent_id != 0)
            continue;                   /* replies are taken with their parent */
        struct tv *it = tv_item(list, k++);
        page_comment(r, it, &cs[i]);
        size_t nr = 0;
        while (i + 1 + nr < n && cs[i + 1 + nr].parent_id == cs[i].id)
            nr++;
        struct tv *replies = tv_list(&r->arena, it, "replies", nr);
        for (size_t j = 0; replies && j < nr; j++)
            page_comment(r, tv_item(replies, j), &cs[i + 1 + j]);
    }
    return AK_OK;
}

enum ak_err site_page_article(struct req *r)
{
    struct arena *a = &r->arena;
    struct article art;
    enum ak_err rc = store_article_load(r->store, a, r->ids[0], &art);
    if (rc)
        return rc;
    if (strcmp(r->captures[1], art.slug) != 0) {
        const char *url = page_article_url(r, art.id, art.slug);
        return url ? http_redirect(r, 301, url) : AK_ENOMEM;
    }
    struct tv *v = page_new(r, art.title, art.nsections ? art.sections[0].slug : NULL);
    if (!v)
        return AK_ENOMEM;
    tv_bool(a, v, "is_article", 1);
    http_shows(r, 'a', art.id);
    http_shows(r, 'c', art.id);
    struct tv *ar = page_article(r, v, &art);
    page_meta_article(r, v, &art, page_article_url(r, art.id, art.slug));
    struct article_summary *rel;
    size_t nrel;
    if ((rc = store_article_related(r->store, a, &art, RELATED_MAX, &rel, &nrel)))
        return rc;
    page_cards(r, v, "related", rel, nrel);
    struct comment *cs;
    size_t nc;
    if ((rc = page_comments(r, v, art.id, &cs, &nc)))
        return rc;
    const char *reply = http_query(r, "reply");
    for (size_t i = 0; reply && i < nc; i++) {
        if (cs[i].parent_id == 0 && strtoll(reply, NULL, 10) == cs[i].id) {
            struct tv *rt = tv_child(a, ar, "reply_to");
            tv_int(a, rt, "id", cs[i].id);
            tv_str(a, rt, "author", cs[i].author);
        }
    }
    const char *notice = http_query(r, "comment");
    int pending = notice && strcmp(notice, "pending") == 0;
    tv_bool(a, v, "comment_pending", pending);
    /* The page is the same for every reader and hour (the comment form's
     * token is fetched by comment.js, site/comment.c): caches may keep it,
     * never the notice. */
    if (v)
        page_sidebar(r, v);
    return page_render(r, 200, "article", v, pending ? HTTP_NO_STORE : HTTP_PUBLIC_SHORT);
}

enum ak_err site_article_redirect(struct req *r)
{
    struct article art;
    enum ak_err rc = store_article_load(r->store, &r->arena, r->ids[0], &art);
    if (rc)
        return rc;
    const char *url = page_article_url(r, art.id, art.slug);
    return url ? http_redirect(r, 301, url) : AK_ENOMEM;
}
