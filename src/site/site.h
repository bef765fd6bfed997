/*
 * site.h: the public site's pages. They are built with the page kit
 * (page/page.h), which the newsroom (admin/) shares.
 */
#ifndef AK_SITE_H
#define AK_SITE_H

#include "page/page.h"

#define SITE_PAGE_SIZE 20       /* articles per list page */

/* Handlers (the route table is in src/routes.c). */
enum ak_err site_page_home(struct req *r);
enum ak_err site_page_latest(struct req *r);
enum ak_err site_page_section(struct req *r);
enum ak_err site_page_tag(struct req *r);
enum ak_err site_page_article(struct req *r);
enum ak_err site_page_search(struct req *r);
enum ak_err site_article_redirect(struct req *r);
enum ak_err site_comment_post(struct req *r);
enum ak_err site_static(struct req *r);
enum ak_err site_media(struct req *r);
enum ak_err site_page_author(struct req *r);       /* /author/SLUG (page_people.c) */
enum ak_err site_page_static(struct req *r);       /* /page/SLUG (page_people.c) */

#endif
