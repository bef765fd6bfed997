/*
 * pages.c: the site's static pages in the newsroom (/admin/pages, for
 * admins and editors): the list, a new page, editing one (slug, title,
 * Markdown body, published, position) and deleting it, each change
 * audited. The body is rendered to safe HTML with markdown_render when
 * saved, as an article's is (newsroom/article.c).
 */
#include <string.h>
#include "admin/admin.h"
#include "render/markdown.h"
#include "store/pages.h"
#include "store/store.h"
#include "text/slug.h"

enum ak_err admin_pages(struct req *r)
{
    struct arena *a = &r->arena;
    struct static_page *ps;
    size_t n;
    enum ak_err rc = store_page_list(r->store, a, &ps, &n);
    if (rc)
        return rc;
    struct tv *v = admin_page_new(r, "الصفحات الثابتة", "pages");
    if (!v)
        return AK_ENOMEM;
    struct tv *list = tv_list(a, v, "pages", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = tv_item(list, i);
        tv_int(a, it, "id", ps[i].id);
        tv_str(a, it, "slug", ps[i].slug);
        tv_str(a, it, "title", ps[i].title);
        tv_bool(a, it, "published", ps[i].published);
        tv_int(a, it, "position", ps[i].position);
        page_dates(r, it, "updated", ps[i].updated_at,
                   PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN));
    }
    return page_render(r, 200, "admin_pages", v, HTTP_NO_STORE);
}

/* The edit form for p (id 0: a new page) with an error (may be NULL). */
static enum ak_err pages_form(struct req *r, const struct static_page *p, const char *error,
                              int status)
{
    struct arena *a = &r->arena;
    struct tv *v = admin_page_new(r, p->id ? "تحرير صفحة" : "صفحة جديدة", "pages");
    if (!v)
        return AK_ENOMEM;
    tv_str(a, v, "error", error);
    struct tv *o = tv_child(a, v, "page");
    if (p->id)
        tv_int(a, o, "id", p->id);
    tv_str(a, o, "slug", p->slug);
    tv_str(a, o, "title", p->title);
    tv_str(a, o, "body", p->body_md);
    tv_bool(a, o, "published", p->published);
    if (p->position > 0)
        tv_int(a, o, "position", p->position);
    return page_render(r, status, "admin_page_edit", v, HTTP_NO_STORE);
}

enum ak_err admin_pages_new(struct req *r)
{
    struct static_page p = { .slug = "", .title = "", .body_md = "" };
    return pages_form(r, &p, NULL, 200);
}

enum ak_err admin_pages_edit(struct req *r)
{
    struct static_page p;
    enum ak_err rc = store_page_get(r->store, &r->arena, r->ids[0], &p);
    return rc ? rc : pages_form(r, &p, NULL, 200);
}

enum ak_err admin_pages_save(struct req *r)
{
    struct arena *a = &r->arena;
    const char *body = http_form(r, "body"), *slug = http_form(r, "slug");
    struct static_page p = {
        .id = http_form_int(r, "id"), .title = admin_form_name(r, "title", PAGE_TITLE_MAX),
        .body_md = body ? body : "", .published = http_form_checked(r, "published"),
        .position = http_form_int(r, "position"),
    };
    if (p.id < 0 || p.position < 0)
        return http_send_error(r, 400);
    if (!p.title) {
        p.title = http_form(r, "title");
        p.slug = slug;
        return pages_form(r, &p, "العنوان مطلوب، بلا رموز تحكّم، وأقصاه 200 حرف.", 400);
    }
    /* The slug as given (made a slug), else from the title. */
    if (!(p.slug = text_slug(a, slug && *slug ? slug : p.title, PAGE_SLUG_MAX)))
        return AK_ENOMEM;
    enum ak_err rc = markdown_render(a, p.body_md, strlen(p.body_md), &p.body_html);
    if (rc == AK_ETOOBIG)
        return pages_form(r, &p, admin_body_refused(p.body_md), 422);
    if (rc)
        return rc;
    if ((rc = store_begin(r->store)))
        return rc;
    rc = p.id ? store_page_update(r->store, &p) : store_page_add(r->store, &p, &p.id);
    if (rc == AK_EEXIST) {
        store_rollback(r->store);
        return pages_form(r, &p, "توجد صفحة أخرى بهذا المعرّف.", 400);
    }
    const char *target = arena_printf(a, "%lld", (long long)p.id);
    rc = admin_commit_redirect(r, rc == AK_OK && !target ? AK_ENOMEM : rc,
                               http_form_int(r, "id") ? AUDIT_PAGE_EDIT : AUDIT_PAGE_ADD, target,
                               p.slug, "/admin/pages");
    if (rc != AK_EFULL && rc != AK_EIO)
        return rc;
    p.id = http_form_int(r, "id");      /* a new page's id went with the rollback */
    return pages_form(r, &p, admin_save_failed(rc), ADMIN_SAVE_FAILED);
}

enum ak_err admin_pages_delete(struct req *r)
{
    int64_t id = http_form_int(r, "id");
    struct static_page p = { .slug = "" };
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    if ((rc = store_page_get(r->store, &r->arena, id, &p)) == AK_OK)
        rc = store_page_delete(r->store, id);
    const char *target = arena_printf(&r->arena, "%lld", (long long)id);
    return admin_commit_redirect(r, rc == AK_OK && !target ? AK_ENOMEM : rc, AUDIT_PAGE_DELETE,
                                 target, rc == AK_OK ? p.slug : "", "/admin/pages");
}
