/*
 * people.c: the people of the newsroom (/admin/people, admin only) and the
 * audit log (/admin/audit): who works here, in which role, and what they
 * did. People are added, disabled and given passwords with `akhbar user`.
 */
#include "admin/admin.h"

#define AUDIT_PAGE 100

enum ak_err admin_people(struct req *r)
{
    struct arena *a = &r->arena;
    struct user *us;
    size_t n;
    enum ak_err rc = store_user_list(r->store, a, &us, &n);
    if (rc)
        return rc;
    struct tv *v = admin_page_new(r, "الأشخاص", "people");
    if (!v)
        return AK_ENOMEM;
    struct tv *list = tv_list(a, v, "people", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = &list->u.list.items[i];
        tv_str(a, it, "login", us[i].login);
        tv_str(a, it, "name", us[i].name);
        tv_str(a, it, "role", admin_role_labels[us[i].role]);
        tv_bool(a, it, "disabled", us[i].disabled);
        tv_bool(a, it, "me", us[i].id == r->session->user.id);
        site_dates(r, it, "created", us[i].created_at,
                   SITE_DATE(DATE_ISO) | SITE_DATE(DATE_GREGORIAN));
    }
    return site_render(r, 200, "admin_people", v, HTTP_NO_STORE);
}

enum ak_err admin_audit_log(struct req *r)
{
    struct arena *a = &r->arena;
    size_t page = site_page_number(r);
    if (page == 0)
        return http_send_error(r, 400);
    struct audit_entry *es;
    size_t n, total;
    enum ak_err rc = store_audit_list(r->store, a, (page - 1) * AUDIT_PAGE, AUDIT_PAGE, &es, &n,
                                      &total);
    if (rc)
        return rc;
    struct tv *v = admin_page_new(r, "سجل التدقيق", "audit");
    if (!v)
        return AK_ENOMEM;
    struct tv *list = tv_list(a, v, "entries", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = &list->u.list.items[i];
        tv_str(a, it, "login", es[i].login);
        tv_str(a, it, "action", es[i].action);
        tv_str(a, it, "target", es[i].target);
        tv_str(a, it, "detail", es[i].detail);
        tv_str(a, it, "client", es[i].client);
        site_dates(r, it, "at", es[i].at, SITE_DATE(DATE_ISO) | SITE_DATE(DATE_GREGORIAN_TIME));
    }
    size_t pages = (total + AUDIT_PAGE - 1) / AUDIT_PAGE;
    if (pages > 1) {
        struct tv *pg = tv_child(a, v, "pagination");
        tv_int(a, pg, "page", (int64_t)page);
        tv_int(a, pg, "pages", (int64_t)pages);
        if (page > 1)
            tv_int(a, pg, "prev", (int64_t)page - 1);
        if (page < pages)
            tv_int(a, pg, "next", (int64_t)page + 1);
    }
    return site_render(r, 200, "admin_audit", v, HTTP_NO_STORE);
}
