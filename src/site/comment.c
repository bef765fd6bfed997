/*
 * comment.c: readers' comments: the form token, the endpoint that hands it
 * out, and the POST that stores a pending comment.
 *
 * The article page is the same for every reader and every hour, so that
 * caches can hold it: it carries no token. A small script (comment.js)
 * fetches one from GET /article/ID/comment/token (no-store) into the form;
 * without JavaScript the first POST has no token and is answered with a
 * confirmation page (no-store) that keeps what the reader wrote and carries
 * a fresh token, so one more click sends it.
 *
 * Protection, cheapest check first: same origin (Origin, else Referer, must
 * name this host), the form's fields as declared in src/routes.c, a
 * honeypot field that people never fill, length limits, the token (HMAC of
 * the article id and the time it was made, valid for two days), and a
 * per-client rate limit counted in the database (so it holds across threads
 * and restarts) keyed by a hash of the address, counted and written in one
 * write transaction (so it holds for posts sent at once).
 */
#include <stdio.h>
#include <string.h>
#include "base/log.h"
#include "site/comment.h"
#include "store/article.h"
#include "store/comment.h"
#include "store/store.h"
#include "text/bidi.h"
#include "text/utf8.h"

#define TOKEN_MAX_AGE (2 * 24 * 3600)
#define RATE_WINDOW 600                 /* seconds */
#define RATE_MAX 5                      /* comments per client per window */
#define AUTHOR_MAX 80                   /* characters */
#define EMAIL_MAX 254                   /* bytes */
#define BODY_MIN 2                      /* characters */
#define BODY_MAX 5000                   /* characters */

void comment_token(const struct site *s, int64_t article_id, int64_t now, char *out)
{
    char bind[24];
    snprintf(bind, sizeof bind, "%lld", (long long)article_id);
    csrf_token_make(s->secret, "comment", bind, now, out);
}

int comment_token_valid(const struct site *s, int64_t article_id, int64_t now,
                        const char *token)
{
    char bind[24];
    snprintf(bind, sizeof bind, "%lld", (long long)article_id);
    return csrf_token_valid(s->secret, "comment", bind, now, TOKEN_MAX_AGE, token);
}

/* Characters in a valid UTF-8 string. */
static size_t comment_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Trim ASCII white space at both ends, in place. */
static char *comment_trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

/* The confirmation page for a comment that came without a valid token:
 * what the reader wrote, back in the form, with a fresh token. */
static enum ak_err comment_confirm(struct req *r, const struct article *art, const char *author,
                                   const char *email, const char *body, int64_t parent,
                                   int64_t now)
{
    struct arena *a = &r->arena;
    char token[COMMENT_TOKEN_SIZE];
    struct tv *v = page_new(r, "تأكيد إرسال التعليق", NULL);
    if (!v)
        return AK_ENOMEM;
    comment_token(r->site, art->id, now, token);
    struct tv *c = tv_child(a, v, "comment");
    tv_int(a, c, "article_id", art->id);
    tv_str(a, c, "article_title", art->title);
    tv_str(a, c, "article_url", page_article_url(r, art->id, art->slug));
    tv_str(a, c, "author", author);
    tv_str(a, c, "email", email);
    tv_str(a, c, "body", body);
    if (parent)
        tv_int(a, c, "parent", parent);
    tv_str(a, c, "token", arena_strdup(a, token));
    return page_render(r, 200, "comment_confirm", v, HTTP_NO_STORE);
}

enum ak_err site_comment_token(struct req *r)
{
    struct article art;
    enum ak_err rc = store_article_load(r->store, &r->arena, r->ids[0], &art);
    if (rc)
        return rc;
    char token[COMMENT_TOKEN_SIZE];
    comment_token(r->site, art.id, store_now(), token);
    return http_send(r, 200, "text/plain; charset=utf-8", token, strlen(token), HTTP_NO_STORE);
}

enum ak_err site_comment_post(struct req *r)
{
    int64_t article_id = r->ids[0];
    if (!csrf_same_origin(r))
        return http_send_error(r, 403);
    int64_t now = store_now();
    struct article art;
    enum ak_err rc = store_article_load(r->store, &r->arena, article_id, &art);
    if (rc)
        return rc;
    const char *url = page_article_url(r, art.id, art.slug);
    const char *location = url ? arena_printf(&r->arena, "%s?comment=pending#comments", url) : NULL;
    if (!location)
        return AK_ENOMEM;
    const char *honeypot = http_form(r, "website");
    if (honeypot && *honeypot) {
        log_info("comment: honeypot filled by %s; dropped", r->client);
        return http_redirect(r, 303, location);     /* tell a bot nothing */
    }
    /* The fields as declared in src/routes.c: author one line, email one
     * line with an '@', parent a positive id. */
    const char *author_in = http_form(r, "author"), *body_in = http_form(r, "body");
    const char *email_in = http_form(r, "email");
    int64_t parent = http_form_int(r, "parent");
    if (!author_in || !body_in)
        return http_send_error(r, 400);
    char *author = comment_trim(arena_strdup(&r->arena, author_in));
    if (author)         /* as the store will keep it: a name of bidi controls alone is none */
        author[text_bidi_clean(author, strlen(author))] = 0;
    char *body = comment_trim(arena_strdup(&r->arena, body_in));
    char *email = comment_trim(arena_strdup(&r->arena, email_in ? email_in : ""));
    size_t alen = comment_chars(author), blen = comment_chars(body);
    if (alen == 0 || alen > AUTHOR_MAX || blen < BODY_MIN || blen > BODY_MAX ||
        strlen(email) > EMAIL_MAX)
        return http_send_error(r, 400);
    if (!comment_token_valid(r->site, article_id, now, http_form(r, "token")))
        return comment_confirm(r, &art, author, email, body, parent, now);
    unsigned char client[16];
    site_client_hash(r->site, r->client, client);
    /* The count and the insert in one write transaction: posts sent at once
     * are counted one after another (they used to read the same count and
     * let 6 to 12 of 40 through against 5). */
    int64_t recent = 0;
    if ((rc = store_begin(r->store)))
        return rc;
    if ((rc = store_comment_count_since(r->store, client, now - RATE_WINDOW, &recent)) ||
        recent >= RATE_MAX) {
        store_rollback(r->store);
        return rc ? rc : http_send_error(r, 429);
    }
    struct comment_new c = {
        .article_id = article_id, .parent_id = parent, .author = author, .email = email,
        .body = body, .client_hash = client, .status = COMMENT_PENDING,
    };
    if ((rc = store_comment_add(r->store, &c, NULL)) == AK_OK)
        rc = store_commit(r->store);
    if (rc)
        store_rollback(r->store);
    if (rc == AK_EINVAL)
        return http_send_error(r, 400);         /* no such parent */
    if (rc)
        return rc;
    return http_redirect(r, 303, location);
}
