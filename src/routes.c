/*
 * routes.c: every URL akhbar answers, in one table (see http/router.h), and
 * the fields of every form (http/http.h). Method, permission (http/perm.h),
 * CSRF, body-size and form checks run in http/dispatch.c before a handler
 * is called: a handler of a route that is not PERM_PUBLIC always has a
 * session whose role holds the permission; when it is a POST, the request
 * came from our own form; and a handler reads only the fields declared
 * here, each valid for its validator.
 *
 * Limits are in bytes (a character is up to 4): handlers check the finer
 * rules (characters, slugs, passwords) and answer those with their own
 * pages, so the limits here are what no real form exceeds.
 */
#include "admin/admin.h"
#include "http/router.h"
#include "media/image.h"
#include "site/comment.h"
#include "site/site.h"
#include "store/comment.h"
#include "store/user.h"

#define FORM_MAX (64u << 10)    /* bytes in a comment form */
#define ADMIN_FORM_MAX (16u << 10)  /* bytes in a login, logout or other newsroom form */

#define EDITOR_FORM_MAX (512u << 10)   /* bytes in the editor's form (fields of 64 KB) */
/* bytes in an upload: the image and the form's few other fields */
#define UPLOAD_MAX ((size_t)MEDIA_MAX_BYTES + (256u << 10))

#define RW (ROUTE_WRITES | ROUTE_FORM)
#define REQ HTTP_FIELD_REQUIRED
#define LINE(name, max) { name, HTTP_VALID_LINE, max, 0, NULL, 0 }
#define TEXT(name, max) { name, HTTP_VALID_TEXT, max, 0, NULL, 0 }
#define ID(name, flags) { name, HTTP_VALID_ID, 0, flags, NULL, 0 }
#define ENUM(name, flags, names, n) { name, HTTP_VALID_ENUM, 0, flags, names, n }
#define LOGIN_FIELD { "login", HTTP_VALID_LOGIN, USER_LOGIN_MAX, REQ, NULL, 0 }
#define END { NULL, 0, 0, 0, NULL, 0 }

/* The forms, by route. The session token (csrf) is implied in every one. */
static const struct http_field_spec comment_form[] = {
    LINE("author", 1024), TEXT("body", 0), { "email", HTTP_VALID_EMAIL, 1024, 0, NULL, 0 },
    ID("parent", 0), { "token", HTTP_VALID_TOKEN, 64, 0, NULL, 0 }, TEXT("website", 0), END,
};
static const struct http_field_spec login_form[] = {
    LINE("login", 1024), TEXT("password", 4096), TEXT("next", 4096),
    { "token", HTTP_VALID_TOKEN, 64, 0, NULL, 0 }, END,
};
static const struct http_field_spec bulk_form[] = {
    ENUM("status", 0, comment_status_names, COMMENT_STATUS__MAX),
    ENUM("action", 0, comment_action_names, COMMENT_ACTION__MAX),
    ID("approve", 0), ID("spam", 0), ID("delete", 0),  /* one comment's own buttons */
    { "c", HTTP_VALID_CHECKBOX, 8, HTTP_FIELD_PREFIX, NULL, 0 }, END,
};
static const struct http_field_spec section_add_form[] = {
    LINE("slug", 1024), LINE("name", 1024), END,
};
static const struct http_field_spec rename_form[] = { ID("id", REQ), LINE("name", 1024), END };
static const char *const move_dirs[] = { "up", "down" };
static const struct http_field_spec move_form[] = {
    ID("id", REQ), ENUM("dir", REQ, move_dirs, 2), END,
};
static const struct http_field_spec merge_form[] = { ID("from", REQ), ID("into", REQ), END };
static const struct http_field_spec id_form[] = { ID("id", REQ), END };
static const struct http_field_spec person_add_form[] = {
    LINE("login", 1024), TEXT("password", 4096), LINE("name", 1024),
    ENUM("role", REQ, user_role_names, USER_ROLE__MAX), END,
};
static const struct http_field_spec person_role_form[] = {
    LOGIN_FIELD, ENUM("role", REQ, user_role_names, USER_ROLE__MAX), END,
};
static const struct http_field_spec person_form[] = { LOGIN_FIELD, END };
static const struct http_field_spec person_password_form[] = {
    LOGIN_FIELD, TEXT("password", 4096), END,
};
static const struct http_field_spec editor_form[] = {
    ID("id", 0), LINE("title", 4096), TEXT("lede", 0), TEXT("body", 0), LINE("section", 1024),
    LINE("tags", 4096), LINE("source", 4096), LINE("slug", 1024), LINE("publish_at", 64),
    ID("image", 0), ENUM("action", 0, editor_action_names, EDITOR_ACTION__MAX),
    { "breaking", HTTP_VALID_CHECKBOX, 8, 0, NULL, 0 },
    { "also_", HTTP_VALID_CHECKBOX, 8, HTTP_FIELD_PREFIX, NULL, 0 }, END,
};
static const struct http_field_spec discard_form[] = { ID("id", 0), END };  /* none: new */
static const struct http_field_spec restore_form[] = { ID("revision", REQ), END };
static const struct http_field_spec media_form[] = { ID("id", 0), TEXT("alt", 4096), END };
/* one per key of store/config.h's config_defs */
static const struct http_field_spec settings_form[] = {
    LINE("name", 1024), LINE("url", 1024), LINE("tagline", 1024), LINE("description", 4096),
    LINE("timezone", 256), LINE("logo", 64), LINE("language", 64), LINE("social_x", 1024),
    LINE("social_facebook", 1024), LINE("social_telegram", 1024), LINE("social_youtube", 1024),
    LINE("social_instagram", 1024), LINE("ticker_hours", 16), END,
};
static const struct http_field_spec profile_form[] = {
    { "login", HTTP_VALID_LOGIN, USER_LOGIN_MAX, 0, NULL, 0 }, LINE("name", 1024),
    LINE("slug", 1024), TEXT("bio", 8192), ID("photo", 0), END,
};
static const struct http_field_spec feed_add_form[] = {
    LINE("url", 4096), LINE("section", 1024),
    ENUM("status", REQ, admin_feed_status_names, ADMIN_FEED_STATUS__MAX),
    { "minutes", HTTP_VALID_INT, 16, REQ, NULL, 0 }, END,
};
static const struct http_field_spec page_form[] = {
    ID("id", 0), LINE("slug", 1024), LINE("title", 4096), TEXT("body", 0), ID("position", 0),
    { "published", HTTP_VALID_CHECKBOX, 8, 0, NULL, 0 }, END,
};

const struct route routes[] = {
    /* the public site */
    { HTTP_GET, "/", site_page_home, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/latest", site_page_latest, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/search", site_page_search, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/section/*", site_page_section, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/tag/*", site_page_tag, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/article/#", site_article_redirect, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/article/#/*", site_page_article, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/article/#/comment/token", site_comment_token, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/v/#", site_view, PERM_PUBLIC, 0, 0 },
    { HTTP_POST, "/article/#/comment", site_comment_post, PERM_PUBLIC, RW, FORM_MAX,
      comment_form },
    { HTTP_GET, "/static/*", site_static, PERM_PUBLIC, ROUTE_FILES, 0 },
    /* found on the open web: robots.txt, sitemaps and feeds */
    { HTTP_GET, "/robots.txt", site_robots, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/sitemap.xml", site_sitemap_index, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/sitemap-pages.xml", site_sitemap_pages, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/sitemap-news.xml", site_sitemap_news, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/feed", site_feed_rss, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/feed/atom", site_feed_atom, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/section/*/feed", site_section_feed_rss, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/section/*/feed/atom", site_section_feed_atom, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/tag/*/feed", site_tag_feed_rss, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/tag/*/feed/atom", site_tag_feed_atom, PERM_PUBLIC, ROUTE_CACHE, 0 },
    /* for the operator's machines: health (its probe writes) and metrics */
    { HTTP_GET, "/healthz", site_healthz, PERM_PUBLIC, ROUTE_WRITES, 0 },
    { HTTP_GET, "/metrics", site_metrics, PERM_PUBLIC, 0, 0 },
    /* the newsroom */
    { HTTP_GET, "/admin", admin_root_redirect, PERM_PUBLIC, 0, 0 },
    { HTTP_GET, "/admin/login", admin_login_form, PERM_PUBLIC, 0, 0 },
    { HTTP_POST, "/admin/login", admin_login_post, PERM_PUBLIC, RW, ADMIN_FORM_MAX,
      login_form },
    { HTTP_POST, "/admin/logout", admin_logout, PERM_NEWSROOM, RW, ADMIN_FORM_MAX },
    { HTTP_POST, "/admin/logout-all", admin_logout_all, PERM_NEWSROOM, RW, ADMIN_FORM_MAX },
    { HTTP_GET, "/admin/", admin_dashboard, PERM_NEWSROOM, 0, 0 },
    { HTTP_GET, "/admin/articles", admin_articles, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_GET, "/admin/people", admin_people, PERM_PEOPLE, 0, 0 },
    { HTTP_GET, "/admin/audit", admin_audit_log, PERM_AUDIT, 0, 0 },
    /* moderation, sections and tags, people management */
    { HTTP_GET, "/admin/comments", admin_comments, PERM_COMMENTS, 0, 0 },
    { HTTP_POST, "/admin/comments/bulk", admin_comments_bulk, PERM_COMMENTS, RW, ADMIN_FORM_MAX,
      bulk_form },
    { HTTP_GET, "/admin/sections", admin_sections, PERM_SECTIONS, 0, 0 },
    { HTTP_POST, "/admin/sections/add", admin_sections_add, PERM_SECTIONS, RW, ADMIN_FORM_MAX,
      section_add_form },
    { HTTP_POST, "/admin/sections/rename", admin_sections_rename, PERM_SECTIONS, RW,
      ADMIN_FORM_MAX, rename_form },
    { HTTP_POST, "/admin/sections/move", admin_sections_move, PERM_SECTIONS, RW, ADMIN_FORM_MAX,
      move_form },
    { HTTP_GET, "/admin/tags", admin_tags, PERM_SECTIONS, 0, 0 },
    { HTTP_POST, "/admin/tags/rename", admin_tags_rename, PERM_SECTIONS, RW, ADMIN_FORM_MAX,
      rename_form },
    { HTTP_POST, "/admin/tags/merge", admin_tags_merge, PERM_SECTIONS, RW, ADMIN_FORM_MAX,
      merge_form },
    { HTTP_POST, "/admin/tags/delete", admin_tags_delete, PERM_SECTIONS, RW, ADMIN_FORM_MAX,
      id_form },
    { HTTP_POST, "/admin/people/add", admin_people_add, PERM_PEOPLE, RW, ADMIN_FORM_MAX,
      person_add_form },
    { HTTP_POST, "/admin/people/role", admin_people_role, PERM_PEOPLE, RW, ADMIN_FORM_MAX,
      person_role_form },
    { HTTP_POST, "/admin/people/disable", admin_people_disable, PERM_PEOPLE, RW, ADMIN_FORM_MAX,
      person_form },
    { HTTP_POST, "/admin/people/enable", admin_people_enable, PERM_PEOPLE, RW, ADMIN_FORM_MAX,
      person_form },
    { HTTP_POST, "/admin/people/password", admin_people_password, PERM_PEOPLE, RW,
      ADMIN_FORM_MAX, person_password_form },
    /* the editor, revisions and media */
    { HTTP_GET, "/admin/articles/new", admin_article_new, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_GET, "/admin/articles/#/edit", admin_article_edit, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_POST, "/admin/articles/save", admin_article_save, PERM_ARTICLES_OWN, RW,
      EDITOR_FORM_MAX, editor_form },
    { HTTP_POST, "/admin/articles/preview", admin_article_preview, PERM_ARTICLES_OWN,
      ROUTE_FORM, EDITOR_FORM_MAX, editor_form },
    { HTTP_POST, "/admin/articles/autosave", admin_article_autosave, PERM_ARTICLES_OWN, RW,
      EDITOR_FORM_MAX, editor_form },
    { HTTP_POST, "/admin/articles/autosave/discard", admin_article_autosave_drop,
      PERM_ARTICLES_OWN, RW, ADMIN_FORM_MAX, discard_form },
    { HTTP_GET, "/admin/articles/#/revisions", admin_revisions, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_POST, "/admin/articles/#/restore", admin_revision_restore, PERM_ARTICLES_OWN, RW,
      ADMIN_FORM_MAX, restore_form },
    { HTTP_GET, "/admin/media", admin_media, PERM_ARTICLES_OWN, 0, 0 },
    { HTTP_POST, "/admin/media", admin_media_upload, PERM_ARTICLES_OWN, RW | ROUTE_UPLOAD,
      UPLOAD_MAX, media_form },
    { HTTP_POST, "/admin/media/alt", admin_media_alt, PERM_ARTICLES_OWN, RW, ADMIN_FORM_MAX,
      media_form },
    { HTTP_GET, "/media/*", site_media, PERM_PUBLIC, ROUTE_FILES, 0 },
    /* the site's settings */
    { HTTP_GET, "/admin/settings", admin_settings, PERM_SETTINGS, 0, 0 },
    { HTTP_POST, "/admin/settings", admin_settings_save, PERM_SETTINGS, RW, ADMIN_FORM_MAX,
      settings_form },
    /* authors' pages and static pages; profiles and pages in the newsroom */
    { HTTP_GET, "/author/*", site_page_author, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/page/*", site_page_static, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { HTTP_GET, "/admin/profile", admin_profile, PERM_NEWSROOM, 0, 0 },
    { HTTP_POST, "/admin/profile", admin_profile_save, PERM_NEWSROOM, RW, ADMIN_FORM_MAX,
      profile_form },
    { HTTP_GET, "/admin/pages", admin_pages, PERM_PUBLISH, 0, 0 },
    { HTTP_GET, "/admin/pages/new", admin_pages_new, PERM_PUBLISH, 0, 0 },
    { HTTP_GET, "/admin/pages/#/edit", admin_pages_edit, PERM_PUBLISH, 0, 0 },
    { HTTP_POST, "/admin/pages/save", admin_pages_save, PERM_PUBLISH, RW, EDITOR_FORM_MAX,
      page_form },
    { HTTP_POST, "/admin/pages/delete", admin_pages_delete, PERM_PUBLISH, RW, ADMIN_FORM_MAX,
      id_form },
    /* wire feeds */
    { HTTP_GET, "/admin/feeds", admin_feeds, PERM_PUBLISH, 0, 0 },
    { HTTP_POST, "/admin/feeds/add", admin_feeds_add, PERM_PUBLISH, RW, ADMIN_FORM_MAX,
      feed_add_form },
    { HTTP_POST, "/admin/feeds/remove", admin_feeds_remove, PERM_PUBLISH, RW, ADMIN_FORM_MAX,
      id_form },
    /* last: any other one-segment path; the handler answers only the month
     * sitemaps' names (/sitemap-YYYY-MM.xml, /sitemap-YYYY-MM-N.xml), 404
     * for anything else */
    { HTTP_GET, "/*", site_sitemap_month, PERM_PUBLIC, ROUTE_CACHE, 0 },
    { 0, NULL, NULL, PERM__UNSET, 0, 0 },
};
