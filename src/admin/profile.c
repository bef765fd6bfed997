/*
 * profile.c: public profiles in the newsroom (/admin/profile): each user
 * edits their own (display name, the slug of their page /author/SLUG, a
 * plain-text bio, a photo from the media library); the admin edits anyone's
 * (?login=NAME, linked from /admin/people). Every save is audited.
 */
#include <string.h>
#include "admin/admin.h"
#include "render/image.h"
#include "store/author.h"
#include "store/media.h"
#include "store/store.h"
#include "text/utf8.h"

/* Whose profile the request is about: the session's user, or (for those
 * who manage people) the one named by login (?login= or the form's field).
 * *u gets them. A login of someone else without the permission answers 403
 * (*answered set); an unknown login is AK_ENOTFOUND. */
static enum ak_err profile_target(struct req *r, const char *login, struct user *u,
                                  int *answered)
{
    const struct user *me = &r->session->user;
    *answered = 0;
    if (!login || !*login || strcmp(login, me->login) == 0) {
        *u = *me;
        return AK_OK;
    }
    if (!perm_allows(me->role, PERM_PEOPLE)) {
        r->denied = 1;
        *answered = 1;
        return http_send_error(r, 403);
    }
    return store_user_by_login(r->store, &r->arena, login, u);
}

/* The profile form of user u filled with p, with an error (may be NULL)
 * sent with status. */
static enum ak_err profile_render(struct req *r, const struct user *u, const struct author *p,
                                  const char *error, int status)
{
    struct arena *a = &r->arena;
    int mine = u->id == r->session->user.id;
    struct tv *v = admin_page_new(r, mine ? "ملفي العام" : "الملف العام", "profile");
    if (!v)
        return AK_ENOMEM;
    tv_str(a, v, "error", error);
    struct tv *o = tv_child(a, v, "profile");
    tv_str(a, o, "login", u->login);
    tv_bool(a, o, "mine", mine);
    tv_str(a, o, "name", p->name);
    tv_str(a, o, "slug", p->slug);
    tv_str(a, o, "bio", p->bio);
    tv_int(a, o, "bio_max", AUTHOR_BIO_MAX);
    if (p->photo_id)
        tv_int(a, o, "photo", p->photo_id);
    if (p->photo_hash && *p->photo_hash)
        tv_image(a, o, "image", p->photo_hash, p->photo_width, p->photo_height, p->photo_alt,
                 0);
    return page_render(r, status, "admin_profile", v, HTTP_NO_STORE);
}

enum ak_err admin_profile(struct req *r)
{
    struct user u;
    struct author p;
    int answered;
    enum ak_err rc = profile_target(r, http_query(r, "login"), &u, &answered);
    if (rc || answered || (rc = store_author_get(r->store, &r->arena, u.id, &p)))
        return rc;
    return profile_render(r, &u, &p, NULL, 200);
}

/* Characters in s (valid UTF-8, checked by the form's validator). */
static size_t profile_chars(const char *s)
{
    size_t chars = 0;
    for (; *s; s++)
        chars += ((unsigned char)*s & 0xC0) != 0x80;
    return chars;
}

enum ak_err admin_profile_save(struct req *r)
{
    struct user u;
    int answered;
    enum ak_err rc = profile_target(r, http_form(r, "login"), &u, &answered);
    if (rc || answered)
        return rc;
    const char *bio = http_form(r, "bio"), *slug = http_form(r, "slug");
    struct author_in in = {
        .name = admin_form_name(r, "name", USER_NAME_MAX), .slug = slug,
        .bio = bio ? bio : "", .photo_id = http_form_int(r, "photo"),
    };
    /* What the form said, to show it again with an error. */
    struct author shown = {
        .name = http_form(r, "name"), .slug = slug, .bio = in.bio, .photo_id = in.photo_id,
    };
    if (!in.name)
        return profile_render(r, &u, &shown, "الاسم مطلوب، بلا رموز تحكّم، وأقصاه 100 حرف.",
                              400);
    if (profile_chars(in.bio) > AUTHOR_BIO_MAX)
        return profile_render(r, &u, &shown, "النبذة أطول من 600 حرف.", 400);
    struct media m;
    if (in.photo_id > 0 && store_media_get(r->store, &r->arena, in.photo_id, &m) != AK_OK)
        return profile_render(r, &u, &shown,
                              "لا توجد صورة بهذا الرقم في مكتبة الوسائط.", 400);
    if ((rc = store_begin(r->store)))
        return rc;
    const char *saved = NULL;
    rc = store_author_save(r->store, &r->arena, u.id, &in, &saved);
    if (rc == AK_EEXIST || rc == AK_EINVAL) {
        store_rollback(r->store);
        return profile_render(r, &u, &shown, rc == AK_EEXIST ?
                              "هذا المعرّف مستعمل في ملف كاتب آخر." :
                              "المعرّف غير صالح: اكتب كلمات بالعربية أو بحروف لاتينية.", 400);
    }
    const char *back = u.id == r->session->user.id ? "/admin/profile" :
        arena_printf(&r->arena, "/admin/profile?login=%s", u.login);
    rc = admin_commit_redirect(r, rc == AK_OK && !back ? AK_ENOMEM : rc, AUDIT_PROFILE_SAVE,
                               u.login, saved ? saved : "", back);
    if (rc != AK_EFULL && rc != AK_EIO)
        return rc;
    return profile_render(r, &u, &shown, admin_save_failed(rc), ADMIN_SAVE_FAILED);
}
