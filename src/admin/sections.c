/*
 * sections.c: the admin's management of sections (/admin/sections: add,
 * rename, reorder the navigation) and tags (/admin/tags: rename, merge one
 * into another, delete unused ones), each change audited. A section's slug
 * is its URL and never changes; only its Arabic name does. Sections are not
 * deleted here: articles point at them.
 */
#include <string.h>
#include "admin/admin.h"
#include "store/section.h"
#include "store/store.h"

#define SECTION_SLUG_MAX 64

/* Non-zero when s is a section slug: 1 to SECTION_SLUG_MAX bytes of a-z,
 * 0-9 and '-', starting with a letter or digit. */
static int section_slug_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > SECTION_SLUG_MAX || s[0] == '-')
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static const char err_name[] = "الاسم مطلوب، بلا رموز تحكّم، وأقصاه 100 حرف.";

/* The list of sections, with an error (may be NULL) sent with status. */
static enum ak_err sections_render(struct req *r, const char *error, int status)
{
    struct arena *a = &r->arena;
    struct section_count *ss;
    size_t n;
    enum ak_err rc = store_section_counts(r->store, a, &ss, &n);
    if (rc)
        return rc;
    struct tv *v = admin_page_new(r, "الأقسام", "sections");
    if (!v)
        return AK_ENOMEM;
    tv_str(a, v, "error", error);
    struct tv *list = tv_list(a, v, "sections", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = tv_item(list, i);
        tv_int(a, it, "id", ss[i].section.id);
        tv_str(a, it, "slug", ss[i].section.slug);
        tv_str(a, it, "name", ss[i].section.name);
        tv_int(a, it, "articles", ss[i].articles);
        tv_bool(a, it, "first", i == 0);
        tv_bool(a, it, "last", i + 1 == n);
    }
    return page_render(r, status, "admin_sections", v, HTTP_NO_STORE);
}

enum ak_err admin_sections(struct req *r)
{
    return sections_render(r, NULL, 200);
}

enum ak_err admin_sections_add(struct req *r)
{
    const char *slug = http_form(r, "slug");
    const char *name = admin_form_name(r, "name", ADMIN_NAME_MAX);
    if (!section_slug_valid(slug))
        return sections_render(r, "المعرّف مطلوب: حروف لاتينية صغيرة وأرقام وشرطات، "
                                  "وأقصاه 64 حرفًا.", 400);
    if (!name)
        return sections_render(r, err_name, 400);
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    rc = store_section_add(r->store, slug, name, NULL);
    if (rc == AK_EEXIST) {
        store_rollback(r->store);
        return sections_render(r, "يوجد قسم بهذا المعرّف.", 400);
    }
    return admin_commit_redirect(r, rc, AUDIT_SECTION_ADD, slug, name, "/admin/sections");
}

enum ak_err admin_sections_rename(struct req *r)
{
    int64_t id = http_form_int(r, "id");
    const char *name = admin_form_name(r, "name", ADMIN_NAME_MAX);
    if (!id)
        return http_send_error(r, 400);
    if (!name)
        return sections_render(r, err_name, 400);
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    rc = store_section_rename(r->store, id, name);
    const char *target = arena_printf(&r->arena, "%lld", (long long)id);
    return admin_commit_redirect(r, rc == AK_OK && !target ? AK_ENOMEM : rc, AUDIT_SECTION_RENAME, target,
                      name, "/admin/sections");
}

enum ak_err admin_sections_move(struct req *r)
{
    int64_t id = http_form_int(r, "id");
    int down = http_form_enum(r, "dir");    /* "up" or "down" (src/routes.c) */
    const char *dir = down ? "down" : "up";
    if (!id || down < 0)
        return http_send_error(r, 400);
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    rc = store_section_move(r->store, id, !down);
    const char *target = arena_printf(&r->arena, "%lld", (long long)id);
    return admin_commit_redirect(r, rc == AK_OK && !target ? AK_ENOMEM : rc, AUDIT_SECTION_MOVE, target, dir,
                      "/admin/sections");
}

/* ---- tags ---- */

static enum ak_err tags_render(struct req *r, const char *error, int status)
{
    struct arena *a = &r->arena;
    struct tag_count *ts;
    size_t n;
    enum ak_err rc = store_tag_counts(r->store, a, &ts, &n);
    if (rc)
        return rc;
    struct tv *v = admin_page_new(r, "الوسوم", "tags");
    if (!v)
        return AK_ENOMEM;
    tv_str(a, v, "error", error);
    struct tv *list = tv_list(a, v, "tags", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = tv_item(list, i);
        tv_int(a, it, "id", ts[i].tag.id);
        tv_str(a, it, "slug", ts[i].tag.slug);
        tv_str(a, it, "name", ts[i].tag.name);
        tv_int(a, it, "articles", ts[i].articles);
        tv_bool(a, it, "unused", ts[i].articles == 0);
    }
    return page_render(r, status, "admin_tags", v, HTTP_NO_STORE);
}

enum ak_err admin_tags(struct req *r)
{
    return tags_render(r, NULL, 200);
}

enum ak_err admin_tags_rename(struct req *r)
{
    int64_t id = http_form_int(r, "id");
    const char *name = admin_form_name(r, "name", ADMIN_NAME_MAX);
    if (!id)
        return http_send_error(r, 400);
    if (!name)
        return tags_render(r, err_name, 400);
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    rc = store_tag_rename(r->store, id, name);
    if (rc == AK_EEXIST) {
        store_rollback(r->store);
        return tags_render(r, "يوجد وسم بهذا الاسم؛ ادمج الوسمين بدلًا من ذلك.", 400);
    }
    const char *target = arena_printf(&r->arena, "%lld", (long long)id);
    return admin_commit_redirect(r, rc == AK_OK && !target ? AK_ENOMEM : rc, AUDIT_TAG_RENAME, target, name,
                      "/admin/tags");
}

enum ak_err admin_tags_merge(struct req *r)
{
    int64_t from = http_form_int(r, "from"), into = http_form_int(r, "into");
    if (!from || !into)
        return http_send_error(r, 400);
    if (from == into)
        return tags_render(r, "اختر وسمين مختلفين للدمج.", 400);
    struct tag tf, ti;
    enum ak_err rc;
    if ((rc = store_tag_by_id(r->store, &r->arena, from, &tf)) ||
        (rc = store_tag_by_id(r->store, &r->arena, into, &ti)))
        return rc;
    if ((rc = store_begin(r->store)))
        return rc;
    rc = store_tag_merge(r->store, from, into);
    return admin_commit_redirect(r, rc, AUDIT_TAG_MERGE, tf.name, ti.name, "/admin/tags");
}

enum ak_err admin_tags_delete(struct req *r)
{
    int64_t id = http_form_int(r, "id");
    if (!id)
        return http_send_error(r, 400);
    struct tag t;
    enum ak_err rc = store_tag_by_id(r->store, &r->arena, id, &t);
    if (rc)
        return rc;
    if ((rc = store_begin(r->store)))
        return rc;
    rc = store_tag_delete_unused(r->store, id);
    if (rc == AK_EINVAL) {
        store_rollback(r->store);
        return tags_render(r, "لا يُحذف وسم تحمله مقالات؛ ادمجه في وسم آخر.", 400);
    }
    return admin_commit_redirect(r, rc, AUDIT_TAG_DELETE, t.name, "", "/admin/tags");
}
