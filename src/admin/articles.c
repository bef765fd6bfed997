/*
 * articles.c: the newsroom's list of articles in every state
 * (/admin/articles?status=STATE&page=N), most recently changed first; what
 * the dashboard's counts link to. An author sees only their own articles;
 * editors and the admin see everyone's.
 */
#include <string.h>
#include "admin/admin.h"

#define ARTICLES_PAGE 50

enum ak_err admin_articles(struct req *r)
{
    struct arena *a = &r->arena;
    const struct user *u = &r->session->user;
    const char *st = http_query(r, "status");
    struct article_filter f = { .status = -1, .limit = ARTICLES_PAGE };
    if (st && *st) {
        for (int i = 0; i < ARTICLE_STATUS__MAX; i++)
            if (strcmp(st, article_status_names[i]) == 0)
                f.status = i;
        if (f.status < 0)
            return http_send_error(r, 400);
    }
    size_t page = site_page_number(r);
    if (page == 0)
        return http_send_error(r, 400);
    f.offset = (page - 1) * ARTICLES_PAGE;
    if (!perm_allows(u->role, PERM_ARTICLES_ALL))
        f.author_id = u->id;
    struct article_row *rows;
    size_t n, total;
    enum ak_err rc = store_article_rows(r->store, a, &f, &rows, &n, &total);
    if (rc)
        return rc;
    struct tv *v = admin_page_new(r, "المقالات", "articles");
    if (!v)
        return AK_ENOMEM;
    tv_int(a, v, "total", (int64_t)total);
    tv_bool(a, v, "mine", f.author_id != 0);
    struct tv *filters = tv_list(a, v, "filters", ARTICLE_STATUS__MAX + 1);
    for (int i = -1; filters && i < ARTICLE_STATUS__MAX; i++) {
        struct tv *it = &filters->u.list.items[i + 1];
        tv_str(a, it, "slug", i < 0 ? "" : article_status_names[i]);
        tv_str(a, it, "label", i < 0 ? "الكل" : admin_status_labels[i]);
        tv_bool(a, it, "current", i == f.status);
    }
    struct tv *list = tv_list(a, v, "items", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = &list->u.list.items[i];
        tv_int(a, it, "id", rows[i].id);
        tv_str(a, it, "title", rows[i].title);
        tv_str(a, it, "status", admin_status_labels[rows[i].status]);
        tv_str(a, it, "status_slug", article_status_names[rows[i].status]);
        tv_str(a, it, "section", rows[i].section_name);
        tv_str(a, it, "author", rows[i].author);
        tv_bool(a, it, "edit", perm_may_edit(u, rows[i].author_id));
        if (rows[i].status == ARTICLE_PUBLISHED)
            tv_str(a, it, "url", site_article_url(r, rows[i].id, rows[i].slug, ""));
        site_dates(r, it, "updated", rows[i].updated_at,
                   SITE_DATE(DATE_ISO) | SITE_DATE(DATE_GREGORIAN_TIME));
    }
    size_t pages = (total + ARTICLES_PAGE - 1) / ARTICLES_PAGE;
    if (pages > 1) {
        struct tv *pg = tv_child(a, v, "pagination");
        tv_int(a, pg, "page", (int64_t)page);
        tv_int(a, pg, "pages", (int64_t)pages);
        tv_str(a, pg, "status", f.status >= 0 ? article_status_names[f.status] : "");
        if (page > 1)
            tv_int(a, pg, "prev", (int64_t)page - 1);
        if (page < pages)
            tv_int(a, pg, "next", (int64_t)page + 1);
    }
    return site_render(r, 200, "admin_articles", v, HTTP_NO_STORE);
}
