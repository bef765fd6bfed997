/*
 * csrf.c: same-origin checks and form tokens (see csrf.h). Shared by the
 * public comment form, the login form and the server's check of every
 * logged-in POST.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "http/csrf.h"
#include "store/session.h"

static void csrf_mac(const unsigned char key[32], const char *purpose, const char *bind,
                     uint64_t ts, unsigned char mac[crypto_auth_hmacsha256_BYTES])
{
    crypto_auth_hmacsha256_state h;
    char t[24];
    int n = snprintf(t, sizeof t, ":%llu", (unsigned long long)ts);
    crypto_auth_hmacsha256_init(&h, key, 32);
    crypto_auth_hmacsha256_update(&h, (const unsigned char *)purpose, strlen(purpose));
    crypto_auth_hmacsha256_update(&h, (const unsigned char *)":", 1);
    crypto_auth_hmacsha256_update(&h, (const unsigned char *)bind, strlen(bind));
    crypto_auth_hmacsha256_update(&h, (const unsigned char *)t, (unsigned long long)n);
    crypto_auth_hmacsha256_final(&h, mac);
}

void csrf_token_make(const unsigned char key[32], const char *purpose, const char *bind,
                     int64_t now, char out[CSRF_TOKEN_SIZE])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    csrf_mac(key, purpose, bind, (uint64_t)now, mac);
    char hex[2 * CSRF_MAC_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, mac, CSRF_MAC_BYTES);
    snprintf(out, CSRF_TOKEN_SIZE, "%llx-%s", (unsigned long long)now, hex);
}

int csrf_token_valid(const unsigned char key[32], const char *purpose, const char *bind,
                     int64_t now, int64_t max_age, const char *token)
{
    if (!token)
        return 0;
    char *dash;
    unsigned long long ts = strtoull(token, &dash, 16);
    if (dash == token || *dash != '-' || strlen(dash + 1) != 2 * CSRF_MAC_BYTES)
        return 0;
    if ((int64_t)ts > now + 60 || now - (int64_t)ts > max_age)
        return 0;
    unsigned char want[crypto_auth_hmacsha256_BYTES], got[CSRF_MAC_BYTES];
    size_t n;
    if (sodium_hex2bin(got, sizeof got, dash + 1, 2 * CSRF_MAC_BYTES, NULL, &n, NULL) ||
        n != CSRF_MAC_BYTES)
        return 0;
    csrf_mac(key, purpose, bind, ts, want);
    return sodium_memcmp(want, got, CSRF_MAC_BYTES) == 0;
}

int csrf_same_origin(struct req *r)
{
    const char *host = http_header(r, "Host");
    const char *origin = http_header(r, "Origin");
    const char *referer = http_header(r, "Referer");
    const char *v = origin && strcmp(origin, "null") != 0 ? origin : referer;
    if (!host || !*host || !v)
        return 0;
    const char *p = strstr(v, "://");
    if (!p)
        return 0;
    p += 3;
    size_t hl = strlen(host);
    return strncmp(p, host, hl) == 0 && (p[hl] == 0 || p[hl] == '/');
}

void csrf_session_hex(const struct session *s, char out[CSRF_SESSION_HEX])
{
    sodium_bin2hex(out, CSRF_SESSION_HEX, s->csrf, SESSION_CSRF_BYTES);
}

int csrf_session_valid(struct req *r)
{
    if (!r->session || !csrf_same_origin(r))
        return 0;
    const char *got = http_form(r, CSRF_FIELD);
    char want[CSRF_SESSION_HEX];
    if (!got || strlen(got) != sizeof want - 1)
        return 0;
    csrf_session_hex(r->session, want);
    int ok = sodium_memcmp(want, got, sizeof want - 1) == 0;
    sodium_memzero(want, sizeof want);
    return ok;
}
