/*
 * routes.c: every URL akhbar answers, in one table (see http/router.h).
 * Method, permission (http/perm.h), CSRF and body-size checks run in
 * http/server.c before a handler is called: a handler of a route that is
 * not PERM_PUBLIC always has a session whose role holds the permission, and
 * when it is a POST, the request came from our own form.
 */
#include "admin/admin.h"
#include "http/router.h"
#include "site/site.h"

#define FORM_MAX (64u << 10)    /* bytes in a comment form */
#define ADMIN_FORM_MAX (16u << 10)  /* bytes in a login or logout form */

#define RW (ROUTE_WRITES | ROUTE_FORM)

const struct route routes[] = {
    /* the public site */
    { HTTP_GET, "/", site_page_home, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/latest", site_page_latest, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/search", site_page_search, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/section/*", site_page_section, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/tag/*", site_page_tag, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/article/#", site_article_redirect, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/article/#/*", site_page_article, PERM_PUBLIC, 0, 0 },
    { HTTP_POST, "/article/#/comment", site_comment_post, PERM_PUBLIC, RW, FORM_MAX },
    { HTTP_GET, "/static/*", site_static, PERM_PUBLIC, 0, 0 },
    /* the newsroom */
    { HTTP_GET, "/admin", admin_root_redirect, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/admin/login", admin_login_form, PERM_PUBLIC, 0, 0 },
    { HTTP_POST, "/admin/login", admin_login_post, PERM_PUBLIC, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/logout", admin_logout, PERM_NEWSROOM, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/logout-all", admin_logout_all, PERM_NEWSROOM, RW, ADMIN_FORM_MAX },
    { HTTP_GET, "/admin/", admin_dashboard, PERM_NEWSROOM, 0, 0 },
    { HTTP_GET, "/admin/articles", admin_articles, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_GET, "/admin/people", admin_people, PERM_PEOPLE, 0, 0 },
    { HTTP_GET, "/admin/audit", admin_audit_log, PERM_AUDIT, 0, 0 },
    { 0, NULL, NULL, PERM__UNSET, 0, 0 },
};
