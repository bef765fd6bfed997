/*
 * store.h: akhbar's storage API. Every SQL statement lives behind it.
 *
 * A struct store is one SQLite connection with its prepared-statement cache;
 * it is not shared between threads (the server opens one per worker thread).
 * Strings in returned structs are copied into the caller's arena and live as
 * long as it does. Functions return AK_OK, AK_ENOTFOUND for a missing row,
 * AK_EINVAL/AK_EEXIST for constraint failures, AK_EIO for database errors
 * (logged where they happen).
 */
#ifndef AK_STORE_H
#define AK_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "render/html.h"

struct store;

enum store_open_flags {
    STORE_CREATE = 1,           /* create the file and schema when missing */
    STORE_READONLY = 2,         /* open read-only (and forbid writes) */
};

/* Open (and when STORE_CREATE, create or migrate) the database at path. */
enum ak_err store_open(const char *path, int flags, struct store **out);
void store_close(struct store *st);
enum ak_err store_begin(struct store *st);          /* a write transaction */
/* A read transaction: one snapshot, one lock, for all of a page's reads.
 * End it with store_commit (or store_rollback). */
enum ak_err store_begin_read(struct store *st);
enum ak_err store_commit(struct store *st);
void store_rollback(struct store *st);
/* Forbid (on != 0) or allow writes on this connection: defence in depth for
 * public GET handlers, enforced with PRAGMA query_only. */
void store_protect(struct store *st, int on);
/* The schema version this binary writes (PRAGMA user_version). */
int store_schema_version(void);

/* ---- settings: small named blobs (the server secret, site name) ---- */
/* Load setting key into out (at most cap bytes); *n gets its length. */
enum ak_err store_setting_get(struct store *st, const char *key, void *out, size_t cap,
                              size_t *n);
enum ak_err store_setting_set(struct store *st, const char *key, const void *v, size_t n);

/* ---- sections ---- */
struct section {
    int64_t id;
    const char *slug;
    const char *name;
    int position;               /* order in the navigation */
};

enum ak_err store_section_add(struct store *st, const char *slug, const char *name,
                              int64_t *id);
enum ak_err store_section_list(struct store *st, struct arena *a, struct section **out,
                               size_t *n);
enum ak_err store_section_by_slug(struct store *st, struct arena *a, const char *slug,
                                  struct section *out);

/* ---- tags ---- */
struct tag {
    int64_t id;
    const char *slug;
    const char *name;
};
enum ak_err store_tag_by_slug(struct store *st, struct arena *a, const char *slug,
                              struct tag *out);

/* Sections and tags as the newsroom manages them (section.c). */
#define STORE_SECTIONS_MAX 200  /* sections store_section_move can order */
struct section_count {
    struct section section;
    int64_t articles;           /* articles in it, any state, primary or not */
};
struct tag_count {
    struct tag tag;
    int64_t articles;           /* articles with it, any state */
};
/* Every section in navigation order with its article count; strings in a. */
enum ak_err store_section_counts(struct store *st, struct arena *a, struct section_count **out,
                                 size_t *n);
/* Give section id the name (the slug, in URLs, stays). AK_ENOTFOUND when
 * there is no such section. */
enum ak_err store_section_rename(struct store *st, int64_t id, const char *name);
/* Swap section id with the one before it (up) or after it (!up) in the
 * navigation, renumbering positions 1..n, in a savepoint; the first moved
 * up or the last down stays. AK_ENOTFOUND, AK_ETOOBIG (more than
 * STORE_SECTIONS_MAX sections) or AK_EIO. */
enum ak_err store_section_move(struct store *st, int64_t id, int up);
/* Every tag by name with its article count; strings in a. */
enum ak_err store_tag_counts(struct store *st, struct arena *a, struct tag_count **out,
                             size_t *n);
enum ak_err store_tag_by_id(struct store *st, struct arena *a, int64_t id, struct tag *out);
/* Rename tag id (its slug stays); AK_EEXIST when another tag has the name. */
enum ak_err store_tag_rename(struct store *st, int64_t id, const char *name);
/* Move every article of tag from to tag into, then delete from, in a
 * savepoint. AK_EINVAL when from == into, AK_ENOTFOUND when either is
 * missing. */
enum ak_err store_tag_merge(struct store *st, int64_t from, int64_t into);
/* Delete tag id if no article has it: AK_EINVAL when one does,
 * AK_ENOTFOUND when there is no such tag. */
enum ak_err store_tag_delete_unused(struct store *st, int64_t id);

/* ---- articles ---- */
enum article_status {
    ARTICLE_DRAFT, ARTICLE_REVIEW, ARTICLE_SCHEDULED, ARTICLE_PUBLISHED,
    ARTICLE_UNPUBLISHED, ARTICLE_STATUS__MAX
};
extern const char *const article_status_names[ARTICLE_STATUS__MAX];

/* An article as the newsroom or an importer hands it to the store. */
struct comment_in {
    const char *author;
    const char *body;
    int64_t created_at;         /* unix seconds; 0 means now */
};
struct article_in {
    const char *title;          /* required, non-empty */
    const char *lede;           /* standfirst; may be empty */
    const char *body_md;        /* Markdown */
    const struct html_safe *body_html;  /* by the caller (markdown_render); NULL: empty */
    const char *body_text;      /* plain text for search, by the caller
                                   (markdown_plaintext); NULL indexes no body */
    const char *slug;           /* NULL: made from the title (text/slug.h) */
    const char *section;        /* primary section slug; must exist */
    const char **sections;      /* further section slugs; each must exist */
    size_t nsections;
    const char **tags;          /* tag names; created when new */
    size_t ntags;
    const char *author;         /* byline; may be empty */
    const char *source;         /* agency; may be empty */
    enum article_status status;
    int64_t published_at;       /* unix seconds; 0 means now */
    const struct comment_in *comments;  /* approved comments (demo, migrations) */
    size_t ncomments;
};

/* An article as a page shows it. */
struct article {
    int64_t id;
    const char *slug, *title, *lede, *author, *source;
    const struct html_safe *body_html;  /* the stored output of markdown_render() */
    enum article_status status;
    int64_t published_at, updated_at;
    struct section *sections;   /* primary first */
    size_t nsections;
    struct tag *tags;
    size_t ntags;
    const char *image_hash;     /* the featured image's media hash; "" when none */
    const char *image_alt;      /* its alt text */
    int image_width, image_height;  /* of the original, upright */
};

/* A line in a list of articles. */
struct article_summary {
    int64_t id;
    const char *slug, *title, *lede, *source;
    int64_t published_at;
    const char *section_slug, *section_name;     /* its primary section */
    const char *image_hash;     /* the featured image's media hash; "" or NULL: none */
    const char *image_alt;
    int image_width, image_height;  /* of the original, upright */
};

/* Which published articles to list, newest first. At most one of section_id
 * and tag_id is non-zero; both zero lists every published article. */
struct article_query {
    int64_t section_id;
    int64_t tag_id;
    int64_t exclude_id;         /* leave this article out; 0 for none */
    size_t offset, limit;
};

/* Insert an article (in the caller's transaction, if any). Unknown section
 * slugs give AK_ENOTFOUND; *id receives the new id. */
enum ak_err store_article_insert(struct store *st, const struct article_in *in, int64_t *id);
/* Load a published article by id (now >= published_at). */
enum ak_err store_article_load(struct store *st, struct arena *a, int64_t id,
                               struct article *out);
/* List published articles matching q; *total (may be NULL) gets the count. */
enum ak_err store_article_list(struct store *st, struct arena *a, const struct article_query *q,
                               struct article_summary **out, size_t *n, size_t *total);
/* Up to limit published articles related to art, never art itself: its
 * stored list (store_related_compute), or, for an article whose list has not
 * been computed yet, those sharing its primary section or a tag, newest
 * first. */
enum ak_err store_article_related(struct store *st, struct arena *a, const struct article *art,
                                  size_t limit, struct article_summary **out, size_t *n);
/* Compute and store article id's related articles from text similarity
 * (related.c): its most distinctive stems by tf-idf over the search index
 * make an OR query, ranked by bm25 with a small preference for recent
 * articles. Returns AK_OK, AK_ENOTFOUND, AK_ENOMEM or AK_EIO. */
enum ak_err store_related_compute(struct store *st, int64_t id);
/* Recompute the related lists of the newest `recent` published articles:
 * after new articles arrive, so that recent pages point to them. */
enum ak_err store_related_refresh(struct store *st, size_t recent);
/* Compute the lists of up to max published articles that have never had one
 * (the archive behind a large import: imports refresh only the newest),
 * newest first, in one transaction; *done gets how many (0: none left). */
enum ak_err store_related_backfill(struct store *st, size_t max, size_t *done);
/* Count of all articles in any state. */
enum ak_err store_article_count(struct store *st, int64_t *n);
/* Publish every scheduled article whose time has come (published_at <= now),
 * in one transaction; *n gets how many. Returns AK_OK or AK_EIO. */
enum ak_err store_article_publish_due(struct store *st, int64_t now, size_t *n);
/* The publication time of the next scheduled article, or AK_ENOTFOUND. */
enum ak_err store_article_next_scheduled(struct store *st, int64_t *when);

/* ---- search (search.c) ---- */
/* A search result: what an article_summary has, its score and a snippet. */
struct search_hit {
    int64_t id;
    const char *slug, *title, *lede, *source;
    int64_t published_at;
    const char *section_slug, *section_name;     /* its primary section */
    double score;               /* higher is better: -(bm25 x recency factor) */
    const char *snippet;        /* about STORE_SNIPPET_TOKENS words of the body (else
                                   the lede) around the matches, each match
                                   between STORE_MARK_OPEN and STORE_MARK_CLOSE,
                                   "…" where text was cut; valid UTF-8. NULL
                                   when neither matched (show the lede) */
};
#define STORE_MARK_OPEN '\x01'
#define STORE_MARK_CLOSE '\x02'
#define STORE_SNIPPET_TOKENS 24

/* The most matches a search ranks: more than this are counted as
 * STORE_SEARCH_MAX + 1 ("more than STORE_SEARCH_MAX"), and the newest
 * STORE_SEARCH_MAX + 1 of them are the ones ranked. */
#define STORE_SEARCH_MAX 500

/* Search published articles for the reader's query (text/query.h's syntax:
 * words ANDed, "phrases", -exclusions; nothing in it is FTS5 syntax), ranked
 * by BM25 (title 10, lede 4, body 1) with a gentle preference for recent
 * articles. Fills up to limit hits after skipping offset, in arena a; *total
 * (may be NULL) gets the number of matching articles, at most
 * STORE_SEARCH_MAX + 1 (see above). A query with nothing to search for
 * (empty, or only exclusions) gives no hits. Returns AK_OK, AK_EINVAL when
 * query is not valid UTF-8, AK_ENOMEM or AK_EIO. */
enum ak_err store_search(struct store *st, struct arena *a, const char *query, size_t offset,
                         size_t limit, struct search_hit **out, size_t *n, size_t *total);
/* The FTS5 expression store_search would run for query (for tests and
 * diagnostics), in arena a; "" when there is nothing to search for. Same
 * errors as store_search. */
enum ak_err store_search_expr(struct store *st, struct arena *a, const char *query,
                              const char **expr);

/* Make the plain text of Markdown md[0..n) into *out (arena a), *outn its
 * length: render/markdown.h's markdown_plaintext, passed in by the caller so
 * that store/ does not depend on the Markdown parser. */
typedef enum ak_err (*store_plaintext_fn)(struct arena *a, const char *md, size_t n,
                                          const char **out, size_t *outn);
/* Recompute every article's body_text from its body_md with plaintext and
 * rebuild the search index (after an upgrade or a change of the analyzer), in
 * one transaction; *count (may be NULL) gets the number of articles. An
 * article whose Markdown plaintext rejects is logged and indexed without its
 * body. Returns AK_OK, AK_ENOMEM or AK_EIO (nothing changed). */
enum ak_err store_reindex(struct store *st, store_plaintext_fn plaintext, size_t *count);
/* Non-zero when a migration left the index incomplete and store_reindex
 * should run (akhbar serve and init do it). */
int store_reindex_needed(struct store *st);

/* ---- comments ---- */
enum comment_status { COMMENT_PENDING, COMMENT_APPROVED, COMMENT_SPAM, COMMENT_STATUS__MAX };
extern const char *const comment_status_names[COMMENT_STATUS__MAX];

struct comment {
    int64_t id, article_id, parent_id;  /* parent_id 0: top level */
    const char *author, *email, *body;
    enum comment_status status;
    int64_t created_at;
};

struct comment_new {
    int64_t article_id, parent_id;      /* parent must be an approved top-level
                                           comment of the same article, or 0 */
    const char *author, *email, *body;
    const unsigned char *client_hash;   /* 16 bytes, or NULL */
    enum comment_status status;
};

enum ak_err store_comment_add(struct store *st, const struct comment_new *c, int64_t *id);
/* Comments of an article with the given status, oldest first, replies after
 * their parent. */
enum ak_err store_comment_list_article(struct store *st, struct arena *a, int64_t article_id,
                                       enum comment_status status, struct comment **out,
                                       size_t *n);
/* All comments, newest first; status < 0 means any status. */
enum ak_err store_comment_list(struct store *st, struct arena *a, int status,
                               struct comment **out, size_t *n);
enum ak_err store_comment_set_status(struct store *st, int64_t id, enum comment_status s);
enum ak_err store_comment_delete(struct store *st, int64_t id);
/* How many comments client_hash posted since the given time. */
enum ak_err store_comment_count_since(struct store *st, const unsigned char *client_hash,
                                      int64_t since, int64_t *n);
/* How many comments have status s (the moderation queue's length). */
enum ak_err store_comment_count_status(struct store *st, enum comment_status s, int64_t *n);
/* A comment in the moderation queue, with its article's title and slug. */
struct comment_queued {
    int64_t id, article_id;
    const char *author, *body;
    enum comment_status status;
    int64_t created_at;
    const char *article_title, *article_slug;
    int article_published;      /* the article is published: its page can be linked */
};
/* Comments with status s, newest first, skipping offset, at most limit;
 * *total (may be NULL) gets how many have status s. Strings in arena a. */
enum ak_err store_comment_queue(struct store *st, struct arena *a, enum comment_status s,
                                size_t offset, size_t limit, struct comment_queued **out,
                                size_t *n, size_t *total);
/* What the moderation queue does to several comments at once. */
enum comment_action { COMMENT_APPROVE, COMMENT_MARK_SPAM, COMMENT_DELETE, COMMENT_ACTION__MAX };
extern const char *const comment_action_names[COMMENT_ACTION__MAX];   /* "approve", ... */
/* Apply action to each of ids[0..n), all or none (a savepoint, so inside or
 * outside the caller's transaction). Ids that name no comment (any more: a
 * reply goes with its deleted parent) are skipped; those changed are copied
 * to done (room for n) and counted in *ndone. Returns AK_OK or AK_EIO. */
enum ak_err store_comment_bulk(struct store *st, enum comment_action action, const int64_t *ids,
                               size_t n, int64_t *done, size_t *ndone);

/* ---- the newsroom's articles (article.c) ---- */
/* How many articles are in each state: counts[status] for every status;
 * author_id non-zero counts only that user's articles. */
enum ak_err store_article_count_status(struct store *st, int64_t author_id,
                                       int64_t counts[ARTICLE_STATUS__MAX]);
/* A line in the newsroom's list of articles, any state. */
struct article_row {
    int64_t id;
    const char *slug, *title;
    enum article_status status;
    const char *section_name;   /* its primary section */
    int64_t author_id;          /* 0: no newsroom user (imported) */
    const char *author;         /* the user's name, else login, else the byline */
    int64_t published_at, updated_at;
};
struct article_filter {
    int status;                 /* an enum article_status, or -1 for any */
    int64_t author_id;          /* 0: anyone's */
    int64_t section_id;         /* 0: any; else primary or further section */
    const char *query;          /* NULL: no search; else store_search's syntax */
    size_t offset, limit;
};
/* Articles in any state matching f, most recently updated first; with a
 * query, only those its FTS5 expression (store_search_expr) matches, ranked
 * as store_search ranks (the newest STORE_SEARCH_MAX + 1 of them), and none
 * when it has nothing to search for. *total (may be NULL) gets the count
 * (with a query, at most STORE_SEARCH_MAX + 1). Strings in arena a. Returns
 * AK_OK, AK_EINVAL (query not valid UTF-8), AK_ENOMEM or AK_EIO. */
enum ak_err store_article_rows(struct store *st, struct arena *a, const struct article_filter *f,
                               struct article_row **out, size_t *n, size_t *total);

/* ---- editing articles in any state (article_edit.c) ---- */
/* An article as the editor shows it, whatever its state. */
struct article_draft {
    int64_t id;
    const char *slug, *title, *lede, *body_md, *author, *source;
    const char *section;        /* the primary section's slug */
    const char **sections;      /* the further sections' slugs */
    size_t nsections;
    const char **tags;          /* tag names, in order */
    size_t ntags;
    int64_t author_id;          /* 0: no newsroom user (imported) */
    int64_t image_id;           /* the featured image; 0: none */
    enum article_status status;
    int64_t published_at, created_at, updated_at;
};
/* What store_article_save writes. */
struct article_save {
    int64_t id;                 /* the article to update; 0: a new one */
    int64_t user_id;            /* who saves (the revision's); for a new
                                   article also its author_id; 0: nobody */
    int64_t image_id;           /* the featured image; 0: none */
    const struct article_in *in;    /* everything else; body_html and body_text
                                   filled (ingest_render); comments ignored.
                                   published_at 0 keeps none (NULL) on an update */
};
/* Load article id in any state into *out (strings in a). AK_ENOTFOUND when
 * there is none. */
enum ak_err store_article_get_any(struct store *st, struct arena *a, int64_t id,
                                  struct article_draft *out);
/* Insert (sv->id 0) or update article sv->id with everything in sv, and add
 * a revision row recording the result, in one transaction; *id gets the
 * article's id. The author byline and author_id of an existing article are
 * kept. The search index follows title, lede and body_text (its triggers);
 * related lists are refreshed when a published article changes. Returns
 * AK_OK, AK_EINVAL (empty title), AK_ENOTFOUND (unknown section slug or
 * article), AK_ENOMEM or AK_EIO; nothing changed on failure. Whether the
 * change is allowed is the caller's business (admin/editor.c). */
enum ak_err store_article_save(struct store *st, const struct article_save *sv, int64_t *id);

/* One saved state of an article (a row of revision). */
struct revision {
    int64_t id, article_id;
    int64_t user_id;            /* 0: unknown or since deleted */
    const char *user;           /* their name, else login; "" when unknown */
    int64_t created_at;
    const char *title, *lede, *body_md, *slug, *source;
    const char *sections;       /* section slugs, primary first, space-separated */
    const char *tags;           /* tag names, ", "-separated */
    enum article_status status;
};
#define STORE_REVISIONS_MAX 200 /* revisions a list shows, newest first */
/* Article article_id's newest STORE_REVISIONS_MAX revisions, newest first,
 * without their lede and body ("" in the list). */
enum ak_err store_revision_list(struct store *st, struct arena *a, int64_t article_id,
                                struct revision **out, size_t *n);
/* Revision id of article article_id, in full; AK_ENOTFOUND when it is not
 * one of that article's. */
enum ak_err store_revision_get(struct store *st, struct arena *a, int64_t article_id, int64_t id,
                               struct revision *out);

/* ---- people (user.c) ----
 * Passwords are stored as libsodium's crypto_pwhash_str (argon2id,
 * interactive limits), checked with crypto_pwhash_str_verify; the password
 * itself is never stored or logged. */
enum user_role { USER_ADMIN, USER_EDITOR, USER_AUTHOR, USER_MODERATOR, USER_ROLE__MAX };
extern const char *const user_role_names[USER_ROLE__MAX];  /* "admin", "editor", ... */

#define USER_LOGIN_MAX 64       /* bytes of a login */
#define USER_NAME_MAX 100       /* characters of a display name */
#define USER_PASSWORD_MIN 10    /* characters */
#define USER_PASSWORD_MAX 1024  /* bytes */

struct user {
    int64_t id;
    const char *login;          /* a-z 0-9 . _ -, at most USER_LOGIN_MAX bytes */
    const char *name;           /* display name; may be empty */
    enum user_role role;
    int disabled;
    int64_t created_at, updated_at;
};

/* The role named s ("admin", ...), or -1. */
int store_user_role_parse(const char *s);
/* Non-zero when login is a valid login: 1 to USER_LOGIN_MAX bytes of a-z,
 * 0-9, '.', '_' and '-', starting with a letter or digit. */
int store_user_login_valid(const char *login);
/* Why the password pw[0..n) is not acceptable (an English message for the
 * CLI), or NULL when it is: empty, not valid UTF-8 (or with control
 * characters), shorter than USER_PASSWORD_MIN characters or longer than
 * USER_PASSWORD_MAX bytes. */
const char *store_user_password_problem(const char *pw, size_t n);
/* Add a user with password pw[0..n) (hashed here); *id (may be NULL) gets
 * the id. Returns AK_OK, AK_EINVAL (bad login, name or password), AK_EEXIST
 * (login taken), AK_ENOMEM (hashing failed) or AK_EIO. */
enum ak_err store_user_add(struct store *st, const char *login, const char *name,
                           enum user_role role, const char *pw, size_t n, int64_t *id);
/* Load a user by login or id (strings in a). AK_ENOTFOUND when none. */
enum ak_err store_user_by_login(struct store *st, struct arena *a, const char *login,
                                struct user *out);
enum ak_err store_user_by_id(struct store *st, struct arena *a, int64_t id, struct user *out);
/* Every user, by login. */
enum ak_err store_user_list(struct store *st, struct arena *a, struct user **out, size_t *n);
/* Disable (or enable) a user; disabling also ends all of the user's
 * sessions, in one transaction. AK_ENOTFOUND when no such user. */
enum ak_err store_user_set_disabled(struct store *st, int64_t id, int disabled);
/* Give user id the role (their sessions go on, with the new role's
 * permissions from the next request). AK_EINVAL, AK_ENOTFOUND or AK_EIO. */
enum ak_err store_user_set_role(struct store *st, int64_t id, enum user_role role);
/* How many admins are not disabled (the last one must stay). */
enum ak_err store_user_count_admins(struct store *st, int64_t *n);
/* Replace a user's password with pw[0..n) (hashed here) and end all of the
 * user's sessions, in one transaction. AK_EINVAL for an unacceptable
 * password, AK_ENOTFOUND when no such user. */
enum ak_err store_user_set_password(struct store *st, int64_t id, const char *pw, size_t n);

/* The outcome of a password check. */
enum user_auth { USER_AUTH_OK, USER_AUTH_UNKNOWN, USER_AUTH_PASSWORD, USER_AUTH_DISABLED,
                 USER_AUTH__MAX };
extern const char *const user_auth_names[USER_AUTH__MAX];  /* "ok", "unknown", ... */
/* Check login's password pw[0..n). *result: USER_AUTH_OK (the password
 * matches an enabled user: *out filled), USER_AUTH_UNKNOWN (no such login;
 * a dummy hash is verified all the same, so that the time taken does not say
 * which logins exist), USER_AUTH_PASSWORD (wrong password), or
 * USER_AUTH_DISABLED (right password, disabled user; *out filled). A hash
 * made with other limits than the current ones is replaced on success.
 * Returns AK_OK when the check ran, else AK_ENOMEM or AK_EIO. */
enum ak_err store_user_authenticate(struct store *st, struct arena *a, const char *login,
                                    const char *pw, size_t n, struct user *out,
                                    enum user_auth *result);

/* The current time in unix seconds, as the store sees it (the environment
 * variable AKHBAR_NOW overrides it, for tests). */
int64_t store_now(void);

/* ---- sessions and login failures (session.c) ----
 * A session is named by a random token that only the browser's cookie
 * holds; the table keeps a keyed hash of it (the site secret is the key), so
 * a copy of the database does not give working cookies. */
#define SESSION_TOKEN_BYTES 32
#define SESSION_CSRF_BYTES 32
#define SESSION_IDLE (2 * 3600)         /* seconds without a request before it ends */
#define SESSION_MAX_AGE (12 * 3600)     /* seconds after login it ends regardless */
#define SESSION_TOUCH 60                /* seen_at is written at most this often */

struct session {
    unsigned char csrf[SESSION_CSRF_BYTES];    /* the session's form token */
    int64_t created_at, seen_at;
    struct user user;           /* whose it is */
};

/* Start a session for user_id from client (an address, for the audit):
 * fresh random bytes go to token (the cookie's value; never stored), and a
 * fresh CSRF token to *out (may be NULL; its user is not filled). */
enum ak_err store_session_create(struct store *st, const unsigned char key[32], int64_t user_id,
                                 const char *client, unsigned char token[SESSION_TOKEN_BYTES],
                                 struct session *out);
/* The live session named by token at time now, with its (enabled) user in
 * a. A session idle for more than SESSION_IDLE or older than SESSION_MAX_AGE
 * is deleted and AK_ENOTFOUND returned, as for an unknown token or a disabled
 * user. seen_at is updated when it is SESSION_TOUCH seconds old or more (so
 * the connection must allow writes). */
enum ak_err store_session_load(struct store *st, struct arena *a, const unsigned char key[32],
                               const unsigned char token[SESSION_TOKEN_BYTES], int64_t now,
                               struct session *out);
/* End the session named by token (no error when there is none). */
enum ak_err store_session_delete(struct store *st, const unsigned char key[32],
                                 const unsigned char token[SESSION_TOKEN_BYTES]);
/* End every session of user_id; *n (may be NULL) gets how many. */
enum ak_err store_session_delete_user(struct store *st, int64_t user_id, int64_t *n);
/* Delete the sessions that have expired at time now. */
enum ak_err store_session_purge(struct store *st, int64_t now);

/* Failed logins, counted by key ('u:' + login, 'c:' + a client hash). */
enum ak_err store_login_failure_add(struct store *st, const char *key, int64_t at);
/* Failures of key at or after since: *n their number, *last (may be NULL)
 * the time of the latest (0 when none). */
enum ak_err store_login_failure_count(struct store *st, const char *key, int64_t since,
                                      int64_t *n, int64_t *last);
/* Forget key's failures (after a successful login). */
enum ak_err store_login_failure_clear(struct store *st, const char *key);
/* Forget every failure before the given time. */
enum ak_err store_login_failure_purge(struct store *st, int64_t before);

/* ---- the audit log (audit.c): every newsroom action ---- */
struct audit_entry {
    int64_t id;
    int64_t at;                 /* unix seconds; 0 on input means now */
    int64_t user_id;            /* who, when a newsroom user (else 0) */
    const char *login;          /* who: their login (or the login tried) */
    const char *action;         /* "login", "login.fail", "user.add", ... */
    const char *target;         /* what it was done to (a login, an id) */
    const char *detail;         /* more, for people reading the log */
    const char *client;         /* from where: an address, or "cli" */
};
/* Append an entry (id and, when 0, at are set here; NULL strings are ''). */
enum ak_err store_audit_add(struct store *st, const struct audit_entry *e);
/* Entries newest first, skipping offset; *total (may be NULL) the count. */
enum ak_err store_audit_list(struct store *st, struct arena *a, size_t offset, size_t limit,
                             struct audit_entry **out, size_t *n, size_t *total);

/* ---- media (media.c) ----
 * Uploaded images. The files are made and named by src/media/image.h
 * (media_ingest); the store keeps what pages need to point at them. */
struct media {
    int64_t id;
    const char *hash;           /* 32 lowercase hex digits: names the files */
    int width, height;          /* of the original, upright */
    const char *mime;           /* of the original: image/jpeg, image/png or image/webp */
    const char *alt;            /* the text read instead of the image; never empty */
    int64_t bytes;              /* size of the uploaded file */
    int64_t created_at;         /* unix seconds */
    int64_t user_id;            /* who uploaded it; 0: unknown or since deleted */
};
/* Record an image (m->id and m->created_at are not read: set here). When an
 * image with the same hash is recorded already, nothing changes (its alt
 * stays) and *id gets its id; *existed (may be NULL) says which happened.
 * Returns AK_OK, AK_EINVAL (empty alt, bad hash, size or mime, unknown user)
 * or AK_EIO. */
enum ak_err store_media_add(struct store *st, const struct media *m, int64_t *id, int *existed);
/* Load image id, strings in arena a; AK_ENOTFOUND when none. */
enum ak_err store_media_get(struct store *st, struct arena *a, int64_t id, struct media *out);
/* Images newest first, skipping offset, at most limit; *total (may be NULL)
 * gets the count of all images. */
enum ak_err store_media_list(struct store *st, struct arena *a, size_t offset, size_t limit,
                             struct media **out, size_t *n, size_t *total);
/* Replace image id's alt text; AK_EINVAL when empty, AK_ENOTFOUND when none. */
enum ak_err store_media_set_alt(struct store *st, int64_t id, const char *alt);

#endif
