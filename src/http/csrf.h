/*
 * csrf.h: the checks that a state-changing request was made by our own
 * pages, after Fossil's levels: same origin, then POST, then a token.
 *
 * - csrf_same_origin: the Origin header (else Referer) names this host.
 * - Form tokens for pages without a session (the comment form, the login
 *   form): "HEXTIME-HEXMAC", the MAC an HMAC-SHA256 keyed by the site
 *   secret of "PURPOSE:BIND:TIME", so that a token is good only for what it
 *   was made for (an article, a pre-session cookie) and only for a while.
 * - The session token: each session has random bytes of its own (store.h);
 *   every form of a logged-in page carries them in the field "csrf", and the
 *   server compares them in constant time before any non-public POST runs.
 */
#ifndef AK_CSRF_H
#define AK_CSRF_H

#include <stdint.h>
#include "http/http.h"
#include "store/session.h"

#define CSRF_MAC_BYTES 16
#define CSRF_TOKEN_SIZE (17 + 1 + 2 * CSRF_MAC_BYTES + 1)
#define CSRF_FIELD "csrf"               /* the form field of the session token */
#define CSRF_SESSION_HEX (2 * SESSION_CSRF_BYTES + 1)

/* Write the token for (purpose, bind) made at time now into out. */
void csrf_token_make(const unsigned char key[32], const char *purpose, const char *bind,
                     int64_t now, char out[CSRF_TOKEN_SIZE]);
/* Non-zero when token was made by csrf_token_make for (purpose, bind) at
 * most max_age seconds before now (and not more than a minute after it);
 * the MAC is compared in constant time. */
int csrf_token_valid(const unsigned char key[32], const char *purpose, const char *bind,
                     int64_t now, int64_t max_age, const char *token);
/* Non-zero when the request's Origin (else its Referer) is this host: the
 * text after "scheme://" is the Host header, then the end or a '/'. A request
 * with neither header fails. */
int csrf_same_origin(struct req *r);
/* The session's token as hex, for the forms of a logged-in page. */
void csrf_session_hex(const struct session *s, char out[CSRF_SESSION_HEX]);
/* Non-zero when the request is from the same origin and its form field
 * CSRF_FIELD is its session's token (constant time). False without a
 * session. */
int csrf_session_valid(struct req *r);

#endif
