/*
 * comments.c: the moderation queue (/admin/comments?status=STATE&page=N),
 * for moderators, editors and the admin (PERM_COMMENTS).
 *
 * Each comment shows its article's title, linked to the public page at the
 * comment's anchor (#comment-ID), so its context is one click away. Checked
 * comments are approved, marked as spam or deleted together (POST
 * /admin/comments/bulk, field action), in one transaction with one audit
 * entry per comment changed; each comment's own buttons post the same form
 * as approve=ID, spam=ID or delete=ID, which acts on that comment alone
 * whatever is checked. Select-all works without JavaScript (?all=1 renders
 * every box checked); admin.js turns it into a checkbox.
 *
 * Why checkboxes named "cID" and pages of MODERATION_PAGE: the server keeps
 * at most HTTP_MAX_FIELDS distinct form fields and refuses a repeated name,
 * so each checkbox has a name of its own and a page holds as many as fit
 * beside csrf, action and status.
 */
#include <stdlib.h>
#include <string.h>
#include "admin/admin.h"
#include "store/comment.h"
#include "store/store.h"

#define MODERATION_PAGE (HTTP_MAX_FIELDS - 4)

static const char *const moderation_tab_labels[COMMENT_STATUS__MAX] = {
    [COMMENT_PENDING] = "بانتظار الإشراف", [COMMENT_APPROVED] = "منشورة",
    [COMMENT_SPAM] = "مزعجة",
};

/* The status named s ("pending" when NULL or empty), or -1. */
static int moderation_status(const char *s)
{
    if (!s || !*s)
        return COMMENT_PENDING;
    for (int i = 0; i < COMMENT_STATUS__MAX; i++)
        if (strcmp(s, comment_status_names[i]) == 0)
            return i;
    return -1;
}

/* The queue of comments with status on page (from 1), with an error
 * message (may be NULL) sent with http_status. */
static enum ak_err moderation_render(struct req *r, int status, size_t page, int all,
                                     const char *error, int http_status)
{
    struct arena *a = &r->arena;
    struct comment_queued *cs;
    size_t n, total;
    enum ak_err rc = store_comment_queue(r->store, a, status, (page - 1) * MODERATION_PAGE,
                                         MODERATION_PAGE, &cs, &n, &total);
    if (rc)
        return rc;
    struct tv *v = admin_page_new(r, "الإشراف على التعليقات", "comments");
    if (!v)
        return AK_ENOMEM;
    tv_str(a, v, "error", error);
    tv_str(a, v, "status", comment_status_names[status]);
    tv_int(a, v, "total", (int64_t)total);
    tv_bool(a, v, "pending", status == COMMENT_PENDING);
    tv_bool(a, v, "approved", status == COMMENT_APPROVED);
    tv_bool(a, v, "spam", status == COMMENT_SPAM);
    tv_bool(a, v, "all", all);
    if (page > 1)
        tv_int(a, v, "page_arg", (int64_t)page);
    struct tv *tabs = tv_list(a, v, "tabs", COMMENT_STATUS__MAX);
    for (int i = 0; tabs && i < COMMENT_STATUS__MAX; i++) {
        struct tv *it = tv_item(tabs, i);
        tv_str(a, it, "slug", comment_status_names[i]);
        tv_str(a, it, "label", moderation_tab_labels[i]);
        tv_bool(a, it, "current", i == status);
    }
    struct tv *list = tv_list(a, v, "comments", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *it = tv_item(list, i);
        tv_int(a, it, "id", cs[i].id);
        tv_str(a, it, "author", cs[i].author);
        tv_str(a, it, "body", cs[i].body);
        tv_str(a, it, "article", cs[i].article_title);
        if (cs[i].article_published)
            tv_str(a, it, "url", page_article_url(r, cs[i].article_id, cs[i].article_slug));
        page_dates(r, it, "created", cs[i].created_at,
                   PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME));
    }
    size_t pages = (total + MODERATION_PAGE - 1) / MODERATION_PAGE;
    page_pagination(r, v, page, pages);         /* its links read v.status */
    return page_render(r, http_status, "admin_comments", v, HTTP_NO_STORE);
}

enum ak_err admin_comments(struct req *r)
{
    int status = moderation_status(http_query(r, "status"));
    size_t page = page_number(r);
    const char *all = http_query(r, "all");
    if (status < 0 || page == 0)
        return http_send_error(r, 400);
    return moderation_render(r, status, page, all && strcmp(all, "1") == 0, NULL, 200);
}

enum ak_err admin_comments_bulk(struct req *r)
{
    struct arena *a = &r->arena;
    int status = http_form_enum(r, "status");   /* declared in src/routes.c */
    int action = http_form_enum(r, "action");
    if (status < 0)
        status = COMMENT_PENDING;
    int64_t ids[HTTP_MAX_FIELDS], done[HTTP_MAX_FIELDS];
    size_t ndone, n = 0;
    for (int i = 0; i < COMMENT_ACTION__MAX; i++) {     /* one comment's own button */
        int64_t one = http_form_int(r, comment_action_names[i]);
        if (one > 0 && n == 0) {
            action = i;
            ids[n++] = one;
        }
    }
    if (action < 0)
        return http_send_error(r, 400);
    if (n == 0)
        n = http_form_ids(r, "c", ids, HTTP_MAX_FIELDS);
    if (n == 0)
        return moderation_render(r, status, 1, 0, "لم تختر أي تعليق.", 400);
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    static const enum audit_action what_of[COMMENT_ACTION__MAX] = {
        [COMMENT_APPROVE] = AUDIT_COMMENT_APPROVE, [COMMENT_MARK_SPAM] = AUDIT_COMMENT_SPAM,
        [COMMENT_DELETE] = AUDIT_COMMENT_DELETE,
    };
    enum audit_action what = what_of[action];
    if (rc == AK_OK)
        rc = store_comment_bulk(r->store, action, ids, n, done, &ndone);
    for (size_t i = 0; rc == AK_OK && i < ndone; i++) {
        const char *target = arena_printf(a, "%lld", (long long)done[i]);
        rc = target ? admin_audit(r, what, target, "") : AK_ENOMEM;
    }
    if (rc == AK_OK)
        rc = store_commit(r->store);
    if (rc) {
        store_rollback(r->store);
        return rc;
    }
    const char *back = arena_printf(a, "/admin/comments?status=%s", comment_status_names[status]);
    return back ? http_redirect(r, 303, back) : AK_ENOMEM;
}
