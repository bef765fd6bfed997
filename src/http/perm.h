/*
 * perm.h: what each newsroom role may do. One table (perm.c) maps roles to
 * permissions; every route names the permission it needs (src/routes.c),
 * and the dispatcher checks it before the handler runs (http/dispatch.c):
 *
 *   anonymous, route not PERM_PUBLIC  -> 303 to /admin/login?next=PATH
 *   logged in, role lacks permission  -> 403 (Arabic page)
 *
 * Handlers check finer rules themselves with perm_allows() and
 * perm_may_edit() (an author may edit only their own articles).
 */
#ifndef AK_PERM_H
#define AK_PERM_H

#include "store/user.h"

enum perm {
    PERM__UNSET,            /* a route that names none: refused to everyone (fail closed) */
    PERM_PUBLIC,            /* anyone; no session is looked up */
    PERM_NEWSROOM,          /* any logged-in user: dashboard, logout */
    PERM_ARTICLES_OWN,      /* write one's own drafts, submit them for review */
    PERM_ARTICLES_ALL,      /* edit anyone's articles */
    PERM_PUBLISH,           /* schedule, publish, unpublish */
    PERM_COMMENTS,          /* moderate comments */
    PERM_SECTIONS,          /* sections and tags */
    PERM_PEOPLE,            /* add, disable, change people */
    PERM_SETTINGS,          /* the site's settings */
    PERM_AUDIT,             /* read the audit log */
    PERM__MAX
};
extern const char *const perm_names[PERM__MAX];

/* Non-zero when role has permission p. PERM_PUBLIC is everyone's;
 * PERM__UNSET no one's. */
int perm_allows(enum user_role role, enum perm p);
/* Non-zero when user may change an article owned by author_id (0: no
 * newsroom user): PERM_ARTICLES_ALL, or PERM_ARTICLES_OWN and it is theirs. */
int perm_may_edit(const struct user *u, int64_t author_id);

#endif
