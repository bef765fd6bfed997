/*
 * dispatch.h: a parsed request's way to its handler (dispatch.c), called
 * by the HTTP library's adapter (server.c) in two steps: when the headers
 * are in, and when the body is.
 */
#ifndef AK_HTTP_DISPATCH_H
#define AK_HTTP_DISPATCH_H

#include "http/router.h"
#include "http/server.h"

/* Headers are in (r->path, r->method, r->app, r->store, the headers,
 * query and cookies set; known_method 0 for a method akhbar does not
 * serve): match the route into r->route, check the permission and the
 * announced body size. Returns 1 when the body should be read and
 * dispatch_run called, 0 when a response was recorded. */
int dispatch_begin(struct req *r, int known_method, uint64_t content_length);
/* The body is in (r->form, r->upload): check the form and the CSRF token,
 * run the handler, and record its answer or the error page. */
void dispatch_run(struct req *r);
/* The access log line for r at unix time now, in the Combined Log Format,
 * into out (n bytes, ending in a newline); every field has its control
 * characters, '"' and '\' escaped as \xHH, so no line can be forged.
 * Each field is bounded by the bytes it writes, so with n of 4096 or more
 * the line always has its six quotes. Returns the length. */
size_t dispatch_log_line(const struct req *r, int64_t now, char *out, size_t n);

#endif
