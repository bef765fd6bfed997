/*
 * autosave.c: the editor's autosave (POST /admin/articles/autosave) and
 * its discarding (POST /admin/articles/autosave/discard).
 *
 * admin.js posts the editor's whole form every 20 seconds while it changes
 * (the same fields as a save, with the session's token: the usual CSRF
 * checks run before the handler). The text is kept as typed, one row per
 * writer and article (store/autosave.h): no revision, no audit entry, no
 * rendering, nothing public invalidated. Only someone who may save the
 * article may autosave it (editor_transition, as the save handler asks).
 * The answer is the line the page shows ("حُفظت تلقائيًا ..."), as text.
 *
 * The editor offers the autosave back when it is newer than the article
 * (editor.c); saving the article for real, or discarding, deletes it.
 */
#include <string.h>
#include "admin/admin.h"
#include "render/date.h"
#include "store/article_edit.h"
#include "store/autosave.h"

/* Whether the session's user may save article id (0: a new one); *rc gets
 * an error of the store other than AK_ENOTFOUND. */
static int autosave_allowed(struct req *r, int64_t id, enum ak_err *rc)
{
    const struct user *u = &r->session->user;
    *rc = AK_OK;
    if (!id)
        return editor_transition(u, -1, u->id, EDITOR_SAVE) >= 0;
    struct article_draft d;
    if ((*rc = store_article_get_any(r->store, &r->arena, id, &d)))
        return 0;
    return editor_transition(u, (int)d.status, d.author_id, EDITOR_SAVE) >= 0;
}

enum ak_err admin_article_autosave(struct req *r)
{
    int64_t id = http_form_int(r, "id");
    enum ak_err rc;
    if (!autosave_allowed(r, id, &rc)) {
        if (rc && rc != AK_ENOTFOUND)
            return rc;
        r->denied = !rc;
        return http_send_error(r, rc ? 404 : 403);
    }
    struct autosave s = {
        .user_id = r->session->user.id, .article_id = id,
        .title = http_form(r, "title"), .lede = http_form(r, "lede"),
        .body = http_form(r, "body"), .section = http_form(r, "section"),
        .tags = http_form(r, "tags"), .source = http_form(r, "source"),
        .slug = http_form(r, "slug"),
    };
    if ((rc = store_autosave_put(r->store, &s)))
        return rc;
    page_config(r);                     /* the site's time zone for the time */
    char when[96];
    date_format(s.saved_at, DATE_GREGORIAN_TIME, when, sizeof when);
    const char *line = arena_printf(&r->arena, "حُفظت نسخة تلقائية في %s.", when);
    return line ? http_send(r, 200, "text/plain; charset=utf-8", line, strlen(line),
                            HTTP_NO_STORE)
                : AK_ENOMEM;
}

enum ak_err admin_article_autosave_drop(struct req *r)
{
    int64_t id = http_form_int(r, "id");
    enum ak_err rc = store_autosave_drop(r->store, r->session->user.id, id);
    if (rc)
        return rc;
    const char *back = id ? arena_printf(&r->arena, "/admin/articles/%lld/edit", (long long)id)
                          : "/admin/articles/new";
    return back ? http_redirect(r, 303, back) : AK_ENOMEM;
}
