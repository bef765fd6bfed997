/*
 * comment.h: the comment form's token and the client hash (site/comment.c).
 */
#ifndef AK_SITE_COMMENT_H
#define AK_SITE_COMMENT_H

#include <stdint.h>
#include "site/site.h"

#define COMMENT_MAC_BYTES 16
#define COMMENT_TOKEN_SIZE (17 + 1 + 2 * COMMENT_MAC_BYTES + 1)

/* Write the form token for article_id made at time now into out
 * (COMMENT_TOKEN_SIZE bytes). */
void comment_token(const struct site *s, int64_t article_id, int64_t now, char *out);
/* Non-zero when token was made by comment_token for article_id within the
 * last two days (constant-time comparison). */
int comment_token_valid(const struct site *s, int64_t article_id, int64_t now,
                        const char *token);
/* Keyed hash of a client address, so that rate limits need no stored IPs. */
void comment_client_hash(const struct site *s, const char *client, unsigned char out[16]);

#endif
