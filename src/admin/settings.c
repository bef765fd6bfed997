/*
 * settings.c: the site's settings in the newsroom (/admin/settings, the
 * admin's alone: PERM_SETTINGS): the publication's name, public URL,
 * tagline, description, time zone, logo, language and social profiles, the
 * same keys and checks as `akhbar config` (store/config.h).
 *
 * A POST checks every field first: when one is refused, the form comes back
 * with status 422, what was typed kept and the Arabic reason next to each
 * refused field, and nothing is stored. Otherwise every changed key is
 * stored and audited ("setting.set", the key as target) in one transaction.
 */
#include <string.h>
#include "admin/admin.h"
#include "store/config.h"
#include "store/store.h"

/* The form with values v[] (NULL: the stored ones) and problems why[]
 * (NULL: none), sent with status. */
static enum ak_err settings_render(struct req *r, const char *const *v,
                                   const enum config_problem *why, int status)
{
    struct arena *a = &r->arena;
    const struct config *c = page_config(r);
    if (!c)
        return AK_EIO;
    struct tv *root = admin_page_new(r, "إعدادات الموقع", "settings");
    if (!root)
        return AK_ENOMEM;
    const char *saved = http_query(r, "saved");
    tv_bool(a, root, "saved", status == 200 && saved && strcmp(saved, "1") == 0);
    tv_bool(a, root, "refused", why != NULL);
    struct tv *list = tv_list(a, root, "fields", CONFIG__MAX);
    for (int k = 0; list && k < CONFIG__MAX; k++) {
        const struct config_def *d = &config_defs[k];
        struct tv *it = tv_item(list, (size_t)k);
        tv_str(a, it, "key", d->name);
        tv_str(a, it, "label", d->label);
        tv_str(a, it, "value", v ? v[k] : c->v[k]);
        tv_int(a, it, "max", (int64_t)d->max);
        tv_bool(a, it, "ltr", d->kind != CONFIG_TEXT);
        tv_bool(a, it, "required", d->required);
        if (why && why[k] != CONFIG_OK)
            tv_str(a, it, "error", config_problem_ar[why[k]]);
    }
    return page_render(r, status, "admin_settings", root, HTTP_NO_STORE);
}

enum ak_err admin_settings(struct req *r)
{
    return settings_render(r, NULL, NULL, 200);
}

/* A form value without the spaces around it; NULL when the field is absent
 * (the setting keeps its value). */
static const char *settings_field(struct req *r, const char *name)
{
    const char *s = http_form(r, name);
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return arena_strndup(&r->arena, s, n);
}

enum ak_err admin_settings_save(struct req *r)
{
    const struct config *c = page_config(r);
    if (!c)
        return AK_EIO;
    const char *v[CONFIG__MAX];
    enum config_problem why[CONFIG__MAX];
    int refused = 0;
    for (int k = 0; k < CONFIG__MAX; k++) {
        const char *in = settings_field(r, config_defs[k].name);
        v[k] = in ? in : c->v[k];
        why[k] = in ? config_check(r->store, (enum config_key)k, in) : CONFIG_OK;
        refused |= why[k] != CONFIG_OK;
    }
    if (refused)
        return settings_render(r, v, why, 422);
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    for (int k = 0; rc == AK_OK && k < CONFIG__MAX; k++) {
        if (strcmp(v[k], c->v[k]) == 0)
            continue;                   /* unchanged: neither stored nor audited */
        enum config_problem p;
        rc = config_set(r->store, (enum config_key)k, v[k], &p);
        if (rc == AK_OK)
            rc = admin_audit(r, AUDIT_SETTING_SET, config_defs[k].name, v[k]);
    }
    if (rc == AK_OK)
        rc = store_commit(r->store);
    if (rc) {
        store_rollback(r->store);
        return rc;
    }
    return http_redirect(r, 303, "/admin/settings?saved=1");
}
