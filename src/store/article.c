/*
 * article.c: articles: insert (with sections, tags and imported comments),
 * load, list, and the related-articles rule.
 */
#include <stdio.h>
#include <string.h>
#include "base/log.h"
#include "store/db.h"
#include "store/article.h"
#include "store/audit.h"
#include "store/comment.h"
#include "store/related.h"
#include "store/section.h"
#include "text/slug.h"

const char *const article_status_names[ARTICLE_STATUS__MAX] = {
    "draft", "review", "scheduled", "published", "unpublished",
};

DB_SQL(ARTICLE_INSERT) =
    "INSERT INTO article(slug, title, lede, body_md, body_html, section_id, author, source, "
    "status, published_at, created_at, updated_at, body_text, guid, import_key, author_id, "
    "image_id, breaking) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, coalesce(?10, ?11), "
    "?12, ?13, ?14, (SELECT id FROM user WHERE login=?15), "
    "coalesce(nullif(?18, 0), (SELECT id FROM media WHERE hash=?16)), ?17)";
    /* updated when published; guid and import_key NULL unless imported */
DB_SQL(ARTICLE_SECTION_ADD) =
    "INSERT OR IGNORE INTO article_section(article_id, section_id) VALUES(?1, ?2)";
DB_SQL(TAG_FIND) = "SELECT id FROM tag WHERE name=?1 OR slug=?2";
DB_SQL(TAG_ADD) = "INSERT INTO tag(slug, name) VALUES(?1, ?2)";
DB_SQL(ARTICLE_TAG_ADD) =
    "INSERT OR IGNORE INTO article_tag(article_id, tag_id, position) VALUES(?1, ?2, ?3)";
DB_SQL(COMMENT_IMPORT) =
    "INSERT INTO comment(article_id, author, body, status, created_at, parent_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
DB_SQL(COMMENT_IMPORT_FIND) =
    "SELECT id FROM comment WHERE article_id=?1 AND author=?2 AND body=?3 AND created_at=?4";
DB_SQL(ARTICLE_COUNT) = "SELECT count(*) FROM article";
DB_SQL(ARTICLE_PUBLISH_DUE) =
    "UPDATE article SET status=3 WHERE status=2 AND published_at<=?1 RETURNING id, title";
DB_SQL(ARTICLE_NEXT_SCHEDULED) =
    "SELECT min(published_at) FROM article WHERE status=2";

#define SUMMARY_COLS \
    "a.id, a.slug, a.title, a.lede, a.source, a.published_at, s.slug, s.name, m.hash, m.alt, " \
    "coalesce(m.width, 0), coalesce(m.height, 0) "
/* Every statement selecting SUMMARY_COLS joins the featured image. */
#define SUMMARY_MEDIA "LEFT JOIN media m ON m.id=a.image_id "
#define VISIBLE "a.status=3 AND a.published_at<=?9 "

/* What article_row reads: the whole article, its featured image, its
 * author's id and public profile slug. */
#define ARTICLE_FROM ARTICLE_FROM_BODY("a.body_html")
#define ARTICLE_FROM_BODY(body) \
    "SELECT a.id, a.slug, a.title, a.lede, " body ", a.author, a.source, a.status, " \
    "a.published_at, a.updated_at, m.hash, m.alt, coalesce(m.width, 0), " \
    "coalesce(m.height, 0), coalesce(a.author_id, 0), " \
    "coalesce((SELECT p.slug FROM profile p WHERE p.user_id=a.author_id), ''), " \
    "coalesce(m.caption, ''), coalesce(m.credit, ''), a.breaking, " \
    "length(a.body_text) - length(replace(a.body_text, ' ', '')) + 1 " \
    "FROM article a LEFT JOIN media m ON m.id=a.image_id "
DB_SQL(ARTICLE_LOAD) = ARTICLE_FROM "WHERE a.id=?1 AND " VISIBLE;
DB_SQL(ARTICLE_SECTIONS) =
    "SELECT s.id, s.slug, s.name, s.position FROM article_section x "
    "JOIN section s ON s.id=x.section_id JOIN article a ON a.id=x.article_id "
    "WHERE x.article_id=?1 ORDER BY s.id<>a.section_id, s.position";
DB_SQL(ARTICLE_TAGS) =
    "SELECT t.id, t.slug, t.name FROM article_tag x JOIN tag t ON t.id=x.tag_id "
    "WHERE x.article_id=?1 ORDER BY x.position";

/* Listing: ?1 section, ?2 tag, ?3 excluded id, ?4 limit, ?5 offset, ?6 author,
 * ?9 now. */
/* EXISTS rather than IN: the scan runs newest first and stops at the limit,
 * so a few primary-key probes beat materializing a whole section's ids. */
#define LIST_WHERE \
    "WHERE " VISIBLE "AND a.id<>?3 " \
    "AND (?1=0 OR EXISTS (SELECT 1 FROM article_section x " \
    "WHERE x.article_id=a.id AND x.section_id=?1)) " \
    "AND (?2=0 OR EXISTS (SELECT 1 FROM article_tag x WHERE x.article_id=a.id AND x.tag_id=?2)) " \
    "AND (?6=0 OR a.author_id=?6) "
DB_SQL(ARTICLE_LIST) =
    "SELECT " SUMMARY_COLS "FROM article a JOIN section s ON s.id=a.section_id "
    SUMMARY_MEDIA LIST_WHERE "ORDER BY a.published_at DESC, a.id DESC LIMIT ?4 OFFSET ?5";
/* Feeds: whole articles, newest first (?3 is 0). */
DB_SQL(ARTICLE_FEED) =    /* ?7: the longest body given */
    ARTICLE_FROM_BODY("CASE WHEN length(CAST(a.body_html AS BLOB))<=?7 THEN a.body_html "
                      "ELSE '' END")
    LIST_WHERE "ORDER BY a.published_at DESC, a.id DESC LIMIT ?4";
DB_SQL(ARTICLE_LIST_COUNT) =
    "SELECT count(*) FROM article a " LIST_WHERE;
DB_SQL(ARTICLE_RELATED_STORED) =
    /* CROSS JOIN keeps article_related first: without statistics the planner
     * preferred scanning every published article and probing the list. */
    "SELECT " SUMMARY_COLS "FROM article_related r CROSS JOIN article a ON a.id=r.related_id "
    "JOIN section s ON s.id=a.section_id " SUMMARY_MEDIA
    "WHERE r.article_id=?1 AND " VISIBLE "ORDER BY r.rank LIMIT ?3";
DB_SQL(ARTICLE_RELATED) =
    "SELECT " SUMMARY_COLS "FROM article a JOIN section s ON s.id=a.section_id "
    SUMMARY_MEDIA "WHERE " VISIBLE "AND a.id<>?1 AND (a.section_id=?2 OR EXISTS "
    "(SELECT 1 FROM article_tag x JOIN article_tag y ON y.tag_id=x.tag_id AND y.article_id=?1 "
    "WHERE x.article_id=a.id)) ORDER BY a.published_at DESC, a.id DESC LIMIT ?3";

/* The ticker: breaking articles published since ?1, up to now (?9). */
DB_SQL(ARTICLE_BREAKING) =
    "SELECT " SUMMARY_COLS "FROM article a JOIN section s ON s.id=a.section_id " SUMMARY_MEDIA
    "WHERE a.breaking=1 AND a.published_at>?1 AND " VISIBLE
    "ORDER BY a.published_at DESC, a.id DESC LIMIT ?2";
/* A sidebar list (popular.c computes the ranking table), still published. */
DB_SQL(ARTICLE_RANKED) =
    "SELECT " SUMMARY_COLS "FROM ranking r JOIN article a ON a.id=r.article_id "
    "JOIN section s ON s.id=a.section_id " SUMMARY_MEDIA
    "WHERE r.kind=?1 AND " VISIBLE "ORDER BY r.position LIMIT ?2";

/* Find the tag called name, creating it when new; *id gets its id. */
static enum ak_err article_tag_id(struct store *st, struct arena *a, const char *name,
                                  int64_t *id)
{
    char *slug = text_slug(a, name, 80);
    if (!slug)
        return AK_ENOMEM;
    struct db_q *s = db_stmt(st, STMT_TAG_FIND);
    if (!s)
        return AK_EIO;
    db_bind_name(s, 1, name);
    db_bind_text(s, 2, slug);
    int step = db_step(s);
    if (step == DB_ROW)
        *id = db_col_int64(s, 0);
    db_done(s);
    if (step == DB_ROW)
        return AK_OK;
    if (step != DB_DONE)
        return db_fail(st, "tag find");
    s = db_stmt(st, STMT_TAG_ADD);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    db_bind_name(s, 2, name);
    enum ak_err rc = db_exec_stmt(st, s);
    *id = db_last_id(st);
    return rc;
}

enum ak_err store_tag_ensure(struct store *st, const char *name, int64_t *id)
{
    struct arena a;
    arena_init(&a, 0);
    enum ak_err rc = article_tag_id(st, &a, name, id);
    arena_reset(&a);
    return rc;
}

static enum ak_err article_link(struct store *st, enum db_stmt_id sid, int64_t article_id,
                                int64_t other_id, int64_t position)
{
    struct db_q *s = db_stmt(st, sid);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, article_id);
    db_bind_int64(s, 2, other_id);
    if (db_param_count(s) >= 3)
        db_bind_int64(s, 3, position);
    return db_exec_stmt(st, s);
}

enum ak_err db_article_links(struct store *st, struct arena *a, int64_t id, int64_t section_id,
                             const struct article_in *in)
{
    enum ak_err rc = article_link(st, STMT_ARTICLE_SECTION_ADD, id, section_id, 0);
    if (rc)
        return rc;
    for (size_t i = 0; i < in->nsections; i++) {
        struct section other;
        if ((rc = store_section_by_slug(st, a, in->sections[i], &other)) ||
            (rc = article_link(st, STMT_ARTICLE_SECTION_ADD, id, other.id, 0)))
            return rc;
    }
    for (size_t i = 0; i < in->ntags; i++) {
        int64_t tag = 0;
        if (!in->tags[i] || !*in->tags[i])
            continue;
        if ((rc = article_tag_id(st, a, in->tags[i], &tag)) ||
            (rc = article_link(st, STMT_ARTICLE_TAG_ADD, id, tag, (int64_t)i)))
            return rc;
    }
    return AK_OK;
}

enum ak_err db_article_insert(struct store *st, struct arena *a, const struct article_in *in,
                              const unsigned char *key, int64_t *id)
{
    struct section sec;
    enum ak_err rc = store_section_by_slug(st, a, in->section ? in->section : "", &sec);
    if (rc)
        return rc;
    const char *slug = in->slug && *in->slug ? in->slug : text_slug(a, in->title, 90);
    if (!slug)
        return AK_ENOMEM;
    int64_t now = db_now();
    int64_t published = in->published_at ? in->published_at : now;
    int untimed = !in->published_at &&
                  (in->status == ARTICLE_DRAFT || in->status == ARTICLE_REVIEW);
    struct db_q *s = db_stmt(st, STMT_ARTICLE_INSERT);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    db_bind_name(s, 2, in->title);
    db_bind_text(s, 3, in->lede);
    db_bind_text(s, 4, in->body_md);
    db_bind_text(s, 5, html_safe_str(in->body_html));
    db_bind_int64(s, 6, sec.id);
    db_bind_name(s, 7, in->author);
    db_bind_name(s, 8, in->source);
    db_bind_int(s, 9, (int)in->status);
    if (!untimed)
        db_bind_int64(s, 10, published);   /* else NULL, as the editor's drafts */
    db_bind_int64(s, 11, now);
    db_bind_text(s, 12, in->body_text);     /* the search index's trigger reads it */
    if (in->guid && *in->guid)
        db_bind_text(s, 13, in->guid);
    if (key)
        db_bind_blob(s, 14, key, DB_IMPORT_KEY_BYTES);
    if (in->author_login)
        db_bind_text(s, 15, in->author_login);
    if (in->image_hash)
        db_bind_text(s, 16, in->image_hash);
    db_bind_int(s, 17, in->breaking != 0);
    db_bind_int64(s, 18, in->image_id);
    if ((rc = db_exec_stmt(st, s)))
        return rc;
    *id = db_last_id(st);
    if ((rc = db_article_links(st, a, *id, sec.id, in)))
        return rc;
    return db_article_comments(st, a, *id, in, now, 0);
}

enum ak_err db_article_comments(struct store *st, struct arena *a, int64_t id,
                                const struct article_in *in, int64_t now, int keep_existing)
{
    if (in->ncomments == 0)
        return AK_OK;
    int64_t *ids = arena_alloc(a, in->ncomments * sizeof *ids);
    if (!ids)
        return AK_ENOMEM;
    for (size_t i = 0; i < in->ncomments; i++) {
        const struct comment_in *c = &in->comments[i];
        int status = COMMENT_APPROVED;
        if (c->status) {
            for (status = 0; status < COMMENT_STATUS__MAX; status++)
                if (strcmp(c->status, comment_status_names[status]) == 0)
                    break;
            if (status == COMMENT_STATUS__MAX)
                return AK_EINVAL;
        }
        if (c->reply_to > i)
            return AK_EINVAL;               /* only an earlier comment */
        int64_t parent = c->reply_to ? ids[c->reply_to - 1] : 0;
        int64_t at = c->created_at ? c->created_at : now;
        struct db_q *s;
        ids[i] = 0;
        if (keep_existing) {
            if (!(s = db_stmt(st, STMT_COMMENT_IMPORT_FIND)))
                return AK_EIO;
            db_bind_int64(s, 1, id);
            db_bind_name(s, 2, c->author);
            db_bind_text(s, 3, c->body);
            db_bind_int64(s, 4, at);
            int step = db_step(s);
            if (step == DB_ROW)
                ids[i] = db_col_int64(s, 0);
            db_done(s);
            if (step != DB_ROW && step != DB_DONE)
                return db_fail(st, "comment find");
            if (ids[i])
                continue;
        }
        if (!(s = db_stmt(st, STMT_COMMENT_IMPORT)))
            return AK_EIO;
        db_bind_int64(s, 1, id);
        db_bind_name(s, 2, c->author);
        db_bind_text(s, 3, c->body);
        db_bind_int(s, 4, status);
        db_bind_int64(s, 5, at);
        if (parent)
            db_bind_int64(s, 6, parent);
        enum ak_err rc = db_exec_stmt(st, s);
        if (rc)
            return rc;
        ids[i] = db_last_id(st);
    }
    return AK_OK;
}

enum ak_err store_article_insert(struct store *st, const struct article_in *in, int64_t *id)
{
    if (!in->title || !*in->title)
        return AK_EINVAL;
    struct arena a;
    arena_init(&a, 0);
    enum ak_err rc = db_savepoint(st);
    if (rc == AK_OK) {
        rc = db_article_insert(st, &a, in, NULL, id);
        if (rc)
            db_rollback_to(st);
        else
            rc = db_release(st);
    }
    arena_reset(&a);
    return rc;
}

static int article_summary_row(struct db_q *s, struct arena *a, void *elem)
{
    struct article_summary *o = elem;
    o->id = db_col_int64(s, 0);
    o->slug = db_col_text(s, 1, a);
    o->title = db_col_text(s, 2, a);
    o->lede = db_col_text(s, 3, a);
    o->source = db_col_text(s, 4, a);
    o->published_at = db_col_int64(s, 5);
    o->section_slug = db_col_text(s, 6, a);
    o->section_name = db_col_text(s, 7, a);
    o->image_hash = db_col_text(s, 8, a);
    o->image_alt = db_col_text(s, 9, a);
    o->image_width = db_col_int(s, 10);
    o->image_height = db_col_int(s, 11);
    o->section_id = db_col_int64(s, 12);
    return o->slug && o->title && o->lede && o->source && o->section_slug && o->section_name &&
           o->image_hash && o->image_alt;
}

static int article_row(struct db_q *s, struct arena *a, void *elem)
{
    struct article *o = elem;
    o->id = db_col_int64(s, 0);
    o->slug = db_col_text(s, 1, a);
    o->title = db_col_text(s, 2, a);
    o->lede = db_col_text(s, 3, a);
    o->body_html = html_safe_from_store(a, db_col_text(s, 4, a));
    o->author = db_col_text(s, 5, a);
    o->source = db_col_text(s, 6, a);
    int status = db_col_int(s, 7);
    o->status = status >= 0 && status < ARTICLE_STATUS__MAX ? status : ARTICLE_DRAFT;
    o->published_at = db_col_int64(s, 8);
    o->updated_at = db_col_int64(s, 9);
    o->image_hash = db_col_text(s, 10, a);
    o->image_alt = db_col_text(s, 11, a);
    o->image_width = db_col_int(s, 12);
    o->image_height = db_col_int(s, 13);
    o->author_id = db_col_int64(s, 14);
    o->author_slug = db_col_text(s, 15, a);
    o->image_caption = db_col_text(s, 16, a);
    o->image_credit = db_col_text(s, 17, a);
    o->breaking = db_col_int(s, 18);
    int64_t words = db_col_int64(s, 19);
    o->words = words > 0 ? (size_t)words : 0;
    return o->image_caption && o->image_credit && o->author_slug && o->image_hash && o->image_alt && o->slug && o->title && o->lede && o->body_html && o->author && o->source;
}

/* The sections (primary first) and tags of o, loaded. */
static enum ak_err article_load_links(struct store *st, struct arena *a, struct article *o)
{
    struct db_q *s = db_stmt(st, STMT_ARTICLE_SECTIONS);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, o->id);
    enum ak_err rc = db_rows(st, s, a, sizeof *o->sections, db_section_row,
                             (void **)&o->sections, &o->nsections);
    if (rc)
        return rc;
    if (!(s = db_stmt(st, STMT_ARTICLE_TAGS)))
        return AK_EIO;
    db_bind_int64(s, 1, o->id);
    return db_rows(st, s, a, sizeof *o->tags, db_tag_row, (void **)&o->tags, &o->ntags);
}

enum ak_err store_article_load(struct store *st, struct arena *a, int64_t id,
                               struct article *out)
{
    struct db_q *s = db_stmt(st, STMT_ARTICLE_LOAD);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    db_bind_int64(s, 9, db_now());
    enum ak_err rc = db_row(st, s, a, article_row, out);
    return rc ? rc : article_load_links(st, a, out);
}

enum ak_err store_article_feed(struct store *st, struct arena *a, int64_t section_id,
                               int64_t tag_id, size_t limit, struct article **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_ARTICLE_FEED);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, section_id);
    db_bind_int64(s, 2, tag_id);
    db_bind_int64(s, 3, 0);
    db_bind_int64(s, 4, (int64_t)limit);
    db_bind_int64(s, 6, 0);                /* any author */
    db_bind_int64(s, 7, ARTICLE_FEED_BODY_MAX);
    db_bind_int64(s, 9, db_now());
    enum ak_err rc = db_rows(st, s, a, sizeof **out, article_row, (void **)out, n);
    for (size_t i = 0; rc == AK_OK && i < *n; i++)
        rc = article_load_links(st, a, &(*out)[i]);
    return rc;
}

enum ak_err store_article_list(struct store *st, struct arena *a, const struct article_query *q,
                               struct article_summary **out, size_t *n, size_t *total)
{
    int64_t now = db_now();
    struct db_q *s = db_stmt(st, STMT_ARTICLE_LIST);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, q->section_id);
    db_bind_int64(s, 2, q->tag_id);
    db_bind_int64(s, 3, q->exclude_id);
    db_bind_int64(s, 4, (int64_t)q->limit);
    db_bind_int64(s, 5, (int64_t)q->offset);
    db_bind_int64(s, 6, q->author_id);
    db_bind_int64(s, 9, now);
    enum ak_err rc = db_rows(st, s, a, sizeof **out, article_summary_row, (void **)out, n);
    if (rc || !total)
        return rc;
    if (!(s = db_stmt(st, STMT_ARTICLE_LIST_COUNT)))
        return AK_EIO;
    db_bind_int64(s, 1, q->section_id);
    db_bind_int64(s, 2, q->tag_id);
    db_bind_int64(s, 3, q->exclude_id);
    db_bind_int64(s, 6, q->author_id);
    db_bind_int64(s, 9, now);
    int step = db_step(s);
    *total = step == DB_ROW ? (size_t)db_col_int64(s, 0) : 0;
    db_done(s);
    return step == DB_ROW ? AK_OK : db_fail(st, "article count");
}

enum ak_err store_article_related(struct store *st, struct arena *a, const struct article *art,
                                  size_t limit, struct article_summary **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_ARTICLE_RELATED_STORED);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, art->id);
    db_bind_int64(s, 3, (int64_t)limit);
    db_bind_int64(s, 9, db_now());
    enum ak_err rc = db_rows(st, s, a, sizeof **out, article_summary_row, (void **)out, n);
    if (rc || *n > 0)
        return rc;
    s = db_stmt(st, STMT_ARTICLE_RELATED);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, art->id);
    db_bind_int64(s, 2, art->nsections ? art->sections[0].id : 0);
    db_bind_int64(s, 3, (int64_t)limit);
    db_bind_int64(s, 9, db_now());
    return db_rows(st, s, a, sizeof **out, article_summary_row, (void **)out, n);
}

enum ak_err store_article_count(struct store *st, int64_t *n)
{
    struct db_q *s = db_stmt(st, STMT_ARTICLE_COUNT);
    if (!s)
        return AK_EIO;
    int step = db_step(s);
    *n = step == DB_ROW ? db_col_int64(s, 0) : 0;
    db_done(s);
    return step == DB_ROW ? AK_OK : db_fail(st, "article count");
}

enum ak_err store_article_publish_due(struct store *st, int64_t now, size_t *n)
{
    *n = 0;
    enum ak_err rc = store_begin(st);
    if (rc)
        return rc;
    struct db_q *s = db_stmt(st, STMT_ARTICLE_PUBLISH_DUE);
    if (!s) {
        store_rollback(st);
        return AK_EIO;
    }
    db_bind_int64(s, 1, now);
    /* Collect the ids first: the audit entries are written after the UPDATE
     * has run to its end. */
    struct arena a;
    arena_init(&a, 0);
    struct due { int64_t id; char *title; struct due *next; } *list = NULL;
    int step;
    while ((step = db_step(s)) == DB_ROW) {
        struct due *d = arena_alloc(&a, sizeof *d);
        if (!d || !(d->title = db_col_text(s, 1, &a))) {
            step = SQLITE_NOMEM;
            break;
        }
        d->id = db_col_int64(s, 0);
        d->next = list;
        list = d;
        (*n)++;
    }
    db_done(s);
    rc = step == DB_DONE ? AK_OK : db_fail(st, "publish due");
    for (struct due *d = list; d && rc == AK_OK; d = d->next) {
        char target[32];
        snprintf(target, sizeof target, "%lld", (long long)d->id);
        struct audit_entry e = { .login = "scheduler", .action = AUDIT_ARTICLE_PUBLISH,
                                 .target = target, .detail = d->title, .client = "scheduler" };
        rc = store_audit_add(st, &e);
    }
    arena_reset(&a);
    /* New articles on the site change what recent ones are related to. */
    if (rc == AK_OK && *n)
        rc = store_related_refresh(st, *n + 50);
    if (rc) {
        store_rollback(st);
        *n = 0;
        return rc;
    }
    return store_commit(st);
}

enum ak_err store_article_next_scheduled(struct store *st, int64_t *when)
{
    struct db_q *s = db_stmt(st, STMT_ARTICLE_NEXT_SCHEDULED);
    return s ? db_int64(st, s, when, "next scheduled") : AK_EIO;
}

enum ak_err store_article_breaking(struct store *st, struct arena *a, int64_t since, size_t limit,
                                   struct article_summary **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_ARTICLE_BREAKING);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, since);
    db_bind_int64(s, 2, (int64_t)limit);
    db_bind_int64(s, 9, db_now());
    return db_rows(st, s, a, sizeof **out, article_summary_row, (void **)out, n);
}

enum ak_err store_article_ranked(struct store *st, struct arena *a, enum article_ranking kind,
                                 size_t limit, struct article_summary **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_ARTICLE_RANKED);
    if (!s)
        return AK_EIO;
    db_bind_int(s, 1, (int)kind);
    db_bind_int64(s, 2, (int64_t)limit);
    db_bind_int64(s, 9, db_now());
    return db_rows(st, s, a, sizeof **out, article_summary_row, (void **)out, n);
}

DB_SQL_CHECK(ARTICLE);
