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
#include "page/page.h"
#include "store/article.h"
#include "store/audit.h"
#include "store/user.h"

/* Arabic names of roles (مدير، محرر، كاتب، مشرف) and article states. */
extern const char *const admin_role_labels[USER_ROLE__MAX];
extern const char *const admin_status_labels[ARTICLE_STATUS__MAX];

/* A template root for a logged-in page: site.name, title, the user's name
 * and role, {{csrf}}, and the navigation (can.* flags for what the role may
 * open, nav_NAME set for current). NULL when out of memory. */
struct tv *admin_page_new(struct req *r, const char *title, const char *current);
/* Record action by the request's user (if any) from its client address. */
enum ak_err admin_audit(struct req *r, enum audit_action action, const char *target,
                        const char *detail);
/* The same entry, not yet recorded: for a store call that records it in its
 * own transaction (store_article_save). */
struct audit_entry admin_audit_entry(struct req *r, enum audit_action action,
                                     const char *target, const char *detail);
/* Each audited action in Arabic, for the log's page ("تسجيل الدخول"...). */
extern const char *const admin_audit_labels[AUDIT_ACTION__MAX];
/* Why a form could not be saved, in Arabic ("تعذّر الحفظ: ..."), for rc from
 * the store (AK_EFULL: the disk is full; others: the database failed). The
 * handler shows it above the form, re-rendered as typed (status
 * ADMIN_SAVE_FAILED), so that nothing typed is lost. */
const char *admin_save_failed(enum ak_err rc);
#define ADMIN_SAVE_FAILED 503
/* Why markdown_render refused the Markdown md with AK_ETOOBIG, in Arabic,
 * for the message under a body field (status 422, the form kept as typed). */
const char *admin_body_refused(const char *md);

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

/* End a change made in a write transaction (store_begin) that gave rc:
 * when AK_OK, add the audit entry (action, target, detail), commit and
 * answer 303 to back; else roll back and return the error. */
enum ak_err admin_commit_redirect(struct req *r, enum ak_err rc, enum audit_action action,
                                  const char *target, const char *detail, const char *back);
/* A form field holding a display name: trimmed of spaces and tabs, 1 to
 * max_chars characters, no control characters; an arena copy, or NULL. */
const char *admin_form_name(struct req *r, const char *field, size_t max_chars);
#define ADMIN_NAME_MAX 100      /* characters of a section's or tag's name */

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
enum ak_err admin_people_add(struct req *r);        /* POST /admin/people/add */
enum ak_err admin_people_role(struct req *r);       /* POST /admin/people/role */
enum ak_err admin_people_disable(struct req *r);    /* POST /admin/people/disable */
enum ak_err admin_people_enable(struct req *r);     /* POST /admin/people/enable */
enum ak_err admin_people_password(struct req *r);   /* POST /admin/people/password */
enum ak_err admin_comments(struct req *r);          /* GET /admin/comments */
enum ak_err admin_comments_bulk(struct req *r);     /* POST /admin/comments/bulk */
enum ak_err admin_sections(struct req *r);          /* GET /admin/sections */
enum ak_err admin_sections_add(struct req *r);      /* POST /admin/sections/add */
enum ak_err admin_sections_rename(struct req *r);   /* POST /admin/sections/rename */
enum ak_err admin_sections_move(struct req *r);     /* POST /admin/sections/move */
enum ak_err admin_tags(struct req *r);              /* GET /admin/tags */
enum ak_err admin_tags_rename(struct req *r);       /* POST /admin/tags/rename */
enum ak_err admin_tags_merge(struct req *r);        /* POST /admin/tags/merge */
enum ak_err admin_tags_delete(struct req *r);       /* POST /admin/tags/delete */
enum ak_err admin_settings(struct req *r);          /* GET /admin/settings */
enum ak_err admin_settings_save(struct req *r);     /* POST /admin/settings */

/* ---- the editor (editor.c), revisions (revisions.c), media (media.c) ---- */
/* What a user can do to an article from the editor. */
enum editor_action { EDITOR_SAVE, EDITOR_SUBMIT, EDITOR_SCHEDULE, EDITOR_PUBLISH,
                     EDITOR_UNPUBLISH, EDITOR_ACTION__MAX };
extern const char *const editor_action_names[EDITOR_ACTION__MAX];  /* "save", ... */
/* The rule of the newsroom, in one place: the state an article in state cur
 * (an enum article_status, or -1 for a new one) owned by author_id goes to
 * when u does act to it, or -1 when u may not. Authors (PERM_ARTICLES_OWN)
 * create, save and submit their own drafts (draft or in review); editors and
 * the admin (PERM_ARTICLES_ALL, PERM_PUBLISH) edit anything in any state,
 * schedule and publish what is not published, unpublish what is published
 * or scheduled. Saving keeps the state (a new article is a draft);
 * submitting puts a draft (or an unpublished article) in review. */
int editor_transition(const struct user *u, int cur, int64_t author_id, enum editor_action act);
enum ak_err admin_article_new(struct req *r);       /* GET /admin/articles/new */
enum ak_err admin_article_edit(struct req *r);      /* GET /admin/articles/ID/edit */
enum ak_err admin_article_save(struct req *r);      /* POST /admin/articles/save */
enum ak_err admin_article_preview(struct req *r);   /* POST /admin/articles/preview */
/* autosave.c */
enum ak_err admin_article_autosave(struct req *r);  /* POST /admin/articles/autosave */
enum ak_err admin_article_autosave_drop(struct req *r); /* POST .../autosave/discard */
enum ak_err admin_revisions(struct req *r);         /* GET /admin/articles/ID/revisions */
enum ak_err admin_revision_restore(struct req *r);  /* POST /admin/articles/ID/restore */
enum ak_err admin_media(struct req *r);             /* GET /admin/media */
enum ak_err admin_media_upload(struct req *r);      /* POST /admin/media */
enum ak_err admin_media_alt(struct req *r);         /* POST /admin/media/alt */

/* ---- wire feeds (feeds.c) ---- */
enum admin_feed_status { ADMIN_FEED_REVIEW, ADMIN_FEED_PUBLISHED, ADMIN_FEED_STATUS__MAX };
extern const char *const admin_feed_status_names[ADMIN_FEED_STATUS__MAX];  /* the form's */
enum ak_err admin_feeds(struct req *r);             /* GET /admin/feeds */
enum ak_err admin_feeds_add(struct req *r);         /* POST /admin/feeds/add */
enum ak_err admin_feeds_remove(struct req *r);      /* POST /admin/feeds/remove */

/* ---- public profiles (profile.c) and static pages (pages.c) ---- */
enum ak_err admin_profile(struct req *r);           /* GET /admin/profile[?login=] */
enum ak_err admin_profile_save(struct req *r);      /* POST /admin/profile */
enum ak_err admin_pages(struct req *r);             /* GET /admin/pages */
enum ak_err admin_pages_new(struct req *r);         /* GET /admin/pages/new */
enum ak_err admin_pages_edit(struct req *r);        /* GET /admin/pages/ID/edit */
enum ak_err admin_pages_save(struct req *r);        /* POST /admin/pages/save */
enum ak_err admin_pages_delete(struct req *r);      /* POST /admin/pages/delete */

#endif
