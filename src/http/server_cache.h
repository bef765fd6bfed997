/*
 * server_cache.h: what server.c and server_cache.c share (both include
 * libmicrohttpd; nothing else may include this).
 */
#ifndef AK_HTTP_SERVER_CACHE_H
#define AK_HTTP_SERVER_CACHE_H

#include <sys/types.h>
#include <microhttpd.h>
#include "http/cache.h"
#include "http/http.h"

/* Headers every response carries. */
void server_common_headers(struct MHD_Response *resp);
/* The body of a 304, which the library never asks for. */
ssize_t server_no_body(void *cls, uint64_t pos, char *buf, size_t max);
/* The hooks that make and free each kept page's responses. */
extern const struct cache_hooks server_cache_hooks;
/* Whether a request may be answered from the page cache. */
int server_cacheable(const struct req *r, const char *method);
/* Answer a GET or HEAD from the page cache once the request is complete:
 * 1 when it did (r holds what the access log needs). */
int server_from_cache(struct req *r, struct MHD_Connection *conn, const char *url,
                      const char *method, const char *version);

#endif
