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

static void comment_mac(const struct site *s, int64_t article_id, uint64_t ts,
                        unsigned char mac[crypto_auth_hmacsha256_BYTES])
{
    char msg[64];
    int n = snprintf(msg, sizeof msg, "comment:%lld:%llu", (long long)article_id,
                     (unsigned long long)ts);
    crypto_auth_hmacsha256(mac, (const unsigned char *)msg, (unsigned long long)n, s->secret);
}

void comment_token(const struct site *s, int64_t article_id, int64_t now, char *out)
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    comment_mac(s, article_id, (uint64_t)now, mac);
    char hex[2 * COMMENT_MAC_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, mac, COMMENT_MAC_BYTES);
    snprintf(out, COMMENT_TOKEN_SIZE, "%llx-%s", (unsigned long long)now, hex);
}

int comment_token_valid(const struct site *s, int64_t article_id, int64_t now,
                        const char *token)
{
    if (!token)
        return 0;
    char *dash;
    unsigned long long ts = strtoull(token, &dash, 16);
    if (dash == token || *dash != '-' || strlen(dash + 1) != 2 * COMMENT_MAC_BYTES)
        return 0;
    if ((int64_t)ts > now + 60 || now - (int64_t)ts > TOKEN_MAX_AGE)
        return 0;
    unsigned char want[crypto_auth_hmacsha256_BYTES], got[COMMENT_MAC_BYTES];
    size_t n;
    if (sodium_hex2bin(got, sizeof got, dash + 1, 2 * COMMENT_MAC_BYTES, NULL, &n, NULL) ||
        n != COMMENT_MAC_BYTES)
        return 0;
    comment_mac(s, article_id, ts, want);
    return sodium_memcmp(want, got, COMMENT_MAC_BYTES) == 0;
}

void comment_client_hash(const struct site *s, const char *client, unsigned char out[16])
{
    crypto_generichash(out, 16, (const unsigned char *)client, strlen(client), s->secret,
                       sizeof s->secret);
}

/* Does the header value name this host? Compares "scheme://host" exactly. */
static int comment_same_origin(struct req *r)
{
    const char *host = http_header(r, "Host");
    const char *origin = http_header(r, "Origin");
    const char *referer = http_header(r, "Referer");
    const char *v = origin && strcmp(origin, "null") != 0 ? origin : referer;
    if (!host || !v)
        return 0;
    const char *p = strstr(v, "://");
    if (!p)
        return 0;
    p += 3;
    size_t hl = strlen(host);
    return strncmp(p, host, hl) == 0 && (p[hl] == 0 || p[hl] == '/');
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
    if (!comment_same_origin(r))
        return http_send_error(r, 403);
    int64_t now = (int64_t)time(NULL);
    if (!comment_token_valid(r->site, article_id, now, http_form(r, "token")))
        return http_send_error(r, 403);
    struct article art;
    enum ak_err rc = store_article_load(r->store, &r->arena, article_id, &art);
    if (rc)
        return rc;
    const char *location = site_article_url(r, art.id, art.slug, "?comment=pending#comments");
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
    comment_client_hash(r->site, r->client, client);
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
