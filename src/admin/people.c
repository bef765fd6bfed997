/*
 * people.c: the people of the newsroom (/admin/people, admin only) and the
 * audit log (/admin/audit): who works here, in which role, and what they
 * did. The admin adds people, changes their roles, disables and enables
 * them and sets new passwords here (or with `akhbar user`); each change is
 * audited, and disabling or a new password ends the person's sessions.
 *
 * The last active admin can be neither disabled nor given another role:
 * the newsroom would have no one left to manage it. The check and the
 * change run in one write transaction, so two admins demoting each other at
 * once cannot both succeed.
 */
#include <stdio.h>
#include <string.h>
#include "admin/admin.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/user.h"

#define AUDIT_PAGE 100

static const char err_last_admin[] =
    "لا يمكن تعطيل آخر مدير نشط أو تغيير دوره: أضف مديرًا آخر أولًا.";
static const char err_password[] =
    "كلمة المرور قصيرة: 10 أحرف على الأقل، بلا رموز تحكّم.";

/* The people page with an error (may be NULL) sent with status. */
static enum ak_err people_render(struct req *r, const char *error, int status)
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
    tv_str(a, v, "error", error);
    struct tv *roles = tv_list(a, v, "roles", USER_ROLE__MAX);
    for (int k = 0; roles && k < USER_ROLE__MAX; k++) {
        tv_str(a, tv_item(roles, k), "slug", user_role_names[k]);
        tv_str(a, tv_item(roles, k), "label", admin_role_labels[k]);
    }
    struct tv *list = tv_list(a, v, "people", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = tv_item(list, i);
        tv_str(a, it, "login", us[i].login);
        tv_str(a, it, "name", us[i].name);
        tv_str(a, it, "role", admin_role_labels[us[i].role]);
        struct tv *rs = tv_list(a, it, "roles", USER_ROLE__MAX);
        for (int k = 0; rs && k < USER_ROLE__MAX; k++) {
            tv_str(a, tv_item(rs, k), "slug", user_role_names[k]);
            tv_str(a, tv_item(rs, k), "label", admin_role_labels[k]);
            tv_bool(a, tv_item(rs, k), "selected", (int)us[i].role == k);
        }
        tv_bool(a, it, "disabled", us[i].disabled);
        tv_bool(a, it, "me", us[i].id == r->session->user.id);
        page_dates(r, it, "created", us[i].created_at,
                   PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN));
    }
    return page_render(r, status, "admin_people", v, HTTP_NO_STORE);
}

enum ak_err admin_people(struct req *r)
{
    return people_render(r, NULL, 200);
}

enum ak_err admin_people_add(struct req *r)
{
    const char *login = http_form(r, "login"), *pw = http_form(r, "password");
    const char *name = http_form(r, "name");
    int role = http_form_enum(r, "role");
    if (!store_user_login_valid(login))
        return people_render(r, "اسم المستخدم مطلوب: حروف لاتينية صغيرة وأرقام و. _ -، "
                                "وأقصاه 64 حرفًا.", 400);
    if (name && *name && !(name = admin_form_name(r, "name", USER_NAME_MAX)))
        return people_render(r, "الاسم بلا رموز تحكّم، وأقصاه 100 حرف.", 400);
    if (role < 0)
        return http_send_error(r, 400);
    if (!pw || store_user_password_problem(pw, strlen(pw)))
        return people_render(r, err_password, 400);
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    rc = store_user_add(r->store, login, name ? name : "", role, pw, strlen(pw), NULL);
    if (rc == AK_EEXIST) {
        store_rollback(r->store);
        return people_render(r, "اسم المستخدم هذا مستعمل.", 400);
    }
    const char *detail = arena_printf(&r->arena, "role %s", user_role_names[role]);
    return admin_commit_redirect(r, rc == AK_OK && !detail ? AK_ENOMEM : rc, AUDIT_USER_ADD, login,
                                 detail, "/admin/people");
}

/* The person named by the form's "login" into *u, in a write transaction
 * that the caller ends; AK_ENOTFOUND when there is none. */
static enum ak_err people_target(struct req *r, struct user *u)
{
    const char *login = http_form(r, "login");
    if (!login || !*login)
        return AK_ENOTFOUND;
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    if ((rc = store_user_by_login(r->store, &r->arena, login, u)))
        store_rollback(r->store);
    return rc;
}

/* Would taking u out of the active admins leave none? When it would, rolls
 * back and answers with the error page (*answered set); on an error, rolls
 * back and returns it. */
static enum ak_err people_last_admin(struct req *r, const struct user *u, int *answered)
{
    *answered = 0;
    if (u->role != USER_ADMIN || u->disabled)
        return AK_OK;
    int64_t admins;
    enum ak_err rc = store_user_count_admins(r->store, &admins);
    if (rc)
        store_rollback(r->store);
    if (rc || admins > 1)
        return rc;
    store_rollback(r->store);
    *answered = 1;
    return people_render(r, err_last_admin, 409);
}

enum ak_err admin_people_role(struct req *r)
{
    int role = http_form_enum(r, "role");
    if (role < 0)
        return http_send_error(r, 400);
    struct user u;
    int answered;
    enum ak_err rc = people_target(r, &u);
    if (rc)
        return rc;
    if (role != USER_ADMIN) {
        rc = people_last_admin(r, &u, &answered);
        if (rc || answered)
            return rc;
    }
    rc = store_user_set_role(r->store, u.id, role);
    const char *detail = arena_printf(&r->arena, "role %s", user_role_names[role]);
    return admin_commit_redirect(r, rc == AK_OK && !detail ? AK_ENOMEM : rc, AUDIT_USER_ROLE,
                                 u.login, detail, "/admin/people");
}

/* Disable (disabled != 0) or enable the form's person. */
static enum ak_err people_set_disabled(struct req *r, int disabled)
{
    struct user u;
    int answered;
    enum ak_err rc = people_target(r, &u);
    if (rc)
        return rc;
    if (disabled) {
        rc = people_last_admin(r, &u, &answered);
        if (rc || answered)
            return rc;
    }
    rc = store_user_set_disabled(r->store, u.id, disabled);
    return admin_commit_redirect(r, rc, disabled ? AUDIT_USER_DISABLE : AUDIT_USER_ENABLE, u.login, "",
                                 "/admin/people");
}

enum ak_err admin_people_disable(struct req *r)
{
    return people_set_disabled(r, 1);
}

enum ak_err admin_people_enable(struct req *r)
{
    return people_set_disabled(r, 0);
}

enum ak_err admin_people_password(struct req *r)
{
    const char *pw = http_form(r, "password");
    if (!pw || store_user_password_problem(pw, strlen(pw)))
        return people_render(r, err_password, 400);
    struct user u;
    enum ak_err rc = people_target(r, &u);
    if (rc)
        return rc;
    rc = store_user_set_password(r->store, u.id, pw, strlen(pw));
    return admin_commit_redirect(r, rc, AUDIT_USER_PASSWD, u.login, "", "/admin/people");
}

/* What an entry was done to, for people: a setting by its Arabic name,
 * the scheduler by name; else as stored (a login, an id, a slug). */
static const char *audit_target(const struct audit_entry *e)
{
    if (e->action == AUDIT_SETTING_SET)
        for (int k = 0; k < CONFIG__MAX; k++)
            if (strcmp(e->target, config_defs[k].name) == 0)
                return config_defs[k].label;
    return e->target;
}

/* The details the server writes in English words, said in Arabic for the
 * log's page (the stored text stays as it is): why a login failed, a role
 * ("role editor"), sessions ended ("3 sessions"), a feed's settings
 * ("section world, review, every 600 s"), who ran the command ("..., by
 * USER"). Anything else (a title, a slug) as stored. In r's arena. */
static const char *audit_detail(struct req *r, const struct audit_entry *e)
{
    static const char *const why_ar[USER_AUTH__MAX] = {
        [USER_AUTH_OK] = "", [USER_AUTH_UNKNOWN] = "اسم مستخدم غير معروف",
        [USER_AUTH_PASSWORD] = "كلمة مرور خاطئة", [USER_AUTH_DISABLED] = "الحساب معطّل",
    };
    struct arena *a = &r->arena;
    const char *d = e->detail, *by = strstr(d, "by ");
    if (by && e->client && strcmp(e->client, "cli") == 0 && (by == d || by[-1] == ' ')) {
        const char *rest = arena_strndup(a, d, by > d + 2 ? (size_t)(by - d - 2) : 0);
        const char *who = by + 3;
        struct audit_entry re = *e;
        re.detail = rest ? rest : "";
        re.client = "";
        const char *said = audit_detail(r, &re);
        return *said ? arena_printf(a, "%s، بواسطة %s", said, who)
                     : arena_printf(a, "بواسطة %s", who);
    }
    if (e->action == AUDIT_LOGIN_FAIL)
        for (int i = 0; i < USER_AUTH__MAX; i++)
            if (strcmp(d, user_auth_names[i]) == 0)
                return why_ar[i];
    if ((e->action == AUDIT_USER_ADD || e->action == AUDIT_USER_ROLE) &&
        strncmp(d, "role ", 5) == 0)
        for (int i = 0; i < USER_ROLE__MAX; i++)
            if (strcmp(d + 5, user_role_names[i]) == 0)
                return arena_printf(a, "الدور: %s", admin_role_labels[i]);
    long long n;
    char tail[16];
    if (e->action == AUDIT_LOGOUT_ALL && sscanf(d, "%lld %15s", &n, tail) == 2 &&
        strcmp(tail, "sessions") == 0)
        return arena_printf(a, "الجلسات المنتهية: %lld", n);
    char sec[128], st[32];
    if (e->action == AUDIT_FEED_ADD &&
        sscanf(d, "section %127[^,], %31[^,], every %lld s", sec, st, &n) == 3)
        for (int i = 0; i < ARTICLE_STATUS__MAX; i++)
            if (strcmp(st, article_status_names[i]) == 0)
                return arena_printf(a, "القسم: %s، حالة المقالات: %s، الفاصل بالدقائق: %lld",
                                    sec, admin_status_labels[i], n / 60);
    return d;
}

enum ak_err admin_audit_log(struct req *r)
{
    struct arena *a = &r->arena;
    size_t page = page_number(r);
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
        struct tv *it = tv_item(list, i);
        const struct audit_entry *e = &es[i];
        tv_str(a, it, "login", e->login);
        tv_str(a, it, "action", e->action < AUDIT_ACTION__MAX ? admin_audit_labels[e->action]
                                                              : "إجراء غير معروف");
        tv_bool(a, it, "failed", e->action == AUDIT_LOGIN_FAIL || e->action == AUDIT_MEDIA_REFUSE);
        tv_str(a, it, "target", audit_target(e));
        tv_str(a, it, "detail", audit_detail(r, e));
        tv_str(a, it, "client", strcmp(e->client, "cli") == 0 ? "سطر الأوامر"
                                : strcmp(e->client, "scheduler") == 0 ? "المجدول" : e->client);
        tv_bool(a, it, "client_ltr", strcmp(e->client, "cli") && strcmp(e->client, "scheduler"));
        page_dates(r, it, "at", es[i].at, PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME));
    }
    size_t pages = (total + AUDIT_PAGE - 1) / AUDIT_PAGE;
    page_pagination(r, v, page, pages);
    return page_render(r, 200, "admin_audit", v, HTTP_NO_STORE);
}
