/*
 * audit.h: the audit log: every newsroom action (audit.c).
 */
#ifndef AK_STORE_AUDIT_H
#define AK_STORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

/* What was done. The codes (audit_action_names: "login", "login.fail",
 * "article.create", ...) are what the audit table stores and must never
 * change; the newsroom shows each in Arabic (admin_audit_labels). Every
 * writer of the log names one of these, so no code goes unlabelled. */
#define AUDIT_ACTIONS(X) \
    X(LOGIN, "login") X(LOGIN_FAIL, "login.fail") X(LOGOUT, "logout") \
    X(LOGOUT_ALL, "logout.all") X(USER_ADD, "user.add") X(USER_ROLE, "user.role") \
    X(USER_DISABLE, "user.disable") X(USER_ENABLE, "user.enable") \
    X(USER_PASSWD, "user.passwd") X(SETTING_SET, "setting.set") \
    X(SECTION_ADD, "section.add") X(SECTION_RENAME, "section.rename") \
    X(SECTION_MOVE, "section.move") X(TAG_RENAME, "tag.rename") X(TAG_MERGE, "tag.merge") \
    X(TAG_DELETE, "tag.delete") X(PAGE_ADD, "page.add") X(PAGE_EDIT, "page.edit") \
    X(PAGE_DELETE, "page.delete") X(COMMENT_APPROVE, "comment.approve") \
    X(COMMENT_SPAM, "comment.spam") X(COMMENT_DELETE, "comment.delete") \
    X(ARTICLE_CREATE, "article.create") X(ARTICLE_SAVE, "article.save") \
    X(ARTICLE_SUBMIT, "article.submit") X(ARTICLE_SCHEDULE, "article.schedule") \
    X(ARTICLE_PUBLISH, "article.publish") X(ARTICLE_UNPUBLISH, "article.unpublish") \
    X(ARTICLE_RESTORE, "article.restore") X(MEDIA_UPLOAD, "media.upload") \
    X(MEDIA_REUPLOAD, "media.reupload") X(MEDIA_REFUSE, "media.refuse") \
    X(MEDIA_ALT, "media.alt") X(PROFILE_SAVE, "profile.save") X(FEED_ADD, "feed.add") \
    X(FEED_REMOVE, "feed.remove")
#define AUDIT_ENUM_(name, code) AUDIT_##name,
enum audit_action { AUDIT_ACTIONS(AUDIT_ENUM_) AUDIT_ACTION__MAX };
#undef AUDIT_ENUM_
extern const char *const audit_action_names[AUDIT_ACTION__MAX];
/* The action whose stored code is code, or AUDIT_ACTION__MAX when none is
 * (a row written by a newer or older version). */
enum audit_action audit_action_parse(const char *code);

struct audit_entry {
    int64_t id;
    int64_t at;                 /* unix seconds; 0 on input means now */
    int64_t user_id;            /* who, when a newsroom user (else 0) */
    const char *login;          /* who: their login (or the login tried) */
    enum audit_action action;   /* stored as audit_action_names[action] */
    const char *code;           /* read back: the stored code as it is */
    const char *target;         /* what it was done to (a login, an id) */
    const char *detail;         /* more, for people reading the log */
    const char *client;         /* from where: an address, or "cli" */
};
/* Append an entry (id and, when 0, at are set here; NULL strings are ''). */
enum ak_err store_audit_add(struct store *st, const struct audit_entry *e);
/* Entries newest first, skipping offset; *total (may be NULL) the count. */
enum ak_err store_audit_list(struct store *st, struct arena *a, size_t offset, size_t limit,
                             struct audit_entry **out, size_t *n, size_t *total);

#endif
