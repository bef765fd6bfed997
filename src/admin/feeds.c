/*
 * feeds.c: the newsroom's wire feeds (/admin/feeds, PERM_PUBLISH: editors
 * and the admin): every feed with how its polling goes (last poll, last
 * success, HTTP status, the error in the poller's words, failures in a row,
 * when it is next due, items and near-duplicates delivered), a form to add
 * one (URL, section, review or published, interval) and a button to remove
 * each. Changes are audited (feed.add, feed.remove), as `akhbar feed` does.
 * The poller itself runs in `serve` (ingest/wire_poll.c).
 */
#include <string.h>
#include "admin/admin.h"
#include "ingest/wire.h"
#include "store/section.h"
#include "store/store.h"
#include "store/wire.h"

const char *const admin_feed_status_names[ADMIN_FEED_STATUS__MAX] = { "review", "published" };

static enum ak_err feeds_render(struct req *r, const char *error, int status)
{
    struct arena *a = &r->arena;
    struct feed *fs;
    struct section *secs;
    size_t n, nsecs;
    enum ak_err rc = store_feed_list(r->store, a, &fs, &n);
    if (rc || (rc = store_section_list(r->store, a, &secs, &nsecs)))
        return rc;
    struct tv *v = admin_page_new(r, "مصادر الأخبار", "feeds");
    if (!v)
        return AK_ENOMEM;
    tv_str(a, v, "error", error);
    struct tv *list = tv_list(a, v, "feeds", n);
    for (size_t i = 0; list && i < n; i++) {
        const struct feed *f = &fs[i];
        struct tv *it = tv_item(list, i);
        tv_int(a, it, "id", f->id);
        tv_str(a, it, "url", f->url);
        tv_str(a, it, "title", f->title);
        tv_str(a, it, "section", f->section);
        for (size_t k = 0; k < nsecs; k++)
            if (strcmp(secs[k].slug, f->section) == 0)
                tv_str(a, it, "section_name", secs[k].name);
        tv_str(a, it, "status", admin_status_labels[f->status]);
        tv_int(a, it, "minutes", f->interval / 60);
        tv_int(a, it, "seconds", f->interval);
        tv_int(a, it, "items", f->items);
        tv_int(a, it, "duplicates", f->duplicates);
        tv_int(a, it, "failures", f->failures);
        tv_int(a, it, "http_status", f->http_status);
        tv_str(a, it, "error", f->error);
        tv_bool(a, it, "polled", f->polled_at > 0);
        tv_bool(a, it, "ok", f->polled_at > 0 && !*f->error);
        tv_bool(a, it, "failed", *f->error != 0);
        unsigned styles = PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME);
        if (f->polled_at)
            page_dates(r, it, "polled", f->polled_at, styles);
        if (f->ok_at)
            page_dates(r, it, "ok", f->ok_at, styles);
        page_dates(r, it, "next", f->next_at > f->polled_at ? f->next_at : store_now(), styles);
    }
    struct tv *sl = tv_list(a, v, "sections", nsecs);
    for (size_t i = 0; sl && i < nsecs; i++) {
        struct tv *it = tv_item(sl, i);
        tv_str(a, it, "slug", secs[i].slug);
        tv_str(a, it, "name", secs[i].name);
    }
    return page_render(r, status, "admin_feeds", v, HTTP_NO_STORE);
}

enum ak_err admin_feeds(struct req *r)
{
    return feeds_render(r, NULL, 200);
}

enum ak_err admin_feeds_add(struct req *r)
{
    const char *url = http_form(r, "url"), *section = http_form(r, "section");
    int published = http_form_enum(r, "status");
    int64_t minutes = http_form_int(r, "minutes");
    size_t n = url ? strlen(url) : 0;
    int url_ok = n > 0 && n <= WIRE_MAX_URL &&
                 (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0);
    for (size_t i = 0; url_ok && i < n; i++)
        url_ok = (unsigned char)url[i] > ' ' && url[i] != 0x7F;
    if (!url_ok)
        return feeds_render(r, "الرابط مطلوب، ويبدأ بـ http:// أو https:// بلا مسافات.", 400);
    if (minutes < 1 || minutes > 7 * 24 * 60)
        return feeds_render(r, "مدة التحديث بالدقائق من 1 إلى 10080.", 400);
    enum article_status status = published == 1 ? ARTICLE_PUBLISHED : ARTICLE_REVIEW;
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    rc = store_feed_add(r->store, url, section ? section : "", status, minutes * 60, NULL);
    if (rc == AK_EEXIST || rc == AK_ENOTFOUND) {
        store_rollback(r->store);
        return feeds_render(r, rc == AK_EEXIST ? "هذا المصدر مضاف من قبل."
                                               : "اختر قسمًا من الأقسام الموجودة.", 400);
    }
    const char *detail = arena_printf(&r->arena, "section %s, %s, every %lld s",
                                      section ? section : "", article_status_names[status],
                                      (long long)minutes * 60);
    return admin_commit_redirect(r, rc == AK_OK && !detail ? AK_ENOMEM : rc, AUDIT_FEED_ADD, url,
                                 detail, "/admin/feeds");
}

enum ak_err admin_feeds_remove(struct req *r)
{
    int64_t id = http_form_int(r, "id");
    struct feed *fs;
    size_t n;
    enum ak_err rc = store_feed_list(r->store, &r->arena, &fs, &n);
    if (rc)
        return rc;
    const char *url = NULL;
    for (size_t i = 0; i < n && !url; i++)
        if (fs[i].id == id)
            url = fs[i].url;
    if (!url)
        return AK_ENOTFOUND;
    if ((rc = store_begin(r->store)))
        return rc;
    rc = store_feed_remove(r->store, id);
    return admin_commit_redirect(r, rc, AUDIT_FEED_REMOVE, url, "", "/admin/feeds");
}
