/*
 * dashboard.c: the newsroom's front page (/admin/): what waits for whom.
 * Counts of drafts, articles in review, scheduled ones and comments awaiting
 * moderation, each shown only to a role that can act on it (an author sees
 * their own articles' counts), each a link to the list behind it.
 */
#include "admin/admin.h"
#include "store/article.h"
#include "store/article_desk.h"
#include "store/comment.h"
#include "store/user.h"

enum ak_err admin_dashboard(struct req *r)
{
    struct arena *a = &r->arena;
    const struct user *u = &r->session->user;
    struct tv *v = admin_page_new(r, "لوحة التحكم", "dashboard");
    if (!v)
        return AK_ENOMEM;
    enum ak_err rc;
    if (perm_allows(u->role, PERM_ARTICLES_OWN)) {
        int64_t counts[ARTICLE_STATUS__MAX];
        int all = perm_allows(u->role, PERM_ARTICLES_ALL);
        if ((rc = store_article_count_status(r->store, all ? 0 : u->id, counts)))
            return rc;
        struct tv *c = tv_child(a, v, "articles");
        tv_bool(a, c, "mine", !all);
        tv_int(a, c, "drafts", counts[ARTICLE_DRAFT]);
        tv_int(a, c, "review", counts[ARTICLE_REVIEW]);
        tv_int(a, c, "scheduled", counts[ARTICLE_SCHEDULED]);
        tv_int(a, c, "published", counts[ARTICLE_PUBLISHED]);
    }
    if (perm_allows(u->role, PERM_COMMENTS)) {
        int64_t pending;
        if ((rc = store_comment_count_status(r->store, COMMENT_PENDING, &pending)))
            return rc;
        tv_int(a, tv_child(a, v, "comments"), "pending", pending);
    }
    const struct config *c = page_config(r);
    if (perm_allows(u->role, PERM_SETTINGS) && c && !c->set[CONFIG_URL])
        tv_str(a, v, "listen_base", page_base_url(r));
    return page_render(r, 200, "admin_dashboard", v, HTTP_NO_STORE);
}
