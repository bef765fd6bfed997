/*
 * media.c: the newsroom's images (/admin/media): the upload form and the
 * images uploaded so far, newest first; the editor's picker offers them as
 * featured images.
 *
 * POST /admin/media is a multipart form (a ROUTE_UPLOAD route): the server
 * has streamed the file to a temporary file by the time the handler runs.
 * media_ingest decides by content whether it is an image we take, and its
 * Arabic refusal is shown next to the form (422); the alt text is required.
 * POST /admin/media/alt changes an image's alt text, for its uploader or an
 * editor; articles show the new text at once (they read it from media).
 */
#include <string.h>
#include "admin/admin.h"
#include "media/image.h"
#include "store/media.h"

#define MEDIA_PAGE 60
#define MEDIA_ALT_MAX 300       /* characters of alt text */

static enum ak_err media_render(struct req *r, int status, const char *alt, const char *error,
                                const char *notice)
{
    struct arena *a = &r->arena;
    struct media *ms;
    size_t n, total;
    enum ak_err rc = store_media_list(r->store, a, 0, MEDIA_PAGE, &ms, &n, &total);
    if (rc)
        return rc;
    struct tv *v = admin_page_new(r, "الصور", "media");
    if (!v)
        return AK_ENOMEM;
    tv_str(a, v, "alt", alt);
    tv_str(a, v, "error", error);
    tv_str(a, v, "notice", notice);
    tv_int(a, v, "total", (int64_t)total);
    struct tv *list = tv_list(a, v, "images", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = tv_item(list, i);
        int ws[MEDIA_MAX_VARIANTS];
        size_t nw = media_variant_widths(ms[i].width, ws);
        tv_int(a, it, "id", ms[i].id);
        tv_str(a, it, "alt", ms[i].alt);
        tv_bool(a, it, "editable", perm_may_edit(&r->session->user, ms[i].user_id));
        tv_int(a, it, "width", ms[i].width);
        tv_int(a, it, "height", ms[i].height);
        tv_int(a, it, "kb", (ms[i].bytes + 1023) / 1024);
        if (nw) {
            char url[MEDIA_URL_MAX];
            tv_str(a, it, "thumb",
                   arena_strdup(a, media_file_url(url, ms[i].hash, ws[0], MEDIA_JPEG)));
            tv_int(a, it, "w", ws[0]);
            tv_int(a, it, "h", media_variant_height(ms[i].width, ms[i].height, ws[0]));
        }
        page_dates(r, it, "created", ms[i].created_at,
                   PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME));
    }
    return page_render(r, status, "admin_media", v, HTTP_NO_STORE);
}

enum ak_err admin_media(struct req *r)
{
    const char *notice = http_query(r, "uploaded") ? "رُفعت الصورة."
                       : http_query(r, "saved")    ? "حُفظ النص البديل."
                                                   : NULL;
    return media_render(r, 200, "", NULL, notice);
}

/* s trimmed of spaces, tabs and newlines at both ends, in arena a. */
static const char *media_trim(struct arena *a, const char *s)
{
    size_t n = strlen(s);
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return arena_strndup(a, s, n);
}

/* The posted alt text, trimmed, into *alt (arena a); NULL when it is
 * acceptable, else the Arabic reason. */
static const char *media_alt(struct req *r, const char **alt)
{
    const char *raw = http_form(r, "alt");
    size_t chars = 0;
    if (!(*alt = media_trim(&r->arena, raw ? raw : "")))
        return "";                      /* out of memory: the caller checks *alt */
    for (const char *p = *alt; *p; p++) {
        if ((unsigned char)*p < 0x20)
            return "النص البديل سطر واحد بلا رموز تحكم.";
        chars += ((unsigned char)*p & 0xc0) != 0x80;
    }
    if (!**alt)
        return "النص البديل مطلوب: صِف الصورة لمن لا يراها.";
    if (chars > MEDIA_ALT_MAX)
        return "النص البديل أطول من 300 حرف.";
    return NULL;
}

enum ak_err admin_media_upload(struct req *r)
{
    struct arena *a = &r->arena;
    const char *alt, *bad = media_alt(r, &alt);
    if (!alt)
        return AK_ENOMEM;
    if (!r->upload.path)
        return media_render(r, 422, alt, "اختر ملف صورة لرفعه.", NULL);
    if (bad)
        return media_render(r, 422, alt, bad, NULL);
    struct media_info info;
    char err[256];
    enum ak_err rc = media_ingest(r->upload.path, r->site->media_dir, &info, err, sizeof err);
    if (rc == AK_EINVAL || rc == AK_ETOOBIG) {
        const char *detail = arena_printf(a, "%s: %s", media_refusal_names[info.refusal], err);
        if ((rc = admin_audit(r, AUDIT_MEDIA_REFUSE, r->upload.filename, detail)))
            return rc;
        return media_render(r, 422, alt, media_refusal_message_ar(info.refusal), NULL);
    }
    if (rc)
        return rc;
    struct media m = {
        .hash = info.hash, .width = info.width, .height = info.height, .mime = info.mime,
        .alt = alt, .bytes = info.bytes, .user_id = r->session->user.id,
    };
    int64_t id;
    int existed;
    if ((rc = store_media_add(r->store, &m, &id, &existed)))
        return rc;
    const char *target = arena_printf(a, "%lld", (long long)id);
    if (!target || (rc = admin_audit(r, existed ? AUDIT_MEDIA_REUPLOAD : AUDIT_MEDIA_UPLOAD, target,
                                     alt)))
        return rc ? rc : AK_ENOMEM;
    const char *loc = arena_printf(a, "/admin/media?uploaded=%lld", (long long)id);
    return loc ? http_redirect(r, 303, loc) : AK_ENOMEM;
}

enum ak_err admin_media_alt(struct req *r)
{
    struct arena *a = &r->arena;
    struct media m;
    int64_t id = http_form_int(r, "id");
    enum ak_err rc = id > 0 ? store_media_get(r->store, a, id, &m) : AK_ENOTFOUND;
    if (rc == AK_ENOTFOUND)
        return http_send_error(r, 404);
    if (rc)
        return rc;
    if (!perm_may_edit(&r->session->user, m.user_id)) {
        r->denied = 1;                  /* another author's image */
        return http_send_error(r, 403);
    }
    const char *alt, *bad = media_alt(r, &alt);
    if (!alt)
        return AK_ENOMEM;
    if (bad)
        return media_render(r, 422, "", bad, NULL);
    if (strcmp(alt, m.alt) != 0) {
        const char *target = arena_printf(a, "%lld", (long long)id);
        if ((rc = store_media_set_alt(r->store, id, alt)) ||
            (rc = admin_audit(r, AUDIT_MEDIA_ALT, target ? target : "", alt)))
            return rc;
    }
    const char *loc = arena_printf(a, "/admin/media?saved=%lld", (long long)id);
    return loc ? http_redirect(r, 303, loc) : AK_ENOMEM;
}
