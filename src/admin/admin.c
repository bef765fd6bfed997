/*
 * admin.c: what every newsroom page shares: the Arabic names of roles,
 * states and audited actions, the page frame (the site's name, tagline and
 * logo from the settings, the user, navigation, CSRF token) and the audit
 * helper.
 */
#include <stdlib.h>
#include <string.h>
#include "admin/admin.h"
#include "render/markdown.h"
#include "http/csrf.h"
#include "media/image.h"
#include "store/media.h"
#include "store/article.h"
#include "store/audit.h"
#include "store/session.h"
#include "store/store.h"
#include "store/user.h"

const char *const admin_role_labels[USER_ROLE__MAX] = {
    [USER_ADMIN] = "مدير", [USER_EDITOR] = "محرر", [USER_AUTHOR] = "كاتب",
    [USER_MODERATOR] = "مشرف",
};

const char *const admin_status_labels[ARTICLE_STATUS__MAX] = {
    [ARTICLE_DRAFT] = "مسودة", [ARTICLE_REVIEW] = "قيد المراجعة",
    [ARTICLE_SCHEDULED] = "مجدول", [ARTICLE_PUBLISHED] = "منشور",
    [ARTICLE_UNPUBLISHED] = "غير منشور",
};

const char *const admin_audit_labels[AUDIT_ACTION__MAX] = {
    [AUDIT_LOGIN] = "تسجيل الدخول", [AUDIT_LOGIN_FAIL] = "محاولة دخول فاشلة",
    [AUDIT_LOGOUT] = "تسجيل الخروج", [AUDIT_LOGOUT_ALL] = "تسجيل الخروج من كل الأجهزة",
    [AUDIT_USER_ADD] = "إضافة شخص", [AUDIT_USER_ROLE] = "تغيير الدور",
    [AUDIT_USER_DISABLE] = "تعطيل حساب", [AUDIT_USER_ENABLE] = "تفعيل حساب",
    [AUDIT_USER_PASSWD] = "تعيين كلمة مرور جديدة", [AUDIT_SETTING_SET] = "تغيير إعداد",
    [AUDIT_SECTION_ADD] = "إضافة قسم", [AUDIT_SECTION_RENAME] = "إعادة تسمية قسم",
    [AUDIT_SECTION_MOVE] = "تغيير ترتيب قسم", [AUDIT_TAG_RENAME] = "إعادة تسمية وسم",
    [AUDIT_TAG_MERGE] = "دمج وسم في آخر", [AUDIT_TAG_DELETE] = "حذف وسم",
    [AUDIT_PAGE_ADD] = "إضافة صفحة ثابتة", [AUDIT_PAGE_EDIT] = "تعديل صفحة ثابتة",
    [AUDIT_PAGE_DELETE] = "حذف صفحة ثابتة", [AUDIT_COMMENT_APPROVE] = "الموافقة على تعليق",
    [AUDIT_COMMENT_SPAM] = "وسم تعليق بالإزعاج", [AUDIT_COMMENT_DELETE] = "حذف تعليق",
    [AUDIT_ARTICLE_CREATE] = "إنشاء مقالة", [AUDIT_ARTICLE_SAVE] = "حفظ مقالة",
    [AUDIT_ARTICLE_SUBMIT] = "إرسال مقالة للمراجعة", [AUDIT_ARTICLE_SCHEDULE] = "جدولة مقالة",
    [AUDIT_ARTICLE_PUBLISH] = "نشر مقالة", [AUDIT_ARTICLE_UNPUBLISH] = "إلغاء نشر مقالة",
    [AUDIT_ARTICLE_RESTORE] = "استعادة نسخة من مقالة", [AUDIT_MEDIA_UPLOAD] = "رفع صورة",
    [AUDIT_MEDIA_REUPLOAD] = "رفع صورة موجودة من قبل", [AUDIT_MEDIA_REFUSE] = "رفض ملف مرفوع",
    [AUDIT_MEDIA_ALT] = "تعديل النص البديل لصورة", [AUDIT_PROFILE_SAVE] = "تعديل ملف عام",
    [AUDIT_FEED_ADD] = "إضافة مصدر أخبار", [AUDIT_FEED_REMOVE] = "حذف مصدر أخبار",
};

/* v.logo {src, w, h}: the logo setting's image, its narrowest variant,
 * for the bar; nothing when none is set or it cannot be read. */
static void admin_logo(struct req *r, struct tv *v)
{
    struct arena *a = &r->arena;
    const struct config *c = page_config(r);
    struct media m;
    int ws[MEDIA_MAX_VARIANTS];
    char url[MEDIA_URL_MAX];
    if (!c || !*c->v[CONFIG_LOGO] ||
        store_media_get(r->store, a, strtoll(c->v[CONFIG_LOGO], NULL, 10), &m) != AK_OK ||
        media_variant_widths(m.width, ws) == 0)
        return;
    struct tv *logo = tv_child(a, v, "logo");
    tv_str(a, logo, "src", arena_strdup(a, media_file_url(url, m.hash, ws[0], MEDIA_JPEG)));
    tv_int(a, logo, "w", ws[0]);
    tv_int(a, logo, "h", media_variant_height(m.width, m.height, ws[0]));
}

struct tv *admin_page_new(struct req *r, const char *title, const char *current)
{
    struct arena *a = &r->arena;
    const struct session *s = r->session;
    struct tv *v = page_root(r, title);
    if (!v || !ALWAYS(s != NULL))
        return v;
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
    tv_bool(a, can, "sections", perm_allows(u->role, PERM_SECTIONS));
    tv_bool(a, can, "audit", perm_allows(u->role, PERM_AUDIT));
    tv_bool(a, can, "settings", perm_allows(u->role, PERM_SETTINGS));
    tv_bool(a, can, "feeds", perm_allows(u->role, PERM_PUBLISH));
    if (current)
        tv_bool(a, v, arena_printf(a, "nav_%s", current), 1);
    admin_logo(r, v);
    return a->failed ? NULL : v;
}

struct audit_entry admin_audit_entry(struct req *r, enum audit_action action,
                                     const char *target, const char *detail)
{
    struct audit_entry e = {
        .user_id = r->session ? r->session->user.id : 0,
        .login = r->session ? r->session->user.login : "",
        .action = action, .target = target, .detail = detail, .client = r->client,
    };
    return e;
}

enum ak_err admin_audit(struct req *r, enum audit_action action, const char *target,
                        const char *detail)
{
    struct audit_entry e = admin_audit_entry(r, action, target, detail);
    return store_audit_add(r->store, &e);
}

const char *admin_save_failed(enum ak_err rc)
{
    if (rc == AK_EFULL)
        return "تعذّر الحفظ: امتلأت مساحة التخزين على الخادم. ما كتبته باقٍ في النموذج أدناه "
               "ولم يُحفظ منه شيء؛ احتفظ بنسخة منه، وأبلغ مدير الموقع، وأعد المحاولة بعد "
               "إخلاء المساحة.";
    return "تعذّر الحفظ: أخفقت الكتابة في قاعدة البيانات. ما كتبته باقٍ في النموذج أدناه ولم "
           "يُحفظ منه شيء؛ احتفظ بنسخة منه وأعد المحاولة بعد قليل.";
}

const char *admin_body_refused(const char *md)
{
    if (markdown_too_deep(md, strlen(md)))
        return "لم يُقبل النص: فيه اقتباسات أو قوائم متداخلة أكثر من 32 مستوى. "
               "قلّل التداخل (علامات > أو - في أول السطر) ثم أعد المحاولة.";
    return "لم يُقبل النص: يصير بعد التنسيق أكبر من 2 ميغابايت، أكبر مما تتسع له صفحة "
           "واحدة. قسّمه على أكثر من مقالة أو اختصره.";
}

enum ak_err admin_root_redirect(struct req *r)
{
    return http_redirect(r, 301, "/admin/");
}

const char *admin_form_name(struct req *r, const char *field, size_t max_chars)
{
    const char *v = http_form(r, field);
    if (!v)
        return NULL;
    while (*v == ' ' || *v == '\t')
        v++;
    char *s = arena_strdup(&r->arena, v);
    if (!s)
        return NULL;
    size_t n = strlen(s), chars = 0;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return NULL;
        chars += (c & 0xC0) != 0x80;
    }
    return n && chars <= max_chars ? s : NULL;
}

enum ak_err admin_commit_redirect(struct req *r, enum ak_err rc, enum audit_action action,
                                  const char *target, const char *detail, const char *back)
{
    if (rc == AK_OK)
        rc = admin_audit(r, action, target, detail);
    if (rc == AK_OK)
        rc = store_commit(r->store);
    if (rc) {
        store_rollback(r->store);
        return rc;
    }
    return http_redirect(r, 303, back);
}
