/*
 * articles.c: the newsroom's list of articles in every state
 * (/admin/articles?status=STATE&section=SLUG&author=LOGIN&q=QUERY&page=N),
 * most recently changed first, or best match first when searching with the
 * public search's analyzer and query syntax (store_article_rows); what the
 * dashboard's counts link to. An author sees only their own articles (and
 * gets no author filter); editors and the admin see everyone's.
 */
#include <string.h>
#include "admin/admin.h"
#include "store/article.h"
#include "store/article_desk.h"
#include "store/search.h"
#include "store/section.h"
#include "store/user.h"
#include "text/query.h"
#include "text/utf8.h"

#define ARTICLES_PAGE 50

/* A query argument, NULL when missing or empty. */
static const char *articles_arg(struct req *r, const char *name)
{
    const char *s = http_query(r, name);
    return s && *s ? s : NULL;
}

/* The search box: NULL when missing or only white space, else clipped to
 * TEXT_QUERY_MAX bytes (what the public search does). *rc gets AK_ENOMEM. */
static const char *articles_query(struct req *r, enum ak_err *rc)
{
    const char *q = articles_arg(r, "q");
    if (!q)
        return NULL;
    const char *p = q;
    while (*p && strchr(" \t\r\n\f\v", *p))
        p++;
    if (!*p)
        return NULL;
    size_t n = strlen(q);
    if (n > TEXT_QUERY_MAX && !(q = arena_strndup(&r->arena, q, utf8_clip(q, n, TEXT_QUERY_MAX))))
        *rc = AK_ENOMEM;
    return q;
}

enum ak_err admin_articles(struct req *r)
{
    struct arena *a = &r->arena;
    const struct user *u = &r->session->user;
    const char *st = articles_arg(r, "status");
    const char *sec = articles_arg(r, "section");
    const char *who = articles_arg(r, "author");
    enum ak_err rc = AK_OK;
    struct article_filter f = { .status = -1, .limit = ARTICLES_PAGE };
    if (!(f.query = articles_query(r, &rc)) && rc)
        return rc;
    if (st) {
        for (int i = 0; i < ARTICLE_STATUS__MAX; i++)
            if (strcmp(st, article_status_names[i]) == 0)
                f.status = i;
        if (f.status < 0)
            return http_send_error(r, 400);
    }
    size_t page = page_number(r);
    if (page == 0)
        return http_send_error(r, 400);
    f.offset = (page - 1) * ARTICLES_PAGE;
    int all = perm_allows(u->role, PERM_ARTICLES_ALL);

    struct section *secs;
    size_t nsecs;
    if ((rc = store_section_list(r->store, a, &secs, &nsecs)))
        return rc;
    for (size_t i = 0; sec && i < nsecs; i++)
        if (strcmp(sec, secs[i].slug) == 0)
            f.section_id = secs[i].id;
    if (sec && !f.section_id)
        return http_send_error(r, 400);
    struct user *users = NULL;
    size_t nusers = 0;
    if (all) {
        if ((rc = store_user_list(r->store, a, &users, &nusers)))
            return rc;
        for (size_t i = 0; who && i < nusers; i++)
            if (strcmp(who, users[i].login) == 0)
                f.author_id = users[i].id;
        if (who && !f.author_id)
            return http_send_error(r, 400);
    } else {
        f.author_id = u->id;            /* whatever ?author= says */
        who = NULL;
    }

    struct article_row *rows;
    size_t n, total;
    rc = store_article_rows(r->store, a, &f, &rows, &n, &total);
    if (rc == AK_EINVAL)
        return http_send_error(r, 400);     /* NEVER: http_query checked the UTF-8 */
    if (rc)
        return rc;
    struct tv *v = admin_page_new(r, "المقالات", "articles");
    if (!v)
        return AK_ENOMEM;
    if (total > STORE_SEARCH_MAX)       /* a search counts no further */
        tv_str(a, v, "total", arena_printf(a, "أكثر من %d", STORE_SEARCH_MAX));
    else
        tv_int(a, v, "total", (int64_t)total);
    tv_bool(a, v, "mine", !all);
    tv_bool(a, v, "filtered", f.status >= 0 || sec || who || f.query);
    /* The current filters, kept by every link and the form. */
    struct tv *cur = tv_child(a, v, "cur");
    tv_str(a, cur, "status", f.status >= 0 ? article_status_names[f.status] : "");
    tv_str(a, cur, "section", sec ? sec : "");
    tv_str(a, cur, "author", who ? who : "");
    tv_str(a, cur, "q", f.query ? f.query : "");
    struct tv *filters = tv_list(a, v, "filters", ARTICLE_STATUS__MAX + 1);
    for (int i = -1; filters && i < ARTICLE_STATUS__MAX; i++) {
        struct tv *it = tv_item(filters, i + 1);
        tv_str(a, it, "slug", i < 0 ? "" : article_status_names[i]);
        tv_str(a, it, "label", i < 0 ? "الكل" : admin_status_labels[i]);
        tv_bool(a, it, "current", i == f.status);
    }
    struct tv *sl = tv_list(a, v, "sections", nsecs);
    for (size_t i = 0; sl && i < nsecs; i++) {
        struct tv *it = tv_item(sl, i);
        tv_str(a, it, "slug", secs[i].slug);
        tv_str(a, it, "name", secs[i].name);
        tv_bool(a, it, "current", secs[i].id == f.section_id);
    }
    if (all) {
        struct tv *al = tv_list(a, v, "authors", nusers);
        for (size_t i = 0; al && i < nusers; i++) {
            struct tv *it = tv_item(al, i);
            tv_str(a, it, "login", users[i].login);
            tv_str(a, it, "name", *users[i].name ? users[i].name : users[i].login);
            tv_bool(a, it, "current", users[i].id == f.author_id);
        }
    }
    struct tv *list = tv_list(a, v, "items", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = tv_item(list, i);
        tv_int(a, it, "id", rows[i].id);
        tv_str(a, it, "title", rows[i].title);
        tv_str(a, it, "status", admin_status_labels[rows[i].status]);
        tv_str(a, it, "status_slug", article_status_names[rows[i].status]);
        tv_str(a, it, "section", rows[i].section_name);
        tv_str(a, it, "author", rows[i].author);
        tv_bool(a, it, "edit", perm_may_edit(u, rows[i].author_id));
        if (rows[i].status == ARTICLE_PUBLISHED)
            tv_str(a, it, "url", page_article_url(r, rows[i].id, rows[i].slug));
        page_dates(r, it, "updated", rows[i].updated_at,
                   PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME));
    }
    size_t pages = (total + ARTICLES_PAGE - 1) / ARTICLES_PAGE;
    page_pagination(r, v, page, pages);
    return page_render(r, 200, "admin_articles", v, HTTP_NO_STORE);
}
