/*
 * wire.c: a parsed feed's items into articles (see wire.h): the policy of
 * wire copy.
 *
 * Each item is keyed by (origin, guid): the feed's URL (a file's channel
 * link, for `import --format feed`) and the item's guid (else its link, else
 * a hash of its title). For each item:
 *  - seen before with the same content hash: nothing (an unchanged item
 *    polled again, the common case, costs one indexed lookup);
 *  - seen before with another hash: its article is updated (title, lede,
 *    body; a revision is added, as an edit in the newsroom would) only while
 *    it is a draft or in review. Once an editor has scheduled or published
 *    it, the article is the newsroom's: the agency's correction is counted
 *    ("kept") and its hash recorded, but the public text is not rewritten
 *    behind the editor's back;
 *  - new: its MinHash sketch (title, lede and the start of the body, over
 *    the analyzer's stems) is compared with those of the items of the last
 *    WIRE_DUP_WINDOW seconds that have their own article. At or above
 *    WIRE_DUP_THRESHOLD (measured on eval/wire/) it is the same story from
 *    another agency: the item is recorded as a duplicate attached to the
 *    first one's article (duplicate_of, similarity), whose sources name the
 *    second agency too while it is a draft or in review, and no article is
 *    made.
 *    Otherwise it becomes an article in the feed's section with its status
 *    (review by default), its categories as tags, its author, and the feed's
 *    title as the source.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "base/buf.h"
#include "ingest/wire.h"
#include "newsroom/article.h"
#include "store/article_edit.h"
#include "store/store.h"
#include "store/wire.h"
#include "text/analyzer.h"
#include "text/sketch.h"
#include "text/utf8.h"

enum {
    WIRE_DUP_WINDOW = 3 * 86400,    /* seconds of items a new one is compared with */
    WIRE_DUP_CANDIDATES = 5000,     /* at most this many of them */
    WIRE_SKETCH_TEXT = 1500,        /* bytes of body text in a sketch */
};

enum ak_err wire_sketch(struct text_analyzer *an, const char *title, const char *lede,
                        const char *body_text, struct text_sketch *out)
{
    struct buf b;
    buf_init(&b, 0);
    buf_puts(&b, title);
    buf_putc(&b, '\n');
    buf_puts(&b, lede);
    buf_putc(&b, '\n');
    size_t n = strlen(body_text);
    buf_append(&b, body_text, utf8_clip(body_text, n, WIRE_SKETCH_TEXT));
    enum ak_err rc = b.err ? b.err : text_sketch_make(an, b.p, b.n, out);
    buf_reset(&b);
    return rc;
}

/* One document's import in progress. */
struct ws {
    struct store *st;
    const struct wire_target *t;
    struct wire_report *rep;
    FILE *err;
    struct text_analyzer *an;
    struct arena cand_arena;    /* the candidates, for the whole document */
    struct wire_sketch *cand;
    struct text_sketch *cand_sk;
    size_t ncand, capcand;
    struct arena rec;           /* one item's memory */
    int intx;                   /* the document's transaction is open */
};

/* Remember a candidate (a new item with its own article). */
static void ws_remember(struct ws *w, int64_t id, int64_t article_id,
                        const struct text_sketch *sk)
{
    if (w->ncand == w->capcand) {
        size_t cap = w->capcand ? 2 * w->capcand : 64;
        struct wire_sketch *c = arena_alloc(&w->cand_arena, cap * sizeof *c);
        struct text_sketch *k = arena_alloc(&w->cand_arena, cap * sizeof *k);
        if (!c || !k)
            return;
        if (w->ncand) {
            memcpy(c, w->cand, w->ncand * sizeof *c);
            memcpy(k, w->cand_sk, w->ncand * sizeof *k);
        }
        w->cand = c;
        w->cand_sk = k;
        w->capcand = cap;
    }
    w->cand[w->ncand] = (struct wire_sketch){ .id = id, .article_id = article_id };
    w->cand_sk[w->ncand++] = *sk;
}

/* The content hash of an item. */
static void ws_hash(const struct wire_item *it, unsigned char out[STORE_WIRE_HASH])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, STORE_WIRE_HASH);
    const char *parts[] = { it->title, it->lede, it->body_md, it->link };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        crypto_generichash_update(&h, (const unsigned char *)parts[i], strlen(parts[i]) + 1);
    crypto_generichash_final(&h, out, STORE_WIRE_HASH);
}

/* Fill *in with what item it says, for a new article or an update. */
static void ws_article(struct ws *w, const struct wire_item *it, struct article_in *in)
{
    memset(in, 0, sizeof *in);
    in->title = it->title;
    in->lede = it->lede;
    in->body_md = *it->body_md ? it->body_md : it->lede;
    in->section = w->t->section;
    in->tags = it->categories;
    in->ntags = it->ncategories;
    in->author = it->author;
    in->source = w->t->source ? w->t->source : "";
    in->status = w->t->status;
    int64_t now = store_now();
    if (w->t->status == ARTICLE_PUBLISHED)
        in->published_at = it->published > 0 && it->published < now ? it->published : now;
}

/* Update the article of a changed item, when it is still the agency's
 * (draft or review). Returns AK_OK (*updated 1 when it was rewritten). */
static enum ak_err ws_update(struct ws *w, const struct wire_item *it, int64_t article_id,
                             int *updated)
{
    *updated = 0;
    struct article_draft d;
    enum ak_err rc = store_article_get_any(w->st, &w->rec, article_id, &d);
    if (rc == AK_ENOTFOUND)
        return AK_OK;
    if (rc)
        return rc;
    if (d.status != ARTICLE_DRAFT && d.status != ARTICLE_REVIEW)
        return AK_OK;
    struct article_in in;
    ws_article(w, it, &in);
    in.section = d.section;
    in.sections = d.sections;
    in.nsections = d.nsections;
    in.slug = d.slug;
    in.status = d.status;
    in.source = d.source;
    if ((rc = newsroom_article_render(&w->rec, &in)))
        return rc;
    struct article_save sv = { .id = article_id, .image_id = d.image_id, .in = &in };
    int64_t id;
    if ((rc = store_article_save(w->st, &sv, &id)) == AK_OK)
        *updated = 1;
    return rc;
}

/* Open the document's transaction when none is open. */
static enum ak_err ws_begin(struct ws *w)
{
    if (w->intx)
        return AK_OK;
    enum ak_err rc = store_begin(w->st);
    w->intx = rc == AK_OK;
    return rc;
}

/* Commit the document's transaction when one is open. */
static enum ak_err ws_commit(struct ws *w)
{
    if (!w->intx)
        return AK_OK;
    w->intx = 0;
    enum ak_err rc = store_commit(w->st);
    if (rc)
        store_rollback(w->st);
    return rc;
}

/* Import one item. New items and duplicates go into the document's
 * transaction (each in a savepoint: both its rows or neither); an update is
 * store_article_save's own transaction (it adds the revision), so the
 * document's is committed before it. */
static enum ak_err ws_item(struct ws *w, const struct wire_item *it)
{
    const char *guid = it->guid;
    unsigned char hash[STORE_WIRE_HASH];
    ws_hash(it, hash);
    if (!*guid) {
        char hex[2 * STORE_WIRE_HASH + 1];
        sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
        guid = arena_printf(&w->rec, "hash:%s", hex);
        if (!guid)
            return AK_ENOMEM;
    }
    struct wire_row row;
    enum ak_err rc = store_wire_find(w->st, w->t->origin, guid, &row);
    if (rc == AK_OK) {
        if (memcmp(row.hash, hash, sizeof hash) == 0) {
            w->rep->unchanged++;
            return AK_OK;
        }
        int updated = 0;
        if ((rc = ws_commit(w)) ||      /* store_article_save is a transaction of its own */
            (row.article_id && !row.duplicate_of &&
             (rc = ws_update(w, it, row.article_id, &updated))))
            return rc;
        if ((rc = store_wire_set_hash(w->st, row.id, hash)))
            return rc;
        if (updated)
            w->rep->updated++;
        else
            w->rep->kept++;
        return AK_OK;
    }
    if (rc != AK_ENOTFOUND)
        return rc;

    struct article_in in;
    ws_article(w, it, &in);
    if ((rc = newsroom_article_render(&w->rec, &in)))
        return rc;
    struct text_sketch sk;
    if ((rc = wire_sketch(w->an, in.title, in.lede, in.body_text ? in.body_text : "", &sk)))
        return rc;
    size_t best = SIZE_MAX;
    double best_sim = 0;
    for (size_t i = 0; i < w->ncand; i++) {
        double sim = text_sketch_similarity(&sk, &w->cand_sk[i]);
        if (sim > best_sim) {
            best_sim = sim;
            best = i;
        }
    }
    unsigned char bytes[TEXT_SKETCH_BYTES];
    text_sketch_encode(&sk, bytes);
    struct wire_in wi = {
        .feed_id = w->t->feed_id, .origin = w->t->origin, .guid = guid, .link = it->link,
        .title = it->title, .sketch = bytes, .sketch_n = sizeof bytes,
    };
    memcpy(wi.hash, hash, sizeof hash);
    int64_t wid;
    if (best != SIZE_MAX && best_sim >= WIRE_DUP_THRESHOLD) {
        wi.article_id = w->cand[best].article_id;
        wi.duplicate_of = w->cand[best].id;
        wi.similarity = best_sim;
        if ((rc = ws_begin(w)) || (rc = store_wire_insert(w->st, NULL, &wi, &wid)) ||
            (rc = store_wire_add_source(w->st, wi.article_id, w->t->source)))
            return rc;
        w->rep->duplicates++;
        if (w->err)
            fprintf(w->err, "%s: '%s': the same story as article %lld (similarity %.2f)\n",
                    w->t->name, it->title, (long long)wi.article_id, best_sim);
        return AK_OK;
    }
    if ((rc = ws_begin(w)) || (rc = store_wire_insert(w->st, &in, &wi, &wid)))
        return rc;
    ws_remember(w, wid, wi.article_id, &sk);
    w->rep->added++;
    return AK_OK;
}

enum ak_err wire_store(struct store *st, const struct wire_doc *doc,
                       const struct wire_target *t, FILE *err, struct wire_report *rep)
{
    struct ws w = { .st = st, .t = t, .rep = rep, .err = err };
    if (!(w.an = text_analyzer_new()))
        return AK_ENOMEM;
    arena_init(&w.cand_arena, 0);
    arena_init(&w.rec, 0);
    struct wire_sketch *recent = NULL;
    size_t nrecent = 0;
    enum ak_err rc = store_wire_recent(st, &w.cand_arena, store_now() - WIRE_DUP_WINDOW,
                                       WIRE_DUP_CANDIDATES, &recent, &nrecent);
    for (size_t i = nrecent; rc == AK_OK && i-- > 0;) {
        struct text_sketch sk;
        if (text_sketch_decode(recent[i].sketch, recent[i].n, &sk))
            ws_remember(&w, recent[i].id, recent[i].article_id, &sk);
    }
    for (size_t i = 0; rc == AK_OK && i < doc->nitems; i++) {
        arena_reset(&w.rec);
        w.rec.budget = 64u << 20;
        const struct wire_item *it = &doc->items[i];
        enum ak_err irc = ws_item(&w, it);
        if (irc == AK_EIO || irc == AK_EFULL || irc == AK_ENOMEM) {
            rc = irc;                   /* the store or memory: stop here */
        } else if (irc) {
            rep->failed++;
            if (err)
                fprintf(err, "%s: item %zu ('%s'): %s\n", t->name, i + 1, it->title,
                        ak_strerror(irc));
        }
    }
    if (rc == AK_OK)
        rc = ws_commit(&w);
    else if (w.intx)
        store_rollback(st);             /* the store failed: none of the document */
    arena_reset(&w.rec);
    arena_reset(&w.cand_arena);
    text_analyzer_free(w.an);
    return rc;
}
