/*
 * revisions.c: an article's revisions (/admin/articles/ID/revisions): every
 * save, who made it and when; a line diff between any two
 * (?from=REV&to=REV; by default the last two), and restoring one (POST
 * /admin/articles/ID/restore), which saves its text as a new revision and
 * leaves the article's state as it is.
 *
 * A revision is compared as one text: a line for each of title, lede,
 * slug, sections, tags and source, then the Markdown body. Every line goes
 * through the template's escaping; removed lines are <del>, added <ins>.
 */
#include <stdlib.h>
#include <string.h>
#include "admin/admin.h"
#include "newsroom/article.h"
#include "store/article.h"
#include "store/article_edit.h"
#include "store/user.h"
#include "text/diff.h"

/* The text a revision is compared as, in arena a. */
static const char *revision_text(struct arena *a, const struct revision *v)
{
    return arena_printf(a, "العنوان: %s\nالمقدمة: %s\nالمعرّف: %s\nالأقسام: %s\nالوسوم: %s\n"
                        "المصدر: %s\n\n%s", v->title, v->lede, v->slug, v->sections, v->tags,
                        v->source, v->body_md);
}

/* A positive id from the query's name, else 0. */
static int64_t revision_query_id(struct req *r, const char *name)
{
    const char *s = http_query(r, name);
    if (!s || !*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
        return 0;
    return strtoll(s, NULL, 10);
}

static enum ak_err revisions_render(struct req *r, const struct article_draft *d, int status,
                                    const char *error)
{
    struct arena *a = &r->arena;
    struct revision *revs;
    size_t n;
    enum ak_err rc = store_revision_list(r->store, a, d->id, &revs, &n);
    if (rc)
        return rc;
    int64_t from = revision_query_id(r, "from"), to = revision_query_id(r, "to");
    if (!from && !to && n >= 2) {
        from = revs[1].id;
        to = revs[0].id;
    }
    struct tv *v = admin_page_new(r, "النسخ", "articles");
    if (!v)
        return AK_ENOMEM;
    struct tv *art = tv_child(a, v, "article");
    tv_int(a, art, "id", d->id);
    tv_str(a, art, "title", d->title);
    tv_str(a, v, "error", error);
    tv_bool(a, v, "can_restore",
            editor_transition(&r->session->user, (int)d->status, d->author_id, EDITOR_SAVE) >= 0);
    struct tv *list = tv_list(a, v, "revisions", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = tv_item(list, i);
        tv_int(a, it, "id", revs[i].id);
        tv_str(a, it, "user", *revs[i].user ? revs[i].user : "—");
        tv_str(a, it, "title", revs[i].title);
        tv_str(a, it, "status", admin_status_labels[revs[i].status]);
        tv_bool(a, it, "is_from", revs[i].id == from);
        tv_bool(a, it, "is_to", revs[i].id == to);
        page_dates(r, it, "created", revs[i].created_at,
                   PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME));
    }
    if (from && to) {
        struct revision x, y;
        if ((rc = store_revision_get(r->store, a, d->id, from, &x)) ||
            (rc = store_revision_get(r->store, a, d->id, to, &y)))
            return rc;
        const char *tx = revision_text(a, &x), *ty = revision_text(a, &y);
        struct diff_line *lines;
        size_t nl;
        if (!tx || !ty)
            return AK_ENOMEM;
        if ((rc = text_diff_lines(a, tx, strlen(tx), ty, strlen(ty), &lines, &nl)))
            return rc;
        struct tv *dv = tv_child(a, v, "diff");
        tv_int(a, dv, "from", from);
        tv_int(a, dv, "to", to);
        size_t changes = 0;
        struct tv *dl = tv_list(a, dv, "lines", nl);
        for (size_t i = 0; dl && i < nl; i++) {
            struct tv *it = tv_item(dl, i);
            /* an empty line keeps its height (a no-break space) */
            tv_str(a, it, "text", lines[i].n ? arena_strndup(a, lines[i].p, lines[i].n)
                                             : "\u00a0");
            tv_bool(a, it, "del", lines[i].op == DIFF_DEL);
            tv_bool(a, it, "ins", lines[i].op == DIFF_ADD);
            tv_bool(a, it, "same", lines[i].op == DIFF_SAME);
            changes += lines[i].op != DIFF_SAME;
        }
        tv_bool(a, dv, "identical", changes == 0);
    }
    return page_render(r, status, "admin_revisions", v, HTTP_NO_STORE);
}

/* Article r->ids[0] into *d, when the user may edit it: else the answer
 * was sent (404 or 403) and *answered is set. */
static enum ak_err revisions_article(struct req *r, struct article_draft *d, int *answered)
{
    *answered = 0;
    enum ak_err rc = store_article_get_any(r->store, &r->arena, r->ids[0], d);
    if (rc)
        return rc;
    if (!perm_may_edit(&r->session->user, d->author_id)) {
        *answered = 1;
        r->denied = 1;
        return http_send_error(r, 403);
    }
    return AK_OK;
}

enum ak_err admin_revisions(struct req *r)
{
    struct article_draft d;
    int answered;
    enum ak_err rc = revisions_article(r, &d, &answered);
    if (rc || answered)
        return rc;
    return revisions_render(r, &d, 200, NULL);
}

/* Split s at each sep (a literal) into an arena list; empty parts dropped. */
static const char **revision_split(struct arena *a, const char *s, const char *sep, size_t *n)
{
    size_t cap = 1, sl = strlen(sep);
    for (const char *p = s; (p = strstr(p, sep)); p += sl)
        cap++;
    const char **out = arena_alloc(a, cap * sizeof *out);
    *n = 0;
    while (out && *s) {
        const char *e = strstr(s, sep);
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len && !(out[*n] = arena_strndup(a, s, len)))
            return NULL;
        *n += len != 0;
        s += len + (e ? sl : 0);
    }
    return out;
}

enum ak_err admin_revision_restore(struct req *r)
{
    struct arena *a = &r->arena;
    const struct user *u = &r->session->user;
    struct article_draft d;
    int answered;
    enum ak_err rc = revisions_article(r, &d, &answered);
    if (rc || answered)
        return rc;
    if (editor_transition(u, (int)d.status, d.author_id, EDITOR_SAVE) < 0) {
        r->denied = 1;
        return http_send_error(r, 403);
    }
    struct revision v;
    int64_t rev = http_form_int(r, "revision");
    if (!rev)
        return http_send_error(r, 400);
    if ((rc = store_revision_get(r->store, a, d.id, rev, &v)))
        return rc;
    size_t nsecs, ntags;
    const char **secs = revision_split(a, v.sections, " ", &nsecs);
    const char **tags = revision_split(a, v.tags, ", ", &ntags);
    if (!secs || !tags)
        return AK_ENOMEM;
    struct article_in in = {
        .title = v.title, .lede = v.lede, .body_md = v.body_md, .slug = v.slug,
        .section = nsecs ? secs[0] : "", .sections = nsecs ? secs + 1 : NULL,
        .nsections = nsecs ? nsecs - 1 : 0, .tags = tags, .ntags = ntags,
        .author = d.author, .source = v.source, .status = d.status,
        .published_at = d.published_at, .breaking = d.breaking,
    };
    if ((rc = newsroom_article_render(a, &in)) == AK_ETOOBIG)   /* saved under older bounds */
        return revisions_render(r, &d, 422, admin_body_refused(v.body_md));
    if (rc)
        return rc;
    const char *detail = arena_printf(a, "revision %lld", (long long)rev);
    if (!detail)
        return AK_ENOMEM;
    struct audit_entry e = admin_audit_entry(r, AUDIT_ARTICLE_RESTORE, NULL, detail);
    struct article_save sv = { .id = d.id, .user_id = u->id, .image_id = d.image_id, .in = &in,
                               .audit = &e };
    int64_t id;
    rc = store_article_save(r->store, &sv, &id);
    if (rc == AK_ENOTFOUND)
        return revisions_render(r, &d, 409, "لا يمكن استعادة هذه النسخة: أحد أقسامها لم يعد موجوداً.");
    if (rc && rc != AK_ENOMEM)
        return revisions_render(r, &d, ADMIN_SAVE_FAILED, admin_save_failed(rc));
    if (rc)
        return rc;
    const char *loc = arena_printf(a, "/admin/articles/%lld/edit?done=restore", (long long)id);
    return loc ? http_redirect(r, 303, loc) : AK_ENOMEM;
}
