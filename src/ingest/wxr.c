/*
 * wxr.c: a WordPress export into the store (see ingest.h's ingest_wxr).
 *
 * The rules, beyond the reader's (wxr.h) and the terms' (wxr_terms.c):
 *  - Posts become articles by status: publish → published, draft → draft,
 *    pending → review, future → scheduled, private → unpublished (not
 *    public); trash and auto-draft are skipped. Each goes through
 *    store_import_article with the export's GUID, its old <link> and its
 *    post id (for /?p=ID), so a second run finds it: unchanged, or updated
 *    when the export changed.
 *  - Content goes through wp_html_md (wp.h). The lede is the excerpt as
 *    text, else the first paragraph, which then leaves the body (the page
 *    shows the lede above the body: it would show twice).
 *  - Comments: approved (1), pending (0) and spam kept with their status
 *    (spam never shows); trash, pingbacks and trackbacks skipped. A reply
 *    to a reply answers the thread's first comment: one level of replies.
 *  - Pages become static pages, found again by slug; their old link and
 *    post id (/?page_id=ID) lead to them.
 *  - Attachments: with opts->uploads, the file named by _wp_attached_file
 *    (or the part of the URL after /uploads/) is ingested as media; a post's
 *    _thumbnail_id then makes it the featured image (set after the last
 *    record: attachments often follow their posts). Without the file the
 *    attachment is reported and skipped.
 *  - Transactions: the file is read once to check it (so a broken file
 *    stores nothing), then records are committed WXR_BATCH at a time; with
 *    strict or from standard input, which cannot be read twice, the file
 *    is one transaction.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "ingest/wp.h"
#include "ingest/wxr_import.h"
#include "media/image.h"
#include "newsroom/article.h"
#include "render/markdown.h"
#include "store/article.h"
#include "store/media.h"
#include "store/moving.h"
#include "store/pages.h"
#include "store/related.h"
#include "store/store.h"
#include "store/wp.h"
#include "text/urlpath.h"
#include "text/utf8.h"

enum { WXR_BATCH = 10000, WXR_COMMENTS_MAX = 5000 };

const char *const wxr_kind_names[WXR_KIND__MAX] = {
    "authors", "categories", "tags", "terms", "posts", "pages", "attachments", "comments",
    "other",
};
const char *const wxr_outcome_names[WXR_OUTCOME__MAX] = {
    "imported", "updated", "unchanged", "skipped", "failed",
};

static const char WXR_UNTITLED[] = "بلا عنوان";

/* "YYYY-MM-DD HH:MM:SS" as UTC; 0 for WordPress's "0000-00-00 00:00:00" or
 * anything else. */
static int64_t wxr_time(const char *s)
{
    struct tm tm = { 0 };
    if (!s || strlen(s) < 19 || sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
                                       &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6 ||
        tm.tm_year < 1970 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    return t < 0 ? 0 : (int64_t)t;
}

static const char *meta_of(const struct wxr_item *it, const char *key)
{
    for (size_t i = 0; i < it->nmeta; i++)
        if (strcmp(it->meta[i].key, key) == 0)
            return it->meta[i].value;
    return NULL;
}

/* The old link as a legacy URL, or NULL when its path is the root (a
 * ?p=ID link: the post id covers it) or it is not a URL of the site. */
static const char *old_link(struct wxi *w, const char *link)
{
    if (!*link)
        return NULL;
    const char *p = text_urlpath(&w->a, link, strlen(link));
    return p && strcmp(p, "/") != 0 ? link : NULL;
}

/* Body and lede of content and excerpt (see the file comment). */
static enum ak_err item_text(struct wxi *w, const struct wxr_item *it, const char **body,
                             const char **lede)
{
    struct wp_md md;
    enum ak_err rc = wp_html_md(&w->a, it->content, strlen(it->content), &md);
    if (rc)
        return rc;
    w->rep->shortcodes += md.shortcodes;
    w->rep->dropped += md.dropped;
    *body = md.md;
    *lede = "";
    if (*it->excerpt)
        return wp_html_text(&w->a, it->excerpt, strlen(it->excerpt), lede);
    if (md.first_end > 0) {
        size_t n;
        if ((rc = markdown_plaintext(&w->a, md.md, md.first_end, lede, &n)) != AK_OK)
            return rc;
        for (char *p = (char *)*lede; *p; p++)
            if (*p == '\n')
                *p = ' ';                           /* a lede is one line */
        *body = md.md[md.first_end] ? md.md + md.first_end + 2 : "";  /* past the blank line */
    }
    return AK_OK;
}

static int cmp_comment(const void *a, const void *b)
{
    const struct wxr_comment *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The comments of it that are kept, as comment_in, threaded one level. */
static enum ak_err item_comments(struct wxi *w, const struct wxr_item *it,
                                 struct comment_in **out, size_t *n)
{
    *n = 0;
    *out = NULL;
    size_t m = it->ncomments < WXR_COMMENTS_MAX ? it->ncomments : WXR_COMMENTS_MAX;
    if (m == 0)
        return AK_OK;
    struct wxr_comment *c = arena_alloc(&w->a, m * sizeof *c);
    struct comment_in *ci = arena_alloc(&w->a, m * sizeof *ci);
    int64_t *root = arena_alloc(&w->a, m * sizeof *root);  /* kept index + 1 of its thread */
    if (!c || !ci || !root)
        return AK_ENOMEM;
    memcpy(c, it->comments, m * sizeof *c);
    qsort(c, m, sizeof *c, cmp_comment);
    for (size_t i = 0; i < m; i++) {
        root[i] = 0;
        const char *status = strcmp(c[i].approved, "1") == 0 ? "approved"
                           : strcmp(c[i].approved, "0") == 0 ? "pending"
                           : strcmp(c[i].approved, "spam") == 0 ? "spam" : NULL;
        if (!status || strcmp(c[i].type, "pingback") == 0 ||
            strcmp(c[i].type, "trackback") == 0) {
            wxi_count(w, WXR_COMMENTS, WXR_SKIPPED);
            continue;
        }
        const char *body;
        enum ak_err rc = wp_html_text(&w->a, c[i].content, strlen(c[i].content), &body);
        if (rc)
            return rc;
        if (!*body) {
            wxi_count(w, WXR_COMMENTS, WXR_SKIPPED);
            continue;
        }
        /* the thread's first comment: follow parents up among earlier ones */
        size_t reply = 0;
        int64_t parent = c[i].parent;
        for (size_t j = i; parent && j-- > 0;)
            if (c[j].id == parent) {
                reply = (size_t)root[j];
                break;
            }
        struct comment_in *x = &ci[*n];
        x->author = *c[i].author ? c[i].author : "قارئ";
        x->body = body;
        x->created_at = wxr_time(c[i].date_gmt);
        if (!x->created_at)
            x->created_at = wxr_time(c[i].date);
        x->status = status;
        x->reply_to = reply;
        (*n)++;
        root[i] = reply ? (int64_t)reply : (int64_t)*n;
    }
    *out = ci;
    return AK_OK;
}

static enum ak_err item_post(struct wxi *w, const struct wxr_item *it)
{
    static const struct { const char *wp; enum article_status st; } map[] = {
        { "publish", ARTICLE_PUBLISHED }, { "draft", ARTICLE_DRAFT },
        { "pending", ARTICLE_REVIEW }, { "future", ARTICLE_SCHEDULED },
        { "private", ARTICLE_UNPUBLISHED },
    };
    struct article_in in = { 0 };
    size_t k = 0;
    while (k < sizeof map / sizeof map[0] && strcmp(map[k].wp, it->status) != 0)
        k++;
    if (k == sizeof map / sizeof map[0]) {
        wxi_count(w, WXR_POSTS, WXR_SKIPPED);     /* trash, auto-draft, inherit */
        return AK_OK;
    }
    if (!*it->title && !*it->content && !*it->excerpt)   /* WordPress refuses these too */
        return wxi_fail(w, WXR_POSTS, it->line, "post %lld: title, content and excerpt are empty",
                        (long long)it->post_id);
    in.status = map[k].st;
    in.title = *it->title ? it->title : WXR_UNTITLED;
    enum ak_err rc = item_text(w, it, &in.body_md, &in.lede);
    if (rc)
        return wxi_fail(w, WXR_POSTS, it->line, "post %lld: content: %s",
                        (long long)it->post_id, ak_strerror(rc));
    in.slug = *it->post_name ? wxi_slug(w, it->post_name, it->title) : NULL;
    in.published_at = wxr_time(it->post_date_gmt);
    if (!in.published_at)
        in.published_at = wxr_time(it->post_date);
    const struct wxr_map_ent *au = wxr_map_get(&w->authors, it->creator);
    in.author = au && au->val ? au->val : it->creator;
    in.guid = *it->guid ? it->guid : NULL;
    const char **secs = arena_alloc(&w->a, (it->ncats + 1) * sizeof *secs);
    const char **tags = arena_alloc(&w->a, (it->ncats + 1) * sizeof *tags);
    if (!secs || !tags)
        return AK_ENOMEM;
    size_t ns = 0, nt = 0;
    for (size_t i = 0; i < it->ncats; i++) {
        const struct wxr_cat *c = &it->cats[i];
        const char *nice = *c->nicename ? c->nicename : c->name;
        if (strcmp(c->domain, "category") == 0 && *nice) {
            int64_t id;
            if ((rc = wxi_section_of(w, nice, c->name, &id, &secs[ns])) != AK_OK)
                return wxi_fail(w, WXR_POSTS, it->line, "post %lld: category '%s': %s",
                                (long long)it->post_id, c->name, ak_strerror(rc));
            ns++;
        } else if (strcmp(c->domain, "post_tag") == 0 && *c->name) {
            tags[nt++] = c->name;
        }
    }
    if (ns == 0) {
        int64_t id;
        if ((rc = wxi_section_of(w, "general", "عام", &id, &secs[0])) != AK_OK)
            return wxi_fail(w, WXR_POSTS, it->line, "post: section: %s", ak_strerror(rc));
        ns = 1;
    }
    in.section = secs[0];
    in.sections = secs + 1;
    in.nsections = ns - 1;
    in.tags = tags;
    in.ntags = nt;
    const char *link = old_link(w, it->link);
    in.legacy_urls = &link;
    in.nlegacy_urls = link ? 1 : 0;
    in.legacy_ids = &it->post_id;
    in.nlegacy_ids = it->post_id > 0 ? 1 : 0;
    struct comment_in *comments;
    if ((rc = item_comments(w, it, &comments, &in.ncomments)) != AK_OK)
        return rc;
    in.comments = comments;
    if ((rc = newsroom_article_render(&w->a, &in)) != AK_OK)
        return wxi_fail(w, WXR_POSTS, it->line, "post %lld: cannot render: %s",
                        (long long)it->post_id, ak_strerror(rc));
    int64_t id;
    enum import_outcome out;
    if ((rc = store_import_article(w->st, &in, &id, &out)) != AK_OK)
        return wxi_fail(w, WXR_POSTS, it->line, "post %lld '%s': %s", (long long)it->post_id,
                        in.title, rc == AK_EEXIST ? "its slug is another article's"
                                                  : ak_strerror(rc));
    enum wxr_outcome o = out == IMPORT_IMPORTED ? WXR_IMPORTED
                       : out == IMPORT_UPDATED ? WXR_UPDATED : WXR_UNCHANGED;
    wxi_count(w, WXR_POSTS, o);
    w->rep->n[WXR_COMMENTS][o] += in.ncomments;
    const char *thumb = meta_of(it, "_thumbnail_id");
    if (thumb && *thumb) {
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)id);
        if ((rc = wxr_map_put(&w->thumbs, key, strtoll(thumb, NULL, 10), NULL)) != AK_OK)
            return rc;
    }
    return AK_OK;
}

static enum ak_err item_page(struct wxi *w, const struct wxr_item *it)
{
    int published = strcmp(it->status, "publish") == 0;
    if (!published && strcmp(it->status, "draft") != 0 && strcmp(it->status, "pending") != 0 &&
        strcmp(it->status, "private") != 0) {
        wxi_count(w, WXR_PAGES, WXR_SKIPPED);
        return AK_OK;
    }
    struct static_page pg = { 0 };
    pg.title = *it->title ? it->title : WXR_UNTITLED;
    pg.slug = wxi_slug(w, it->post_name, pg.title);
    if (strlen(pg.slug) > PAGE_SLUG_MAX)
        pg.slug = arena_strndup(&w->a, pg.slug, utf8_clip(pg.slug, strlen(pg.slug),
                                                           PAGE_SLUG_MAX));
    pg.published = published;
    pg.position = it->menu_order;
    struct wp_md md;
    enum ak_err rc = wp_html_md(&w->a, it->content, strlen(it->content), &md);
    if (rc == AK_OK)
        rc = markdown_render(&w->a, md.md, strlen(md.md), &pg.body_html);
    if (rc != AK_OK)
        return wxi_fail(w, WXR_PAGES, it->line, "page %lld: content: %s",
                        (long long)it->post_id, ak_strerror(rc));
    w->rep->shortcodes += md.shortcodes;
    w->rep->dropped += md.dropped;
    pg.body_md = md.md;
    struct static_page old;
    int64_t id;
    enum wxr_outcome o;
    rc = store_page_by_slug(w->st, &w->a, pg.slug, &old);
    if (rc == AK_OK) {
        id = pg.id = old.id;
        if (strcmp(old.title, pg.title) == 0 && strcmp(old.body_md, pg.body_md) == 0 &&
            old.published == pg.published) {
            o = WXR_UNCHANGED;
        } else {
            pg.position = old.position;
            rc = store_page_update(w->st, &pg);
            o = WXR_UPDATED;
        }
    } else if (rc == AK_ENOTFOUND) {
        rc = store_page_add(w->st, &pg, &id);
        o = WXR_IMPORTED;
    }
    if (rc != AK_OK)
        return wxi_fail(w, WXR_PAGES, it->line, "page %lld '%s': %s", (long long)it->post_id,
                        pg.title, ak_strerror(rc));
    const char *link = old_link(w, it->link);
    if ((link && (rc = store_legacy_put(w->st, link, LEGACY_PAGE, id)) != AK_OK) ||
        (it->post_id > 0 &&
         (rc = store_legacy_put_post(w->st, it->post_id, LEGACY_PAGE, id)) != AK_OK))
        return wxi_fail(w, WXR_PAGES, it->line, "page %lld: old URL: %s",
                        (long long)it->post_id, ak_strerror(rc));
    wxi_count(w, WXR_PAGES, o);
    return AK_OK;
}

/* The file of an attachment under the uploads folder, or NULL. */
static const char *attachment_file(struct wxi *w, const struct wxr_item *it)
{
    const char *rel = meta_of(it, "_wp_attached_file");
    if (!rel || !*rel) {
        const char *u = strstr(it->attachment_url, "/uploads/");
        rel = u ? u + 9 : NULL;
    }
    if (!rel || !*rel || rel[0] == '/' || strstr(rel, ".."))
        return NULL;
    const char *path = arena_printf(&w->a, "%s/%s", w->opts->uploads, rel);
    struct stat sb;
    return path && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? path : NULL;
}

static enum ak_err item_attachment(struct wxi *w, const struct wxr_item *it)
{
    const char *path = w->opts->uploads ? attachment_file(w, it) : NULL;
    if (!path) {
        wxi_report(w, it->line, "attachment %lld: %s: file not found%s; not imported",
                   (long long)it->post_id, *it->attachment_url ? it->attachment_url : "(no URL)",
                   w->opts->uploads ? " in --uploads" : " (no --uploads)");
        wxi_count(w, WXR_ATTACHMENTS, WXR_SKIPPED);
        return AK_OK;
    }
    struct media_info mi;
    char msg[256];
    enum ak_err rc = media_ingest(path, w->opts->media_dir, &mi, msg, sizeof msg);
    if (rc != AK_OK)
        return wxi_fail(w, WXR_ATTACHMENTS, it->line, "attachment %lld: %s: %s",
                        (long long)it->post_id, path, rc == AK_EIO ? ak_strerror(rc) : msg);
    const char *alt = meta_of(it, "_wp_attachment_image_alt");
    struct media m = {
        .hash = mi.hash, .width = mi.width, .height = mi.height, .mime = mi.mime,
        .alt = alt && *alt ? alt : *it->title ? it->title : "صورة", .bytes = mi.bytes,
    };
    int64_t id;
    int existed = 0;
    if ((rc = store_media_add(w->st, &m, &id, &existed)) != AK_OK)
        return wxi_fail(w, WXR_ATTACHMENTS, it->line, "attachment %lld: %s",
                        (long long)it->post_id, ak_strerror(rc));
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)it->post_id);
    wxi_count(w, WXR_ATTACHMENTS, existed ? WXR_UNCHANGED : WXR_IMPORTED);
    return wxr_map_put(&w->media, key, id, NULL);
}

/* Begin a transaction, with search indexing deferred to its end. */
static enum ak_err wxi_begin(struct wxi *w)
{
    enum ak_err rc = store_begin(w->st);
    if (rc == AK_OK && (rc = store_bulk_begin(w->st, &w->bulk)) != AK_OK)
        store_rollback(w->st);
    if (rc != AK_OK)
        wxi_report(w, 0, "store: %s", ak_strerror(rc));
    return rc;
}

/* Index what the transaction added and commit it. */
static enum ak_err wxi_commit(struct wxi *w)
{
    enum ak_err rc = store_bulk_end(w->st, &w->bulk);
    if (rc == AK_OK)
        rc = store_commit(w->st);
    if (rc != AK_OK)
        wxi_report(w, 0, "store: commit: %s", ak_strerror(rc));
    return rc;
}

/* Commit every WXR_BATCH records (not in one-transaction mode). */
static enum ak_err wxi_step(struct wxi *w, int single)
{
    if (single || ++w->in_tx < WXR_BATCH)
        return AK_OK;
    w->in_tx = 0;
    enum ak_err rc = wxi_commit(w);
    return rc ? rc : wxi_begin(w);
}

struct wxi_pass {
    struct wxi *w;
    int single;                 /* one transaction */
};

static enum ak_err pass_author(void *ctx, const struct wxr_channel *ch,
                               const struct wxr_author *a)
{
    struct wxi_pass *p = ctx;
    arena_clear(&p->w->a);
    enum ak_err rc = wxi_author(p->w, ch, a);
    return rc ? rc : wxi_step(p->w, p->single);
}

static enum ak_err pass_term(void *ctx, const struct wxr_channel *ch, const struct wxr_term *t)
{
    struct wxi_pass *p = ctx;
    arena_clear(&p->w->a);
    enum ak_err rc = wxi_term(p->w, ch, t);
    return rc ? rc : wxi_step(p->w, p->single);
}

static enum ak_err pass_item(void *ctx, const struct wxr_channel *ch, const struct wxr_item *it)
{
    (void)ch;
    struct wxi_pass *p = ctx;
    struct wxi *w = p->w;
    arena_clear(&w->a);
    enum ak_err rc;
    if (strcmp(it->post_type, "post") == 0) {
        rc = item_post(w, it);
    } else if (strcmp(it->post_type, "page") == 0) {
        rc = item_page(w, it);
    } else if (strcmp(it->post_type, "attachment") == 0) {
        rc = item_attachment(w, it);
    } else {
        wxi_count(w, WXR_OTHER, WXR_SKIPPED);     /* menus, revisions, custom types */
        rc = AK_OK;
    }
    if (rc == AK_ENOMEM)
        wxi_report(w, it->line, "out of memory");
    return rc ? rc : wxi_step(w, p->single);
}

/* Featured images from the attachments now known. */
static void wxi_thumbs(struct wxi *w)
{
    for (size_t i = 0; i < w->thumbs.cap; i++) {
        const struct wxr_map_ent *e = &w->thumbs.e[i];
        if (!e->key)
            continue;
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)e->id);
        const struct wxr_map_ent *m = wxr_map_get(&w->media, key);
        if (m)
            store_article_set_image(w->st, strtoll(e->key, NULL, 10), m->id);
    }
}

enum ak_err ingest_wxr(struct store *st, const char *path, const struct ingest_wxr_opts *opts,
                       FILE *err, struct wxr_report *rep)
{
    memset(rep, 0, sizeof *rep);
    struct wxi w = { .st = st, .err = err, .opts = opts, .rep = rep,
                     .name = strcmp(path, "-") == 0 ? "<stdin>" : path };
    struct wxr_error e;
    int single = opts->strict || strcmp(path, "-") == 0;
    enum ak_err rc = AK_OK;
    if (!single) {
        struct wxr_sink check = { 0 };
        rc = wxr_read(path, NULL, 0, &check, &e);
        if (rc != AK_OK) {
            wxi_report(&w, e.line, "%s; nothing imported", e.msg);
            return rc;
        }
    }
    arena_init(&w.a, 0);
    store_bulk_no_mmap(st);
    struct wxi_pass pass = { .w = &w, .single = single };
    struct wxr_sink sink = { &pass, pass_author, pass_term, pass_item };
    if ((rc = wxi_begin(&w)) != AK_OK) {
        arena_reset(&w.a);
        return rc;
    }
    rc = wxr_read(path, NULL, 0, &sink, &e);
    if (rc == AK_OK) {
        arena_clear(&w.a);
        wxi_terms_finish(&w);
        wxi_thumbs(&w);
        rc = wxi_commit(&w);
    } else if (!w.fatal) {
        wxi_report(&w, e.line, "%s%s", e.msg[0] ? e.msg : ak_strerror(rc),
                   single ? "; nothing imported" : "");
    } else {
        wxi_report(&w, 0, "--strict: a record failed; nothing imported");
    }
    if (rc != AK_OK) {
        store_rollback(st);
        if (single)
            memset(rep->n, 0, sizeof rep->n);
    }
    size_t n = rep->n[WXR_POSTS][WXR_IMPORTED] + rep->n[WXR_POSTS][WXR_UPDATED];
    if (rc == AK_OK && n > 0)
        store_related_refresh(st, n < INGEST_RELATED_MAX ? n : INGEST_RELATED_MAX);
    wxr_map_free(&w.authors);
    wxr_map_free(&w.cats);
    wxr_map_free(&w.tags);
    wxr_map_free(&w.parents);
    wxr_map_free(&w.media);
    wxr_map_free(&w.thumbs);
    arena_reset(&w.a);
    return rc;
}

void ingest_wxr_print(FILE *f, const struct wxr_report *rep)
{
    fprintf(f, "%-12s", "");
    for (int o = 0; o < WXR_OUTCOME__MAX; o++)
        fprintf(f, " %10s", wxr_outcome_names[o]);
    fputc('\n', f);
    for (int k = 0; k < WXR_KIND__MAX; k++) {
        size_t any = 0;
        for (int o = 0; o < WXR_OUTCOME__MAX; o++)
            any += rep->n[k][o];
        if (!any)
            continue;
        fprintf(f, "%-12s", wxr_kind_names[k]);
        for (int o = 0; o < WXR_OUTCOME__MAX; o++)
            fprintf(f, " %10zu", rep->n[k][o]);
        fputc('\n', f);
    }
    if (rep->shortcodes || rep->dropped)
        fprintf(f, "content: %zu shortcodes dropped, %zu elements dropped with their content\n",
                rep->shortcodes, rep->dropped);
}
