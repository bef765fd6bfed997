/*
 * article_edit.c: the newsroom's writes to articles: load one in any state
 * for the editor, save it (insert or update) with a revision row in one
 * transaction, and read the revisions back. Who may make which change is
 * decided above the store (admin/editor.c's editor_transition).
 */
#include <stdio.h>
#include <string.h>
#include "base/buf.h"
#include "base/log.h"
#include "store/db.h"
#include "store/article.h"
#include "store/article_edit.h"
#include "store/audit.h"
#include "store/related.h"
#include "store/section.h"
#include "text/slug.h"

DB_SQL(DRAFT_GET) =
    "SELECT a.id, a.slug, a.title, a.lede, a.body_md, a.author, a.source, s.slug, "
    "coalesce(a.author_id, 0), coalesce(a.image_id, 0), a.status, "
    "coalesce(a.published_at, 0), a.created_at, a.updated_at, a.breaking "
    "FROM article a JOIN section s ON s.id=a.section_id WHERE a.id=?1";
DB_SQL(DRAFT_SECTIONS) =
    "SELECT s.slug FROM article_section x JOIN section s ON s.id=x.section_id "
    "JOIN article a ON a.id=x.article_id WHERE x.article_id=?1 AND s.id<>a.section_id "
    "ORDER BY s.position, s.id";
DB_SQL(DRAFT_TAGS) =
    "SELECT t.name FROM article_tag x JOIN tag t ON t.id=x.tag_id WHERE x.article_id=?1 "
    "ORDER BY x.position";
DB_SQL(EDIT_EXISTS) = "SELECT 1 FROM article WHERE id=?1";
DB_SQL(EDIT_OWNER) =
    "UPDATE article SET author_id=nullif(?2, 0), image_id=nullif(?3, 0) WHERE id=?1";
DB_SQL(EDIT_UPDATE) =
    "UPDATE article SET slug=?2, title=?3, lede=?4, body_md=?5, body_html=?6, body_text=?7, "
    "section_id=?8, source=?9, status=?10, published_at=nullif(?11, 0), updated_at=?12, "
    "image_id=nullif(?13, 0), breaking=?14 WHERE id=?1";
DB_SQL(EDIT_UNLINK_SECTIONS) = "DELETE FROM article_section WHERE article_id=?1";
DB_SQL(EDIT_UNLINK_TAGS) = "DELETE FROM article_tag WHERE article_id=?1";
DB_SQL(REVISION_ADD) =
    "INSERT INTO revision(article_id, user_id, created_at, title, lede, body_md, slug, status, "
    "sections, tags, source) SELECT id, nullif(?2, 0), ?3, title, lede, body_md, slug, status, "
    "?4, ?5, source FROM article WHERE id=?1";
#define REVISION_COLS(lede, body) \
    "SELECT r.id, r.article_id, coalesce(r.user_id, 0), " \
    "coalesce(nullif(u.name, ''), u.login, ''), r.created_at, r.title, " lede ", " body ", " \
    "r.slug, r.source, r.sections, r.tags, r.status FROM revision r " \
    "LEFT JOIN user u ON u.id=r.user_id "
DB_SQL(REVISION_LIST) =
    REVISION_COLS("''", "''") "WHERE r.article_id=?1 ORDER BY r.id DESC LIMIT ?2";
DB_SQL(REVISION_GET) =
    REVISION_COLS("r.lede", "r.body_md") "WHERE r.article_id=?1 AND r.id=?2";

static int draft_row(struct db_q *s, struct arena *a, void *elem)
{
    struct article_draft *o = elem;
    o->id = db_col_int64(s, 0);
    o->slug = db_col_text(s, 1, a);
    o->title = db_col_text(s, 2, a);
    o->lede = db_col_text(s, 3, a);
    o->body_md = db_col_text(s, 4, a);
    o->author = db_col_text(s, 5, a);
    o->source = db_col_text(s, 6, a);
    o->section = db_col_text(s, 7, a);
    o->author_id = db_col_int64(s, 8);
    o->image_id = db_col_int64(s, 9);
    int status = db_col_int(s, 10);
    o->status = status >= 0 && status < ARTICLE_STATUS__MAX ? status : ARTICLE_DRAFT;
    o->published_at = db_col_int64(s, 11);
    o->created_at = db_col_int64(s, 12);
    o->breaking = db_col_int(s, 14);
    o->updated_at = db_col_int64(s, 13);
    return o->slug && o->title && o->lede && o->body_md && o->author && o->source && o->section;
}

static int text_row(struct db_q *s, struct arena *a, void *elem)
{
    return (*(const char **)elem = db_col_text(s, 0, a)) != NULL;
}

enum ak_err store_article_get_any(struct store *st, struct arena *a, int64_t id,
                                  struct article_draft *out)
{
    struct db_q *s = db_stmt(st, STMT_DRAFT_GET);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    enum ak_err rc = db_row(st, s, a, draft_row, out);
    if (rc)
        return rc;
    if (!(s = db_stmt(st, STMT_DRAFT_SECTIONS)))
        return AK_EIO;
    db_bind_int64(s, 1, id);
    if ((rc = db_rows(st, s, a, sizeof *out->sections, text_row, (void **)&out->sections,
                      &out->nsections)))
        return rc;
    if (!(s = db_stmt(st, STMT_DRAFT_TAGS)))
        return AK_EIO;
    db_bind_int64(s, 1, id);
    return db_rows(st, s, a, sizeof *out->tags, text_row, (void **)&out->tags, &out->ntags);
}

/* The revision's sections and tags columns for in, in arena a. */
static enum ak_err edit_lists(struct arena *a, const struct article_in *in,
                              const char **sections, const char **tags)
{
    struct buf b;
    buf_init(&b, 1u << 20);
    buf_puts(&b, in->section ? in->section : "");
    for (size_t i = 0; i < in->nsections; i++) {
        buf_puts(&b, " ");
        buf_puts(&b, in->sections[i]);
    }
    *sections = b.err ? NULL : arena_strndup(a, b.p ? b.p : "", b.n);
    b.n = 0;
    for (size_t i = 0, k = 0; i < in->ntags; i++) {
        if (!in->tags[i] || !*in->tags[i])
            continue;
        if (k++)
            buf_puts(&b, ", ");
        buf_puts(&b, in->tags[i]);
    }
    *tags = b.err ? NULL : arena_strndup(a, b.p ? b.p : "", b.n);
    buf_reset(&b);
    return *sections && *tags ? AK_OK : AK_ENOMEM;
}

static enum ak_err edit_exec_id(struct store *st, enum db_stmt_id sid, int64_t id)
{
    struct db_q *s = db_stmt(st, sid);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    return db_exec_stmt(st, s);
}

static enum ak_err edit_update(struct store *st, struct arena *a, const struct article_save *sv)
{
    const struct article_in *in = sv->in;
    struct db_q *s = db_stmt(st, STMT_EDIT_EXISTS);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, sv->id);
    int step = db_step(s);
    db_done(s);
    if (step == DB_DONE)
        return AK_ENOTFOUND;
    if (step != DB_ROW)
        return db_fail(st, "article exists");
    struct section sec;
    enum ak_err rc = store_section_by_slug(st, a, in->section ? in->section : "", &sec);
    if (rc)
        return rc;
    const char *slug = in->slug && *in->slug ? in->slug : text_slug(a, in->title, 90);
    if (!slug || !(s = db_stmt(st, STMT_EDIT_UPDATE)))
        return slug ? AK_EIO : AK_ENOMEM;
    db_bind_int64(s, 1, sv->id);
    db_bind_text(s, 2, slug);
    db_bind_name(s, 3, in->title);
    db_bind_text(s, 4, in->lede);
    db_bind_text(s, 5, in->body_md);
    db_bind_text(s, 6, html_safe_str(in->body_html));
    db_bind_text(s, 7, in->body_text);      /* the search index's trigger reads it */
    db_bind_int64(s, 8, sec.id);
    db_bind_name(s, 9, in->source);
    db_bind_int(s, 10, (int)in->status);
    db_bind_int64(s, 11, in->published_at);
    db_bind_int64(s, 12, db_now());
    db_bind_int64(s, 13, sv->image_id);
    db_bind_int(s, 14, in->breaking != 0);
    if ((rc = db_exec_stmt(st, s)) ||
        (rc = edit_exec_id(st, STMT_EDIT_UNLINK_SECTIONS, sv->id)) ||
        (rc = edit_exec_id(st, STMT_EDIT_UNLINK_TAGS, sv->id)))
        return rc;
    return db_article_links(st, a, sv->id, sec.id, in);
}

static enum ak_err edit_save(struct store *st, struct arena *a, const struct article_save *sv,
                             int64_t *id)
{
    enum ak_err rc;
    struct db_q *s;
    if (sv->id == 0) {
        if ((rc = store_article_insert(st, sv->in, id)) || !(s = db_stmt(st, STMT_EDIT_OWNER)))
            return rc ? rc : AK_EIO;
        db_bind_int64(s, 1, *id);
        db_bind_int64(s, 2, sv->user_id);
        db_bind_int64(s, 3, sv->image_id);
        if ((rc = db_exec_stmt(st, s)))
            return rc;
    } else {
        *id = sv->id;
        if ((rc = edit_update(st, a, sv)))
            return rc;
    }
    const char *sections, *tags;
    if ((rc = edit_lists(a, sv->in, &sections, &tags)) || !(s = db_stmt(st, STMT_REVISION_ADD)))
        return rc ? rc : AK_EIO;
    db_bind_int64(s, 1, *id);
    db_bind_int64(s, 2, sv->user_id);
    db_bind_int64(s, 3, db_now());
    db_bind_text(s, 4, sections);
    db_bind_text(s, 5, tags);
    if ((rc = db_exec_stmt(st, s)))
        return rc;
    /* A published article's new text changes what it is related to. */
    if (sv->in->status == ARTICLE_PUBLISHED && (rc = store_related_compute(st, *id)) &&
        rc != AK_ENOTFOUND)                         /* not yet visible (future time) */
        return rc;
    if (!sv->audit)
        return AK_OK;
    struct audit_entry e = *sv->audit;
    char target[24];
    if (!e.target) {
        snprintf(target, sizeof target, "%lld", (long long)*id);
        e.target = target;
    }
    return store_audit_add(st, &e);
}

enum ak_err store_article_save(struct store *st, const struct article_save *sv, int64_t *id)
{
    if (!sv->in->title || !*sv->in->title)
        return AK_EINVAL;
    struct arena a;
    arena_init(&a, 0);
    enum ak_err rc = store_begin(st);
    if (rc == AK_OK) {
        rc = edit_save(st, &a, sv, id);
        if (rc)
            store_rollback(st);
        else
            rc = store_commit(st);
    }
    arena_reset(&a);
    return rc;
}

static int revision_row(struct db_q *s, struct arena *a, void *elem)
{
    struct revision *o = elem;
    o->id = db_col_int64(s, 0);
    o->article_id = db_col_int64(s, 1);
    o->user_id = db_col_int64(s, 2);
    o->user = db_col_text(s, 3, a);
    o->created_at = db_col_int64(s, 4);
    o->title = db_col_text(s, 5, a);
    o->lede = db_col_text(s, 6, a);
    o->body_md = db_col_text(s, 7, a);
    o->slug = db_col_text(s, 8, a);
    o->source = db_col_text(s, 9, a);
    o->sections = db_col_text(s, 10, a);
    o->tags = db_col_text(s, 11, a);
    int status = db_col_int(s, 12);
    o->status = status >= 0 && status < ARTICLE_STATUS__MAX ? status : ARTICLE_DRAFT;
    return o->user && o->title && o->lede && o->body_md && o->slug && o->source &&
           o->sections && o->tags;
}

enum ak_err store_revision_list(struct store *st, struct arena *a, int64_t article_id,
                                struct revision **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_REVISION_LIST);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, article_id);
    db_bind_int64(s, 2, STORE_REVISIONS_MAX);
    return db_rows(st, s, a, sizeof **out, revision_row, (void **)out, n);
}

enum ak_err store_revision_get(struct store *st, struct arena *a, int64_t article_id, int64_t id,
                               struct revision *out)
{
    struct db_q *s = db_stmt(st, STMT_REVISION_GET);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, article_id);
    db_bind_int64(s, 2, id);
    return db_row(st, s, a, revision_row, out);
}

DB_SQL_CHECK(ARTICLE_EDIT);
