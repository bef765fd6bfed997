/*
 * admin.c: what every newsroom page shares: the Arabic names of roles and
 * states, the page frame (user, navigation, CSRF token) and the audit helper.
 */
#include <string.h>
#include "admin/admin.h"
#include "http/csrf.h"

const char *const admin_role_labels[USER_ROLE__MAX] = {
    [USER_ADMIN] = "مدير", [USER_EDITOR] = "محرر", [USER_AUTHOR] = "كاتب",
    [USER_MODERATOR] = "مشرف",
};

const char *const admin_status_labels[ARTICLE_STATUS__MAX] = {
    [ARTICLE_DRAFT] = "مسودة", [ARTICLE_REVIEW] = "قيد المراجعة",
    [ARTICLE_SCHEDULED] = "مجدول", [ARTICLE_PUBLISHED] = "منشور",
    [ARTICLE_UNPUBLISHED] = "غير منشور",
};

struct tv *admin_page_new(struct req *r, const char *title, const char *current)
{
    struct arena *a = &r->arena;
    const struct session *s = r->session;
    struct tv *v = tv_obj(a);
    tv_str(a, tv_child(a, v, "site"), "name", r->site->name);
    tv_str(a, v, "title", title);
    if (!ALWAYS(s != NULL))
        return a->failed ? NULL : v;
    const struct user *u = &s->user;
    struct tv *me = tv_child(a, v, "me");
    tv_str(a, me, "name", *u->name ? u->name : u->login);
    tv_str(a, me, "login", u->login);
    tv_str(a, me, "role", admin_role_labels[u->role]);
    char csrf[CSRF_SESSION_HEX];
    csrf_session_hex(s, csrf);
    tv_str(a, v, "csrf", arena_strdup(a, csrf));
    struct tv *can = tv_child(a, v, "can");
    tv_bool(a, can, "articles", perm_allows(u->role, PERM_ARTICLES_OWN));
    tv_bool(a, can, "articles_all", perm_allows(u->role, PERM_ARTICLES_ALL));
    tv_bool(a, can, "comments", perm_allows(u->role, PERM_COMMENTS));
    tv_bool(a, can, "people", perm_allows(u->role, PERM_PEOPLE));
    tv_bool(a, can, "audit", perm_allows(u->role, PERM_AUDIT));
    if (current)
        tv_bool(a, v, arena_printf(a, "nav_%s", current), 1);
    return a->failed ? NULL : v;
}

enum ak_err admin_audit(struct req *r, const char *action, const char *target,
                        const char *detail)
{
    struct audit_entry e = {
        .user_id = r->session ? r->session->user.id : 0,
        .login = r->session ? r->session->user.login : "",
        .action = action, .target = target, .detail = detail, .client = r->client,
    };
    return store_audit_add(r->store, &e);
}

enum ak_err admin_root_redirect(struct req *r)
{
    return http_redirect(r, 301, "/admin/");
}
