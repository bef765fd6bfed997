/*
 * admin.h: the newsroom's pages under /admin/ (Arabic, right to left,
 * usable without JavaScript).
 *
 * Access is decided before a handler runs (http/perm.h, src/routes.c): a
 * handler here for a non-public route always has r->session, and a POST has
 * passed the same-origin and session-token checks. Every template gets the
 * session's token as {{csrf}} for its forms. Handlers record what they do
 * in the audit log (admin_audit).
 */
#ifndef AK_ADMIN_H
#define AK_ADMIN_H

#include "http/perm.h"
#include "site/site.h"

/* Arabic names of roles (مدير، محرر، كاتب، مشرف) and article states. */
extern const char *const admin_role_labels[USER_ROLE__MAX];
extern const char *const admin_status_labels[ARTICLE_STATUS__MAX];

/* A template root for a logged-in page: site.name, title, the user's name
 * and role, {{csrf}}, and the navigation (can.* flags for what the role may
 * open, nav_NAME set for current). NULL when out of memory. */
struct tv *admin_page_new(struct req *r, const char *title, const char *current);
/* Record action by the request's user (if any) from its client address. */
enum ak_err admin_audit(struct req *r, const char *action, const char *target,
                        const char *detail);

/* Login throttling (login.c). Failures count within LOGIN_WINDOW; after
 * `free` of them every attempt waits LOGIN_DELAY_BASE << (failures - free)
 * seconds from the latest failure, at most LOGIN_DELAY_MAX, and is answered
 * 429 without the password being checked. */
#define LOGIN_WINDOW 3600               /* seconds */
#define LOGIN_FREE_ACCOUNT 5            /* failures of one login before it waits */
#define LOGIN_FREE_CLIENT 20            /* failures from one address before it waits */
#define LOGIN_DELAY_BASE 15             /* seconds */
#define LOGIN_DELAY_MAX 900             /* seconds */
/* Seconds still to wait at time now after `failures` failures, the latest
 * at `last`, when `free` are allowed; 0 when an attempt may go ahead. */
int64_t admin_login_wait(int64_t failures, int64_t last, int64_t free, int64_t now);

/* Handlers (the route table is in src/routes.c). */
enum ak_err admin_root_redirect(struct req *r);     /* GET /admin */
enum ak_err admin_login_form(struct req *r);        /* GET /admin/login */
enum ak_err admin_login_post(struct req *r);        /* POST /admin/login */
enum ak_err admin_logout(struct req *r);            /* POST /admin/logout */
enum ak_err admin_logout_all(struct req *r);        /* POST /admin/logout-all */
enum ak_err admin_dashboard(struct req *r);         /* GET /admin/ */
enum ak_err admin_articles(struct req *r);          /* GET /admin/articles */
enum ak_err admin_people(struct req *r);            /* GET /admin/people */
enum ak_err admin_audit_log(struct req *r);         /* GET /admin/audit */

#endif
