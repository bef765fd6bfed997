/*
 * config.c: the site's settings, checked and stored (see config.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render/date.h"
#include "store/config.h"
#include "store/db.h"
#include "store/media.h"
#include "store/store.h"
#include "text/utf8.h"

#define CONFIG_LINE 200         /* bytes of a one-line text */
#define CONFIG_PARA 1000        /* bytes of the description */
#define CONFIG_URL_MAX 300

const struct config_def config_defs[CONFIG__MAX] = {
    [CONFIG_NAME] = { "name", "اسم الموقع", CONFIG_TEXT, "أخبار", CONFIG_LINE, 1 },
    [CONFIG_URL] = { "url", "عنوان الموقع على الويب", CONFIG_ABSURL, "", CONFIG_URL_MAX, 0 },
    [CONFIG_TAGLINE] = { "tagline", "الشعار النصي", CONFIG_TEXT, "أخبار العالم بالعربية",
                         CONFIG_LINE, 0 },
    [CONFIG_DESCRIPTION] = { "description", "وصف الموقع", CONFIG_TEXT,
                             "أخبار العالم والمنطقة بالعربية: سياسة واقتصاد وعلوم وثقافة "
                             "ورياضة.", CONFIG_PARA, 0 },
    [CONFIG_TIMEZONE] = { "timezone", "المنطقة الزمنية", CONFIG_ZONE, "Asia/Riyadh", 64, 1 },
    [CONFIG_LOGO] = { "logo", "الشعار (رقم صورة مرفوعة)", CONFIG_MEDIA, "", 20, 0 },
    [CONFIG_LANGUAGE] = { "language", "اللغة", CONFIG_LANG, "ar", 3, 1 },
    [CONFIG_SOCIAL_X] = { "social_x", "حساب إكس", CONFIG_PROFILE, "", CONFIG_URL_MAX, 0 },
    [CONFIG_SOCIAL_FACEBOOK] = { "social_facebook", "صفحة فيسبوك", CONFIG_PROFILE, "",
                                 CONFIG_URL_MAX, 0 },
    [CONFIG_SOCIAL_TELEGRAM] = { "social_telegram", "قناة تيليجرام", CONFIG_PROFILE, "",
                                 CONFIG_URL_MAX, 0 },
    [CONFIG_SOCIAL_YOUTUBE] = { "social_youtube", "قناة يوتيوب", CONFIG_PROFILE, "",
                                CONFIG_URL_MAX, 0 },
    [CONFIG_SOCIAL_INSTAGRAM] = { "social_instagram", "حساب إنستغرام", CONFIG_PROFILE, "",
                                  CONFIG_URL_MAX, 0 },
    [CONFIG_TICKER_HOURS] = { "ticker_hours", "مدة بقاء الخبر العاجل في الشريط (بالساعات)",
                              CONFIG_HOURS, "12", 3, 1 },
};

const char *const config_problem_en[CONFIG_PROBLEM__MAX] = {
    [CONFIG_OK] = "ok",
    [CONFIG_EMPTY] = "must not be empty",
    [CONFIG_TOO_LONG] = "is too long",
    [CONFIG_CONTROL] = "must be one line of UTF-8 text",
    [CONFIG_BAD_URL] = ("must be an absolute http or https URL with a host and no path, "
                        "query or fragment"),
    [CONFIG_BAD_ZONE] = "is not a time zone (an IANA name such as Asia/Riyadh)",
    [CONFIG_BAD_MEDIA] = "must be the number of an uploaded image",
    [CONFIG_BAD_LANG] = "must be a language code of two or three lower-case letters",
    [CONFIG_BAD_HOURS] = "must be a whole number of hours from 0 to 168",
};

const char *const config_problem_ar[CONFIG_PROBLEM__MAX] = {
    [CONFIG_OK] = "",
    [CONFIG_EMPTY] = "هذا الحقل مطلوب.",
    [CONFIG_TOO_LONG] = "القيمة أطول من المسموح.",
    [CONFIG_CONTROL] = "يجب أن تكون القيمة سطرًا واحدًا من النص.",
    [CONFIG_BAD_URL] = ("يجب أن يكون العنوان مطلقًا يبدأ بـ http:// أو https:// "
                        "دون مسار أو استعلام."),
    [CONFIG_BAD_ZONE] = "هذه ليست منطقة زمنية معروفة (مثل Asia/Riyadh).",
    [CONFIG_BAD_MEDIA] = "يجب أن يكون رقم صورة مرفوعة في مكتبة الوسائط.",
    [CONFIG_BAD_LANG] = "يجب أن يكون رمز لغة من حرفين أو ثلاثة أحرف لاتينية صغيرة.",
    [CONFIG_BAD_HOURS] = "يجب أن تكون عدد ساعات صحيحًا من 0 إلى 168.",
};

enum config_key config_key_by_name(const char *name)
{
    for (int k = 0; k < CONFIG__MAX; k++)
        if (name && strcmp(config_defs[k].name, name) == 0)
            return (enum config_key)k;
    return CONFIG__MAX;
}

/* Host characters: letters, digits, '-', '.' (an IDN in its ASCII form), or
 * an IPv6 literal in brackets. */
static int config_host_ok(const char *h, size_t n)
{
    if (n == 0)
        return 0;
    if (h[0] == '[')
        return n > 2 && h[n - 1] == ']' && strspn(h + 1, "0123456789abcdefABCDEF:.") == n - 2;
    if (h[0] == '.' || h[0] == '-' || h[n - 1] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

/* scheme://host[:port][/]: with https only when https_only; a path other than
 * "/" only when paths. */
static int config_url_ok(const char *v, int https_only, int paths)
{
    const char *rest;
    if (strncmp(v, "https://", 8) == 0)
        rest = v + 8;
    else if (!https_only && strncmp(v, "http://", 7) == 0)
        rest = v + 7;
    else
        return 0;
    size_t auth = strcspn(rest, "/?#");
    const char *after = rest + auth;
    if (memchr(rest, '@', auth))
        return 0;                       /* no user information */
    size_t host = auth;
    const char *colon = NULL;
    for (size_t i = auth; i > 0; i--) {
        if (rest[i - 1] == ']')
            break;
        if (rest[i - 1] == ':') {
            colon = rest + i - 1;
            break;
        }
    }
    if (colon) {
        host = (size_t)(colon - rest);
        size_t digits = auth - host - 1;
        if (digits == 0 || digits > 5 || strspn(colon + 1, "0123456789") != digits ||
            atoi(colon + 1) < 1 || atoi(colon + 1) > 65535)
            return 0;
    }
    if (!config_host_ok(rest, host))
        return 0;
    if (strpbrk(after, "?#"))
        return 0;
    if (!paths && *after && strcmp(after, "/") != 0)
        return 0;
    for (const char *p = after; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
            return 0;
    return 1;
}


enum config_problem config_check(struct store *st, enum config_key k, const char *value)
{
    const struct config_def *d = &config_defs[k];
    size_t n = value ? strlen(value) : 0;
    if (n == 0)
        return d->required ? CONFIG_EMPTY : CONFIG_OK;
    if (n > d->max)
        return CONFIG_TOO_LONG;
    if (!utf8_valid(value, n))
        return CONFIG_CONTROL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f)
            return CONFIG_CONTROL;
    switch (d->kind) {
    case CONFIG_ABSURL:
        return config_url_ok(value, 0, 0) ? CONFIG_OK : CONFIG_BAD_URL;
    case CONFIG_PROFILE:
        return config_url_ok(value, 1, 1) ? CONFIG_OK : CONFIG_BAD_URL;
    case CONFIG_ZONE:
        return date_zone_valid(value, 1) ? CONFIG_OK : CONFIG_BAD_ZONE;
    case CONFIG_LANG:
        return (n == 2 || n == 3) && strspn(value, "abcdefghijklmnopqrstuvwxyz") == n
            ? CONFIG_OK : CONFIG_BAD_LANG;
    case CONFIG_HOURS:
        return strspn(value, "0123456789") == n && atoi(value) <= 168 ? CONFIG_OK
                                                                       : CONFIG_BAD_HOURS;
    case CONFIG_MEDIA: {
        if (strspn(value, "0123456789") != n || n > 18)
            return CONFIG_BAD_MEDIA;
        if (!st)
            return CONFIG_OK;
        struct arena a;
        arena_init(&a, 64 << 10);
        struct media m;
        enum ak_err rc = store_media_get(st, &a, strtoll(value, NULL, 10), &m);
        arena_reset(&a);
        return rc == AK_OK ? CONFIG_OK : CONFIG_BAD_MEDIA;
    }
    default:
        return CONFIG_OK;
    }
}

int64_t config_ticker_seconds(const struct config *c)
{
    const char *v = c->v[CONFIG_TICKER_HOURS];
    int h = v ? atoi(v) : 0;
    return h > 0 && h <= 168 ? (int64_t)h * 3600 : 0;
}

const char *config_zone(const struct config *c)
{
    return c->set[CONFIG_TIMEZONE] ? c->v[CONFIG_TIMEZONE] : NULL;
}

/* The setting table's key for k: "site.NAME". */
static void config_setting_key(enum config_key k, char *out, size_t cap)
{
    snprintf(out, cap, "site.%s", config_defs[k].name);
}

enum ak_err config_set(struct store *st, enum config_key k, const char *value,
                       enum config_problem *why)
{
    *why = config_check(st, k, value);
    if (*why != CONFIG_OK)
        return AK_EINVAL;
    size_t n = value ? strlen(value) : 0;
    if (config_defs[k].kind == CONFIG_ABSURL && n && value[n - 1] == '/')
        n--;                            /* "https://example.com/" is stored bare */
    char key[64];
    config_setting_key(k, key, sizeof key);
    return store_setting_set(st, key, value ? value : "", n);
}

/* Every stored setting of the site, one statement: "site." .. "site/" is
 * the range of keys that start with "site.". */
DB_SQL(CONFIG_ALL) = "SELECT key, value FROM setting WHERE key>='site.' AND key<'site/'";
DB_SQL_CHECK(CONFIG);

enum ak_err config_load(struct store *st, struct arena *a, struct config *out)
{
    for (int k = 0; k < CONFIG__MAX; k++) {
        out->v[k] = config_defs[k].def;
        out->set[k] = 0;
    }
    struct db_q *s = db_stmt(st, STMT_CONFIG_ALL);
    if (!s)
        return AK_EIO;
    enum ak_err rc = AK_OK;
    int step;
    while (rc == AK_OK && (step = db_step(s)) == DB_ROW) {
        const char *key = (const char *)db_col_str(s, 0);
        enum config_key k = config_key_by_name(key ? key + 5 : NULL);
        if (k == CONFIG__MAX)
            continue;                   /* a key this binary does not know */
        char *v = db_col_text(s, 1, a);
        if (!v)
            rc = AK_ENOMEM;
        out->v[k] = v;
        out->set[k] = 1;
    }
    if (rc == AK_OK && step != DB_DONE)
        rc = db_fail(st, "settings");
    db_done(s);
    return rc;
}
