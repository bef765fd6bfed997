/*
 * editor.c: writing and publishing articles (/admin/articles/new,
 * /admin/articles/ID/edit, POST /admin/articles/save and .../preview).
 *
 * One form, usable without JavaScript: title, lede, Markdown body, primary
 * section, further sections, tags, source, slug, publish time, featured
 * image, and a button for each action the user may take on the article in
 * its state. Who may do what is decided in one place, editor_transition();
 * the save handler refuses a forged action with 403 before anything is
 * read. A form with errors comes back with every field as typed and the
 * errors next to their fields (422); so does a form the store could not
 * save (a full disk: 503, "تعذّر الحفظ"), the article and its audit entry
 * being saved in one transaction.
 *
 * The preview ("معاينة", opened beside the editor: formtarget _blank) is
 * the public article page itself: the posted form made into a struct
 * article and filled by the page kit's page_article into the article
 * template, with the reader's stylesheet, a note that it is a preview, and
 * neither comments nor related articles. The page shows the body's word
 * count (admin.js keeps it live) and, when admin.js has autosaved the form
 * since the article was last saved (autosave.c), offers that text back in
 * the form, saying when it was kept; saving for real deletes it.
 *
 * Publish times are typed into a datetime-local field in the site's time
 * zone (render/date.h; the label names it), as its pages show times.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "admin/admin.h"
#include "base/buf.h"
#include "media/image.h"
#include "newsroom/article.h"
#include "render/date.h"
#include "render/markdown.h"
#include "store/article.h"
#include "store/article_edit.h"
#include "store/autosave.h"
#include "store/media.h"
#include "store/section.h"
#include "store/store.h"
#include "store/user.h"
#include "text/bidi.h"
#include "text/slug.h"

#define EDITOR_TITLE_MAX 300    /* characters of a headline */
#define EDITOR_MEDIA_MAX 60     /* images the picker offers, newest first */

const char *const editor_action_names[EDITOR_ACTION__MAX] = {
    "save", "submit", "schedule", "publish", "unpublish",
};
static const enum audit_action editor_audit_actions[EDITOR_ACTION__MAX] = {
    AUDIT_ARTICLE_SAVE, AUDIT_ARTICLE_SUBMIT, AUDIT_ARTICLE_SCHEDULE, AUDIT_ARTICLE_PUBLISH,
    AUDIT_ARTICLE_UNPUBLISH,
};
static const char *const editor_done_ar[EDITOR_ACTION__MAX] = {
    "حُفظت التعديلات.", "أُرسلت المقالة للمراجعة.", "جُدولت المقالة.", "نُشرت المقالة.",
    "أُلغي نشر المقالة.",
};

int editor_transition(const struct user *u, int cur, int64_t author_id,
                      enum editor_action act)
{
    if (cur < 0 ? !perm_allows(u->role, PERM_ARTICLES_OWN) : !perm_may_edit(u, author_id))
        return -1;
    int publisher = perm_allows(u->role, PERM_PUBLISH);
    if (!publisher && cur >= 0 && cur != ARTICLE_DRAFT && cur != ARTICLE_REVIEW)
        return -1;              /* out of the writer's hands once scheduled */
    switch (act) {
    case EDITOR_SAVE:
        return cur < 0 ? ARTICLE_DRAFT : cur;
    case EDITOR_SUBMIT:
        return cur < 0 || cur == ARTICLE_DRAFT || cur == ARTICLE_UNPUBLISHED ? ARTICLE_REVIEW
                                                                            : -1;
    case EDITOR_SCHEDULE:
        return publisher && cur != ARTICLE_PUBLISHED ? ARTICLE_SCHEDULED : -1;
    case EDITOR_PUBLISH:
        return publisher && cur != ARTICLE_PUBLISHED ? ARTICLE_PUBLISHED : -1;
    case EDITOR_UNPUBLISH:
        return publisher && (cur == ARTICLE_PUBLISHED || cur == ARTICLE_SCHEDULED)
                   ? ARTICLE_UNPUBLISHED : -1;
    case EDITOR_ACTION__MAX:
        break;
    }
    return -1;
}

/* The editor's form, as loaded or as posted. */
struct editor_form {
    int64_t id;                 /* 0: a new article */
    int cur;                    /* its state, or -1 when new */
    int64_t author_id;          /* whose it is */
    int64_t published_at;       /* as stored (0: none) */
    int64_t updated_at;         /* as stored (0: new) */
    int64_t restored_at;        /* the autosave shown instead of the stored text (0: none) */
    const char *title, *lede, *body, *section, *tags, *source, *slug, *publish_at;
    int64_t image_id;
    int breaking;               /* breaking news, for the ticker */
    const char **also;          /* further section slugs */
    size_t nalso;
    struct {
        const char *title, *body, *section, *publish_at, *image, *general;
    } err;
};

/* "YYYY-MM-DDTHH:MM" in the site's time zone for t, in arena a; "" for 0. */
static const char *editor_local_time(struct arena *a, int64_t t)
{
    char out[32];
    if (!t || !date_local_format(t, out, sizeof out))
        return "";
    return arena_strdup(a, out);
}

/* The posted tags as a list: split at ',' and the Arabic comma '،', trimmed,
 * empty and repeated ones dropped. In arena a. */
static const char **editor_tags(struct arena *a, const char *s, size_t *n)
{
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == ',' || (p[0] == '\xd8' && p[1] == '\x8c');
    const char **out = arena_alloc(a, cap * sizeof *out);
    *n = 0;
    if (!out)
        return NULL;
    const char *p = s;
    while (*p) {
        const char *e = p;
        while (*e && *e != ',' && !(e[0] == '\xd8' && e[1] == '\x8c'))
            e++;
        const char *b = p, *z = e;
        while (b < z && (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n'))
            b++;
        while (z > b && (z[-1] == ' ' || z[-1] == '\t' || z[-1] == '\r' || z[-1] == '\n'))
            z--;
        if (z > b) {
            char *t = arena_strndup(a, b, (size_t)(z - b));
            int dup = 0;
            for (size_t i = 0; t && i < *n; i++)
                dup |= strcmp(out[i], t) == 0;
            if (t && !dup)
                out[(*n)++] = t;
        }
        p = *e == ',' ? e + 1 : *e ? e + 2 : e;
    }
    return out;
}

/* The stored article id into f. AK_ENOTFOUND when there is none. */
static enum ak_err editor_load(struct req *r, int64_t id, struct editor_form *f)
{
    struct arena *a = &r->arena;
    struct article_draft d;
    enum ak_err rc = store_article_get_any(r->store, a, id, &d);
    if (rc)
        return rc;
    f->id = d.id;
    f->cur = (int)d.status;
    f->author_id = d.author_id;
    f->published_at = d.published_at;
    f->updated_at = d.updated_at;
    f->title = d.title;
    f->lede = d.lede;
    f->body = d.body_md;
    f->section = d.section;
    f->source = d.source;
    f->slug = d.slug;
    f->image_id = d.image_id;
    f->breaking = d.breaking;
    f->also = d.sections;
    f->nalso = d.nsections;
    f->publish_at = d.status == ARTICLE_SCHEDULED ? editor_local_time(a, d.published_at) : "";
    struct buf b;
    buf_init(&b, 1u << 20);
    for (size_t i = 0; i < d.ntags; i++) {
        if (i)
            buf_puts(&b, "، ");
        buf_puts(&b, d.tags[i]);
    }
    f->tags = b.err ? NULL : arena_strndup(a, b.p ? b.p : "", b.n);
    buf_reset(&b);
    return f->tags ? AK_OK : AK_ENOMEM;
}

static const char *editor_field(struct req *r, const char *name)
{
    const char *v = http_form(r, name);
    return v ? v : "";
}

/* The sections (into *secs, *nsecs) and the posted form into f, on top of
 * the stored article when the form names one (else a new article of the
 * user's). AK_ENOTFOUND for an unknown id. */
static enum ak_err editor_read(struct req *r, struct section **secs_out, size_t *nsecs_out,
                               struct editor_form *f)
{
    struct arena *a = &r->arena;
    memset(f, 0, sizeof *f);
    enum ak_err rc = store_section_list(r->store, a, secs_out, nsecs_out);
    if (rc)
        return rc;
    const struct section *secs = *secs_out;
    size_t nsecs = *nsecs_out;
    f->cur = -1;
    f->author_id = r->session->user.id;
    int64_t id = http_form_int(r, "id");
    if (id && (rc = editor_load(r, id, f)))
        return rc;
    f->title = editor_field(r, "title");
    f->lede = editor_field(r, "lede");
    f->body = editor_field(r, "body");
    f->section = editor_field(r, "section");
    f->tags = editor_field(r, "tags");
    f->source = editor_field(r, "source");
    f->slug = editor_field(r, "slug");
    f->publish_at = editor_field(r, "publish_at");
    f->image_id = http_form_int(r, "image");
    f->breaking = http_form_checked(r, "breaking");
    f->also = arena_alloc(a, (nsecs ? nsecs : 1) * sizeof *f->also);
    f->nalso = 0;
    for (size_t i = 0; f->also && i < nsecs; i++) {
        const char *name = arena_printf(a, "also_%lld", (long long)secs[i].id);
        if (name && http_form_checked(r, name) && strcmp(secs[i].slug, f->section) != 0)
            f->also[f->nalso++] = secs[i].slug;
    }
    return f->also ? AK_OK : AK_ENOMEM;
}

/* Words of a Markdown text as admin.js counts them: runs of characters
 * other than white space, punctuation (Latin and Arabic) and Markdown's
 * marks. */
static size_t editor_words(const char *s)
{
    static const char marks[] = ".,;:!?()[]{}\"'#*_>`~|-";
    size_t n = 0;
    int in = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t c = *p;
        int len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        if (len == 2 && p[1])
            c = (c & 0x1f) << 6 | (p[1] & 0x3f);
        else if (len == 3 && p[1] && p[2])
            c = (c & 0x0f) << 12 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f);
        int sep = c <= ' ' || (c < 0x80 && strchr(marks, (int)c)) || c == 0xa0 ||
                  c == 0xab || c == 0xbb || c == 0x60c || c == 0x61b || c == 0x61f ||
                  (c >= 0x2000 && c <= 0x200a) || c == 0x200c || c == 0x200e || c == 0x200f ||
                  c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x3000 || c == 0xfeff;
        n += !sep && !in;
        in = !sep;
        for (int i = 0; i < len && *p; i++)
            p++;
    }
    return n;
}

/* Put the user's autosave of f's article in place of the stored text when
 * it is newer (f->restored_at gets its time). */
static enum ak_err editor_restore(struct req *r, struct editor_form *f)
{
    struct autosave s;
    enum ak_err rc = store_autosave_get(r->store, &r->arena, r->session->user.id, f->id, &s);
    if (rc == AK_ENOTFOUND || (rc == AK_OK && s.saved_at <= f->updated_at))
        return AK_OK;
    if (rc)
        return rc;
    f->title = s.title;
    f->lede = s.lede;
    f->body = s.body;
    f->section = s.section;
    f->tags = s.tags;
    f->source = s.source;
    f->slug = s.slug;
    f->restored_at = s.saved_at;
    return AK_OK;
}

/* The editor page for f with status. */
static enum ak_err editor_render(struct req *r, int status, const struct editor_form *f,
                                 const struct section *secs, size_t nsecs, const char *notice)
{
    struct arena *a = &r->arena;
    const struct user *u = &r->session->user;
    struct tv *v = admin_page_new(r, f->id ? "تحرير مقالة" : "مقالة جديدة", "articles");
    if (!v)
        return AK_ENOMEM;
    struct tv *fv = tv_child(a, v, "f");
    if (f->id)
        tv_int(a, fv, "id", f->id);
    tv_str(a, fv, "title", f->title);
    tv_str(a, fv, "lede", f->lede);
    tv_str(a, fv, "body", f->body);
    tv_str(a, fv, "tags", f->tags);
    tv_str(a, fv, "source", f->source);
    tv_bool(a, fv, "breaking", f->breaking);
    tv_str(a, fv, "slug", f->slug);
    tv_str(a, fv, "publish_at", f->publish_at);
    char zone[128];
    tv_str(a, v, "zone", date_zone_name(zone, sizeof zone) ? arena_strdup(a, zone)
                                                           : date_zone());
    tv_str(a, fv, "status", f->cur < 0 ? "جديدة" : admin_status_labels[f->cur]);
    if (f->cur == ARTICLE_PUBLISHED && f->slug && *f->slug)
        tv_str(a, fv, "url", page_article_url(r, f->id, f->slug));
    struct tv *err = tv_child(a, v, "err");
    tv_str(a, err, "title", f->err.title);
    tv_str(a, err, "body", f->err.body);
    tv_str(a, err, "section", f->err.section);
    tv_str(a, err, "publish_at", f->err.publish_at);
    tv_str(a, err, "image", f->err.image);
    tv_str(a, err, "general", f->err.general);
    tv_bool(a, v, "has_errors", f->err.title || f->err.body || f->err.section ||
                                f->err.publish_at || f->err.image);
    tv_str(a, v, "notice", notice);
    tv_int(a, v, "words", (int64_t)editor_words(f->body));
    if (f->restored_at)
        page_dates(r, tv_child(a, v, "restored"), "at", f->restored_at,
                   PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME));
    struct tv *sl = tv_list(a, v, "sections", nsecs);
    for (size_t i = 0; sl && i < nsecs; i++) {
        struct tv *it = tv_item(sl, i);
        tv_int(a, it, "id", secs[i].id);
        tv_str(a, it, "slug", secs[i].slug);
        tv_str(a, it, "name", secs[i].name);
        tv_bool(a, it, "primary", f->section && strcmp(f->section, secs[i].slug) == 0);
        int also = 0;
        for (size_t j = 0; j < f->nalso; j++)
            also |= strcmp(f->also[j], secs[i].slug) == 0;
        tv_bool(a, it, "also", also);
    }
    struct media *ms;
    size_t nm;
    enum ak_err rc = store_media_list(r->store, a, 0, EDITOR_MEDIA_MAX, &ms, &nm, NULL);
    if (rc)
        return rc;
    tv_bool(a, v, "no_image", f->image_id == 0);
    struct tv *il = tv_list(a, v, "images", nm);
    for (size_t i = 0; il && i < nm; i++) {
        struct tv *it = tv_item(il, i);
        int ws[MEDIA_MAX_VARIANTS];
        size_t nw = media_variant_widths(ms[i].width, ws);
        tv_int(a, it, "id", ms[i].id);
        tv_str(a, it, "alt", ms[i].alt);
        tv_bool(a, it, "selected", ms[i].id == f->image_id);
        if (nw) {
            char url[MEDIA_URL_MAX];
            tv_str(a, it, "thumb",
                   arena_strdup(a, media_file_url(url, ms[i].hash, ws[0], MEDIA_JPEG)));
            tv_int(a, it, "w", ws[0]);
            tv_int(a, it, "h", media_variant_height(ms[i].width, ms[i].height, ws[0]));
        }
    }
    struct tv *can = tv_child(a, v, "act");
    for (int i = 0; i < EDITOR_ACTION__MAX; i++)
        tv_bool(a, can, editor_action_names[i],
                editor_transition(u, f->cur, f->author_id, (enum editor_action)i) >= 0);
    tv_bool(a, v, "is_draft", f->cur < 0 || f->cur == ARTICLE_DRAFT);
    return page_render(r, status, "admin_editor", v, HTTP_NO_STORE);
}

enum ak_err admin_article_new(struct req *r)
{
    struct section *secs;
    size_t nsecs;
    enum ak_err rc = store_section_list(r->store, &r->arena, &secs, &nsecs);
    if (rc)
        return rc;
    struct editor_form f = { .cur = -1, .author_id = r->session->user.id, .title = "",
                             .lede = "", .body = "", .section = "", .tags = "", .source = "",
                             .slug = "", .publish_at = "" };
    if ((rc = editor_restore(r, &f)))
        return rc;
    return editor_render(r, 200, &f, secs, nsecs, NULL);
}

enum ak_err admin_article_edit(struct req *r)
{
    struct section *secs;
    size_t nsecs;
    struct editor_form f = { 0 };
    enum ak_err rc = store_section_list(r->store, &r->arena, &secs, &nsecs);
    if (rc || (rc = editor_load(r, r->ids[0], &f)))
        return rc;
    if (!perm_may_edit(&r->session->user, f.author_id)) {
        r->denied = 1;
        return http_send_error(r, 403);
    }
    const char *done = http_query(r, "done"), *notice = NULL;
    for (int i = 0; done && i < EDITOR_ACTION__MAX; i++)
        if (strcmp(done, editor_action_names[i]) == 0)
            notice = editor_done_ar[i];
    if (done && strcmp(done, "restore") == 0)
        notice = "استُعيدت النسخة.";
    if (editor_transition(&r->session->user, f.cur, f.author_id, EDITOR_SAVE) >= 0 &&
        (rc = editor_restore(r, &f)))
        return rc;
    return editor_render(r, 200, &f, secs, nsecs, notice);
}

/* Characters (code points) of the UTF-8 string s. */
static size_t editor_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* Check f for action act, setting its errors; *when gets the schedule time.
 * Non-zero when f may be saved. */
static int editor_validate(struct req *r, struct editor_form *f, const struct section *secs,
                           size_t nsecs, enum editor_action act, int64_t *when)
{
    struct arena *a = &r->arena;
    char *t = arena_strdup(a, f->title);       /* as the store will keep it */
    if (!t)
        return 0;
    t[text_bidi_clean(t, strlen(t))] = 0;
    while (*t == ' ' || *t == '\t')
        t++;
    if (!*t)
        f->err.title = "العنوان مطلوب.";
    else if (editor_chars(f->title) > EDITOR_TITLE_MAX)
        f->err.title = "العنوان أطول من 300 حرف.";
    int found = 0;
    for (size_t i = 0; i < nsecs; i++)
        found |= strcmp(secs[i].slug, f->section) == 0;
    if (!found)
        f->err.section = "اختر القسم الرئيسي.";
    if (act == EDITOR_SCHEDULE) {
        if (!date_local_parse(f->publish_at, when))
            f->err.publish_at = "أدخل وقت النشر (التاريخ والساعة) للجدولة.";
        else if (*when <= store_now())
            f->err.publish_at = "وقت الجدولة يجب أن يكون في المستقبل.";
    }
    struct media m;
    if (f->image_id && store_media_get(r->store, a, f->image_id, &m) != AK_OK)
        f->err.image = "الصورة المختارة غير موجودة.";
    return !f->err.title && !f->err.section && !f->err.publish_at && !f->err.image;
}

enum ak_err admin_article_save(struct req *r)
{
    struct arena *a = &r->arena;
    const struct user *u = &r->session->user;
    int act = http_form_enum(r, "action");
    if (act < 0)
        return http_send_error(r, 400);
    struct section *secs;
    size_t nsecs;
    struct editor_form f;
    enum ak_err rc = editor_read(r, &secs, &nsecs, &f);
    if (rc)
        return rc;
    int next = editor_transition(u, f.cur, f.author_id, (enum editor_action)act);
    if (next < 0) {
        r->denied = 1;
        return http_send_error(r, 403);
    }
    int64_t when = 0;
    if (!editor_validate(r, &f, secs, nsecs, (enum editor_action)act, &when))
        return editor_render(r, 422, &f, secs, nsecs, NULL);
    size_t ntags;
    const char **tags = editor_tags(a, f.tags, &ntags);
    const char *slug = *f.slug ? text_slug(a, f.slug, 90) : text_slug(a, f.title, 90);
    if (!tags || !slug)
        return AK_ENOMEM;
    const char *byline = *u->name ? u->name : u->login;
    struct article_in in = {
        .title = f.title, .lede = f.lede, .body_md = f.body, .slug = slug,
        .section = f.section, .sections = f.also, .nsections = f.nalso,
        .tags = tags, .ntags = ntags, .author = byline, .source = f.source,
        .status = (enum article_status)next, .published_at = f.published_at,
        .breaking = f.breaking,
    };
    if (act == EDITOR_SCHEDULE)
        in.published_at = when;
    else if (act == EDITOR_PUBLISH)
        in.published_at = store_now();
    if ((rc = newsroom_article_render(a, &in)) == AK_ETOOBIG) {
        f.err.body = admin_body_refused(f.body);    /* its page could not be served */
        return editor_render(r, 422, &f, secs, nsecs, NULL);
    }
    if (rc)
        return rc;
    enum audit_action what = f.id == 0 && act == EDITOR_SAVE ? AUDIT_ARTICLE_CREATE
                                                              : editor_audit_actions[act];
    struct audit_entry e = admin_audit_entry(r, what, NULL, f.title);
    struct article_save sv = { .id = f.id, .user_id = u->id, .image_id = f.image_id, .in = &in,
                               .audit = &e };
    int64_t id;
    rc = store_article_save(r->store, &sv, &id);
    if (rc == AK_ENOTFOUND) {       /* a section went away meanwhile */
        f.err.section = "القسم المختار لم يعد موجوداً.";
        return editor_render(r, 422, &f, secs, nsecs, NULL);
    }
    if (rc && rc != AK_ENOMEM) {    /* nothing was saved: keep what was typed */
        f.err.general = admin_save_failed(rc);
        return editor_render(r, ADMIN_SAVE_FAILED, &f, secs, nsecs, NULL);
    }
    if (rc)
        return rc;
    /* What was typed is the article now: its autosave is no longer news (a
     * failure leaves an older autosave, which the editor no longer offers). */
    store_autosave_drop(r->store, u->id, f.id);
    const char *loc = arena_printf(a, "/admin/articles/%lld/edit?done=%s", (long long)id,
                                   editor_action_names[act]);
    return loc ? http_redirect(r, 303, loc) : AK_ENOMEM;
}

/* The article f would make, as its page shows it (strings in r's arena). */
static enum ak_err editor_article(struct req *r, const struct editor_form *f,
                                  const struct section *secs, size_t nsecs, struct article *art)
{
    struct arena *a = &r->arena;
    const struct user *u = &r->session->user;
    int64_t now = store_now();
    *art = (struct article){
        .id = f->id, .title = f->title, .lede = f->lede, .source = f->source,
        .author = *u->name ? u->name : u->login, .author_slug = "",
        .slug = *f->slug ? text_slug(a, f->slug, 90) : text_slug(a, f->title, 90),
        .published_at = f->published_at ? f->published_at : now, .updated_at = now,
        .image_hash = "",
    };
    enum ak_err rc = markdown_render(a, f->body, strlen(f->body), &art->body_html);
    if (rc)
        return rc;
    art->sections = arena_alloc(a, (f->nalso + 1) * sizeof *art->sections);
    for (size_t i = 0; art->sections && i < nsecs; i++) {
        if (strcmp(secs[i].slug, f->section) == 0)  /* the primary first */
            art->sections[art->nsections++] = secs[i];
    }
    for (size_t j = 0; art->sections && j < f->nalso; j++)
        for (size_t i = 0; i < nsecs && art->nsections <= f->nalso; i++)
            if (strcmp(secs[i].slug, f->also[j]) == 0)
                art->sections[art->nsections++] = secs[i];
    size_t ntags;
    const char **tags = editor_tags(a, f->tags, &ntags);
    art->tags = tags ? arena_alloc(a, (ntags ? ntags : 1) * sizeof *art->tags) : NULL;
    for (size_t i = 0; art->tags && i < ntags; i++)
        art->tags[art->ntags++] = (struct tag){ .slug = text_slug(a, tags[i], 90),
                                                .name = tags[i] };
    struct media m;
    if (f->image_id && store_media_get(r->store, a, f->image_id, &m) == AK_OK) {
        art->image_hash = m.hash;
        art->image_alt = m.alt;
        art->image_width = m.width;
        art->image_height = m.height;
    }
    return !art->slug || !art->sections || !art->tags ? AK_ENOMEM : AK_OK;
}

enum ak_err admin_article_preview(struct req *r)
{
    struct arena *a = &r->arena;
    struct section *secs;
    size_t nsecs;
    struct editor_form f;
    enum ak_err rc = editor_read(r, &secs, &nsecs, &f);
    if (rc)
        return rc;
    if (editor_transition(&r->session->user, f.cur, f.author_id, EDITOR_SAVE) < 0 &&
        (f.cur < 0 || !perm_may_edit(&r->session->user, f.author_id))) {
        r->denied = 1;
        return http_send_error(r, 403);
    }
    struct article art;
    if ((rc = editor_article(r, &f, secs, nsecs, &art)) == AK_ETOOBIG) {
        f.err.body = admin_body_refused(f.body);    /* its page could not be served */
        return editor_render(r, 422, &f, secs, nsecs, NULL);
    }
    if (rc)
        return rc;
    struct tv *v = page_new(r, *art.title ? art.title : "معاينة",
                            art.nsections ? art.sections[0].slug : NULL);
    if (!v)
        return AK_ENOMEM;
    tv_bool(a, v, "noindex", 1);
    tv_bool(a, v, "preview", 1);
    tv_bool(a, v, "is_article", 1);
    page_article(r, v, &art);
    return page_render(r, 200, "article", v, HTTP_NO_STORE);
}
