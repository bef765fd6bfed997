/*
 * routes.c: every URL akhbar answers, in one table (see http/router.h).
 * Method, permission and body-size checks run in http/server.c before a
 * handler is called.
 */
#include "http/router.h"
#include "site/site.h"

#define FORM_MAX (64u << 10)    /* bytes in a comment form */

const struct route routes[] = {
    { HTTP_GET, "/", site_page_home, 0, 0 },
    { HTTP_GET, "/latest", site_page_latest, 0, 0 },
    { HTTP_GET, "/search", site_page_search, 0, 0 },
    { HTTP_GET, "/section/*", site_page_section, 0, 0 },
    { HTTP_GET, "/tag/*", site_page_tag, 0, 0 },
    { HTTP_GET, "/article/#", site_article_redirect, 0, 0 },
    { HTTP_GET, "/article/#/*", site_page_article, 0, 0 },
    { HTTP_POST, "/article/#/comment", site_comment_post, ROUTE_WRITES | ROUTE_FORM, FORM_MAX },
    { HTTP_GET, "/static/*", site_static, 0, 0 },
    { 0, NULL, NULL, 0, 0 },
};
