/*
 * routes.c: every URL akhbar answers, in one table (see http/router.h).
 * Method, permission (http/perm.h), CSRF and body-size checks run in
 * http/server.c before a handler is called: a handler of a route that is
 * not PERM_PUBLIC always has a session whose role holds the permission, and
 * when it is a POST, the request came from our own form.
 */
#include "admin/admin.h"
#include "http/router.h"
#include "media/image.h"
#include "site/site.h"

#define FORM_MAX (64u << 10)    /* bytes in a comment form */
#define ADMIN_FORM_MAX (16u << 10)  /* bytes in a login, logout or other newsroom form */

#define EDITOR_FORM_MAX (512u << 10)   /* bytes in the editor's form (fields of 64 KB) */
/* bytes in an upload: the image and the form's few other fields */
#define UPLOAD_MAX ((size_t)MEDIA_MAX_BYTES + (256u << 10))

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
    /* moderation, sections and tags, people management */
    { HTTP_GET, "/admin/comments", admin_comments, PERM_COMMENTS, 0, 0 },
    { HTTP_POST, "/admin/comments/bulk", admin_comments_bulk, PERM_COMMENTS, RW, ADMIN_FORM_MAX },
    { HTTP_GET, "/admin/sections", admin_sections, PERM_SECTIONS, 0, 0 },
    { HTTP_POST, "/admin/sections/add", admin_sections_add, PERM_SECTIONS, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/sections/rename", admin_sections_rename, PERM_SECTIONS, RW,
      ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/sections/move", admin_sections_move, PERM_SECTIONS, RW, ADMIN_FORM_MAX },
    { HTTP_GET, "/admin/tags", admin_tags, PERM_SECTIONS, 0, 0 },
    { HTTP_POST, "/admin/tags/rename", admin_tags_rename, PERM_SECTIONS, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/tags/merge", admin_tags_merge, PERM_SECTIONS, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/tags/delete", admin_tags_delete, PERM_SECTIONS, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/people/add", admin_people_add, PERM_PEOPLE, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/people/role", admin_people_role, PERM_PEOPLE, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/people/disable", admin_people_disable, PERM_PEOPLE, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/people/enable", admin_people_enable, PERM_PEOPLE, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/people/password", admin_people_password, PERM_PEOPLE, RW,
      ADMIN_FORM_MAX },
    /* the editor, revisions and media */
    { HTTP_GET, "/admin/articles/new", admin_article_new, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_GET, "/admin/articles/#/edit", admin_article_edit, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_POST, "/admin/articles/save", admin_article_save, PERM_ARTICLES_OWN, RW,
      EDITOR_FORM_MAX },
    { HTTP_POST, "/admin/articles/preview", admin_article_preview, PERM_ARTICLES_OWN,
      ROUTE_FORM, EDITOR_FORM_MAX },
    { HTTP_GET, "/admin/articles/#/revisions", admin_revisions, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_POST, "/admin/articles/#/restore", admin_revision_restore, PERM_ARTICLES_OWN, RW,
      ADMIN_FORM_MAX },
    { HTTP_GET, "/admin/media", admin_media, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_POST, "/admin/media", admin_media_upload, PERM_ARTICLES_OWN, RW | ROUTE_UPLOAD,
      UPLOAD_MAX },
    { HTTP_POST, "/admin/media/alt", admin_media_alt, PERM_ARTICLES_OWN, RW, ADMIN_FORM_MAX },
    { HTTP_GET, "/media/*", site_media, PERM_PUBLIC, 0, 0 },
    { 0, NULL, NULL, PERM__UNSET, 0, 0 },
};
