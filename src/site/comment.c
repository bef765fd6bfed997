/*
 * comment.c: readers' comments: the form token, and the POST that stores a
 * pending comment.
 *
 * Protection, cheapest check first: same origin (Origin, else Referer, must
 * name this host), a per-form token (HMAC of the article id and the time the
 * form was made, valid for two days), a honeypot field that people never
 * fill, length limits, and a per-client rate limit counted in the database
 * (so it holds across threads and restarts) keyed by a hash of the address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "base/log.h"
#include "site/comment.h"
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

enum ak_err site_comment_post(struct req *r)
{
    int64_t article_id = r->ids[0];
    if (!csrf_same_origin(r))
        return http_send_error(r, 403);
    int64_t now = (int64_t)time(NULL);
    if (!comment_token_valid(r->site, article_id, now, http_form(r, "token")))
        return http_send_error(r, 403);
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
    const char *author_in = http_form(r, "author"), *body_in = http_form(r, "body");
    const char *email_in = http_form(r, "email"), *parent_in = http_form(r, "parent");
    if (!author_in || !body_in)
        return http_send_error(r, 400);
    char *author = comment_trim(arena_strdup(&r->arena, author_in));
    char *body = comment_trim(arena_strdup(&r->arena, body_in));
    char *email = comment_trim(arena_strdup(&r->arena, email_in ? email_in : ""));
    size_t alen = comment_chars(author), blen = comment_chars(body);
    if (alen == 0 || alen > AUTHOR_MAX || blen < BODY_MIN || blen > BODY_MAX ||
        strlen(email) > EMAIL_MAX || (*email && !strchr(email, '@')))
        return http_send_error(r, 400);
    int64_t parent = 0;
    if (parent_in && *parent_in) {
        char *end;
        parent = strtoll(parent_in, &end, 10);
        if (*end || parent <= 0)
            return http_send_error(r, 400);
    }
    unsigned char client[16];
    site_client_hash(r->site, r->client, client);
    int64_t recent = 0;
    if ((rc = store_comment_count_since(r->store, client, now - RATE_WINDOW, &recent)))
        return rc;
    if (recent >= RATE_MAX)
        return http_send_error(r, 429);
    struct comment_new c = {
        .article_id = article_id, .parent_id = parent, .author = author, .email = email,
        .body = body, .client_hash = client, .status = COMMENT_PENDING,
    };
    rc = store_comment_add(r->store, &c, NULL);
    if (rc == AK_EINVAL)
        return http_send_error(r, 400);         /* no such parent */
    if (rc)
        return rc;
    return http_redirect(r, 303, location);
}
