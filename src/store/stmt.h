/*
 * stmt.h: the one list of the store's SQL statements, by name; for
 * src/store/ only.
 *
 * Every statement the store runs is named here, grouped by the module that
 * holds its SQL text. The names make enum db_stmt_id, and a connection keeps
 * exactly STMT__MAX prepared statements, one slot per name, prepared on
 * first use (SQLite's FTS5 keeps its aStmt[] so): however many statements a
 * long-lived connection runs, it can never run out of room.
 *
 * Each module writes its texts next to the code that runs them:
 *
 *     DB_SQL(SECTION_ADD) = "INSERT INTO section(slug, name) VALUES(?1, ?2)";
 *     ...
 *     DB_SQL_CHECK(SECTION);
 *
 * The build fails when the two disagree: DB_SQL of a name not listed here
 * does not compile (no STMT_ constant), DB_SQL_CHECK does not compile while
 * a name of the module's list has no text in its file (or an empty one), and
 * db.c's table of texts names every entry.
 *
 * The names, not the texts, are the seam between the backends: on
 * PostgreSQL each name is prepared on the server from the same text,
 * rewritten by pg_sql.c, or from the module's DB_SQL_PG text where SQLite's
 * differs too much; the modules' code is the same for both (db.h).
 */
#ifndef AK_STORE_STMT_H
#define AK_STORE_STMT_H

/* stmt.c: the kit's own (db.c runs them) */
#define DB_STMTS_DB(X) \
    X(BEGIN) X(BEGIN_WRITER) X(BEGIN_READ) X(COMMIT) X(ROLLBACK) X(SAVEPOINT) X(RELEASE) X(ROLLBACK_TO) \
    X(PROTECT_ON) X(PROTECT_OFF)

/* open.c */
#define DB_STMTS_OPEN(X) \
    X(SETTING_GET) X(SETTING_SET)

/* article.c */
#define DB_STMTS_ARTICLE(X) \
    X(ARTICLE_INSERT) X(ARTICLE_SECTION_ADD) X(TAG_FIND) X(TAG_ADD) X(ARTICLE_TAG_ADD) \
    X(COMMENT_IMPORT) X(COMMENT_IMPORT_FIND) X(ARTICLE_COUNT) X(ARTICLE_PUBLISH_DUE) X(ARTICLE_NEXT_SCHEDULED) \
    X(ARTICLE_LOAD) X(ARTICLE_SECTIONS) X(ARTICLE_TAGS) X(ARTICLE_LIST) X(ARTICLE_LIST_COUNT) \
    X(ARTICLE_RELATED_STORED) X(ARTICLE_RELATED) \
    X(ARTICLE_FEED) X(ARTICLE_BREAKING) X(ARTICLE_RANKED)

/* article_desk.c */
#define DB_STMTS_ARTICLE_DESK(X) \
    X(ARTICLE_COUNT_STATUS) X(ARTICLE_ROWS) X(ARTICLE_ROWS_COUNT) X(ARTICLE_ROWS_MATCH) \
    X(ARTICLE_ROWS_MATCH_COUNT)

/* article_edit.c */
#define DB_STMTS_ARTICLE_EDIT(X) \
    X(DRAFT_GET) X(DRAFT_SECTIONS) X(DRAFT_TAGS) X(EDIT_EXISTS) X(EDIT_OWNER) X(EDIT_UPDATE) \
    X(EDIT_UNLINK_SECTIONS) X(EDIT_UNLINK_TAGS) X(REVISION_ADD) X(REVISION_LIST) X(REVISION_GET)

/* audit.c */
#define DB_STMTS_AUDIT(X) \
    X(AUDIT_ADD) X(AUDIT_LIST) X(AUDIT_COUNT)

/* comment.c */
#define DB_STMTS_COMMENT(X) \
    X(COMMENT_PARENT_OK) X(COMMENT_ADD) X(COMMENT_LIST_ARTICLE) X(COMMENT_LIST) \
    X(COMMENT_SET_STATUS) X(COMMENT_DELETE) X(COMMENT_COUNT_SINCE) X(COMMENT_COUNT_STATUS) \
    X(COMMENT_QUEUE)

/* media.c */
#define DB_STMTS_MEDIA(X) \
    X(MEDIA_ADD) X(MEDIA_ID_BY_HASH) X(MEDIA_GET) X(MEDIA_LIST) X(MEDIA_COUNT) X(MEDIA_SET_ALT)

/* rank.c */
#define DB_STMTS_RANK(X) \
    X(RANK_SPAN)

/* related.c */
#define DB_STMTS_RELATED(X) \
    X(RELATED_TEXT) X(RELATED_DF) X(RELATED_QUERY) X(RELATED_CLEAR) X(RELATED_ADD) \
    X(RELATED_DONE) X(RELATED_MISSING) X(RELATED_RECENT)

/* config.c */
#define DB_STMTS_CONFIG(X) \
    X(CONFIG_ALL)

/* sitemap.c */
#define DB_STMTS_SITEMAP(X) \
    X(SITEMAP_MONTHS) X(SITEMAP_MONTH) X(SITEMAP_NEWS) X(SITEMAP_TAGS)

/* search.c */
#define DB_STMTS_SEARCH(X) \
    X(SEARCH_CANDIDATES) X(SEARCH_HIT)

/* reindex.c */
#define DB_STMTS_REINDEX(X) \
    X(REINDEX_REBUILD) X(REINDEX_NEXT) X(REINDEX_SET) X(REINDEX_OPTIMIZE) X(REINDEX_DONE)

/* section.c */
#define DB_STMTS_SECTION(X) \
    X(SECTION_ADD) X(SECTION_LIST) X(SECTION_BY_SLUG) X(TAG_BY_SLUG) X(SECTION_COUNTS) \
    X(SECTION_RENAME) X(SECTION_IDS) X(SECTION_SET_POSITION) X(TAG_COUNTS) X(TAG_BY_ID) \
    X(TAG_RENAME) X(TAG_MERGE_LINKS) X(TAG_UNLINK) X(TAG_DELETE) X(TAG_DELETE_UNUSED)

/* session.c */
#define DB_STMTS_SESSION(X) \
    X(SESSION_ADD) X(SESSION_LOAD) X(SESSION_TOUCH) X(SESSION_DELETE) X(SESSION_DELETE_USER) \
    X(SESSION_PURGE) X(FAILURE_ADD) X(FAILURE_COUNT) X(FAILURE_CLEAR) X(FAILURE_PURGE) \
    X(FAILURE_DELETE)

/* user.c */
#define DB_STMTS_USER(X) \
    X(USER_ADD) X(USER_BY_LOGIN) X(USER_BY_ID) X(USER_LIST) X(USER_SET_DISABLED) \
    X(USER_SET_PASSWORD) X(USER_SET_ROLE) X(USER_COUNT_ADMINS) X(USER_REHASH)

/* author.c */
#define DB_STMTS_AUTHOR(X) \
    X(AUTHOR_GET) X(AUTHOR_BY_SLUG) X(AUTHOR_SLUG_OWNER) X(AUTHOR_SAVE) X(AUTHOR_SET_NAME) \
    X(AUTHOR_LIST_PUBLIC)

/* pages.c */
#define DB_STMTS_PAGES(X) \
    X(PAGE_ADD) X(PAGE_UPDATE) X(PAGE_DELETE) X(PAGE_GET) X(PAGE_BY_SLUG) X(PAGE_LIST) \
    X(PAGE_LIST_PUBLISHED)

/* changes.c */
#define DB_STMTS_CHANGES(X) \
    X(CHANGE_DATA_VERSION) X(CHANGE_LAST) X(CHANGE_SINCE) X(CHANGE_PRUNE)

/* autosave.c */
#define DB_STMTS_AUTOSAVE(X) X(AUTOSAVE_PUT) X(AUTOSAVE_GET) X(AUTOSAVE_DROP)

/* moving.c */
#define DB_STMTS_MOVING(X) \
    X(MOVING_BY_GUID) X(MOVING_BY_KEY) X(MOVING_SET_KEY) X(MOVING_UPDATE) \
    X(MOVING_UNLINK_SECTIONS) X(MOVING_UNLINK_TAGS) X(LEGACY_URL_PUT) X(LEGACY_POST_PUT) \
    X(LEGACY_URL_FIND) X(LEGACY_POST_FIND) X(LEGACY_URLS_OF) X(LEGACY_POSTS_OF)

/* wp.c */
#define DB_STMTS_WP(X) \
    X(WP_USER_ADD) X(WP_SECTION_PARENT) X(WP_ARTICLE_IMAGE) X(WP_SECTION_PARENT_OF) \
    X(WP_FTS_TRIGGER) X(WP_FTS_TRIGGER_SQL) X(WP_FTS_DROP) X(WP_FTS_INDEX) X(WP_ARTICLE_MAX) X(WP_NO_MMAP)

/* export.c */
#define DB_STMTS_EXPORT(X) \
    X(EXPORT_SECTIONS) X(EXPORT_TAGS) X(EXPORT_IMAGES) X(EXPORT_AUTHORS) X(EXPORT_PAGES) \
    X(EXPORT_ARTICLE_NEXT) X(EXPORT_ARTICLE_SECTIONS) X(EXPORT_ARTICLE_TAGS) \
    X(EXPORT_COMMENTS) X(ITEM_SECTION) X(ITEM_SECTION_ID) X(ITEM_TAG) X(ITEM_TAG_ID) \
    X(ITEM_IMAGE) X(ITEM_AUTHOR) X(ITEM_PROFILE) X(ITEM_PAGE) X(ITEM_PAGE_ID)

/* wire.c */
#define DB_STMTS_WIRE(X) \
    X(FEED_ADD) X(FEED_REMOVE) X(FEED_BY_URL) X(FEED_LIST) X(FEED_DUE) X(FEED_NEXT_DUE) \
    X(FEED_POLLED) X(FEED_CLAIM) X(WIRE_ADD_SOURCE) X(WIRE_FIND) X(WIRE_ADD) X(WIRE_SET_HASH) X(WIRE_RECENT)

/* popular.c */
#define DB_STMTS_POPULAR(X) \
    X(VIEW_ADD) X(POPULAR_READ_DAY) X(POPULAR_READ_WEEK) X(POPULAR_COMMENTED) \
    X(RANKING_GET) X(RANKING_CLEAR) X(RANKING_PUT) X(TICKER_ENDED) X(CHANGE_NOTE) \
    X(VIEW_PRUNE)

/* pgindex.c */
#define DB_STMTS_PGINDEX(X) X(PGINDEX_PENDING) X(PGINDEX_PUT) X(PGINDEX_DONE) X(PGINDEX_ALL) \
    X(PGINDEX_ANALYZE)

/* backup.c */
#define DB_STMTS_BACKUP(X) X(BACKUP_INTEGRITY) X(BACKUP_FTS_CHECK) X(BACKUP_SINGLE_FILE)

#define DB_STMTS(X) \
    DB_STMTS_DB(X) \
    DB_STMTS_OPEN(X) \
    DB_STMTS_ARTICLE(X) \
    DB_STMTS_ARTICLE_DESK(X) \
    DB_STMTS_ARTICLE_EDIT(X) \
    DB_STMTS_AUDIT(X) \
    DB_STMTS_AUTOSAVE(X) \
    DB_STMTS_BACKUP(X) \
    DB_STMTS_COMMENT(X) \
    DB_STMTS_CONFIG(X) \
    DB_STMTS_MEDIA(X) \
    DB_STMTS_RANK(X) \
    DB_STMTS_RELATED(X) \
    DB_STMTS_SEARCH(X) \
    DB_STMTS_REINDEX(X) \
    DB_STMTS_SECTION(X) \
    DB_STMTS_SESSION(X) \
    DB_STMTS_SITEMAP(X) \
    DB_STMTS_USER(X) \
    DB_STMTS_AUTHOR(X) \
    DB_STMTS_PAGES(X) \
    DB_STMTS_CHANGES(X) \
    DB_STMTS_MOVING(X) \
    DB_STMTS_WP(X) \
    DB_STMTS_EXPORT(X) \
    DB_STMTS_WIRE(X) \
    DB_STMTS_POPULAR(X) \
    DB_STMTS_PGINDEX(X)

enum db_stmt_id {
#define DB_STMT_ENUM_(name) STMT_##name,
    DB_STMTS(DB_STMT_ENUM_)
#undef DB_STMT_ENUM_
    STMT__MAX
};
/* "BEGIN", "ARTICLE_INSERT", ...: for messages and tests; and each
 * statement's SQL text (stmt.c). */
extern const char *const db_stmt_names[STMT__MAX];
extern const char *const db_sql[STMT__MAX];
/* PostgreSQL's own text of a statement, NULL for most: those pg_sql.c can
 * make from the SQLite text. */
extern const char *const db_sql_pg[STMT__MAX];

/* Define the SQL text of statement STMT_name: DB_SQL(name) = "...";. The
 * enum constant fails to compile unless name is in the list above. */
#define DB_SQL(name) \
    enum { db_sql_listed_##name = STMT_##name }; \
    const char db_sql_##name[]

/* PostgreSQL's own text of statement STMT_name, beside its SQLite text:
 * DB_SQL_PG(name) = "...";. Needed only where pg_sql.c's rewriting is not
 * enough (SQLite's own functions, FTS5, PRAGMAs). */
#define DB_SQL_PG(name) \
    enum { db_sql_pg_listed_##name = STMT_##name }; \
    const char db_sql_pg_##name[]

/* After a module's texts: every name of DB_STMTS_module has a non-empty text
 * in this file. */
#define DB_SQL_HAS_TEXT_(name) && sizeof db_sql_##name > 1
#define DB_SQL_CHECK(module) \
    _Static_assert(1 DB_STMTS_##module(DB_SQL_HAS_TEXT_), \
                   "every statement of " #module " has its SQL text")

#endif
