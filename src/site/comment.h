/*
 * comment.h: the comment form's token (site/comment.c), an http/csrf.h form
 * token bound to the article, and the endpoint that hands it out.
 */
#ifndef AK_SITE_COMMENT_H
#define AK_SITE_COMMENT_H

#include <stdint.h>
#include "http/csrf.h"
#include "site/site.h"

#define COMMENT_TOKEN_SIZE CSRF_TOKEN_SIZE

/* Write the form token for article_id made at time now into out
 * (COMMENT_TOKEN_SIZE bytes). */
void comment_token(const struct site *s, int64_t article_id, int64_t now, char *out);
/* Non-zero when token was made by comment_token for article_id within the
 * last two days (constant-time comparison). */
int comment_token_valid(const struct site *s, int64_t article_id, int64_t now,
                        const char *token);
/* GET /article/ID/comment/token: a fresh token for the article's comment
 * form as text/plain, never cached (themes/default/comment.js fetches it). */
enum ak_err site_comment_token(struct req *r);

#endif
