/*
 * client.h: the client's address, through trusted front proxies (client.c).
 */
#ifndef AK_HTTP_CLIENT_H
#define AK_HTTP_CLIENT_H

#include <sys/socket.h>
#include "http/server.h"

/* Trust X-Forwarded-For and X-Forwarded-Proto from these numeric addresses
 * (at most SERVER_MAX_PROXIES). Returns AK_OK, or AK_EINVAL (logged) for an
 * address that is not numeric. */
enum ak_err client_set_proxies(const char *const *proxies, size_t n);
/* Is addr (canonical text, as client_peer writes it) a trusted proxy? */
int client_is_proxy(const char *addr);
/* The address sa as text into out ("-" when unknown); an IPv4-mapped IPv6
 * address is shown as IPv4. */
void client_peer(const struct sockaddr *sa, char *out, size_t n);
/* When r->client is a trusted proxy: the client becomes the last
 * X-Forwarded-For entry that is not itself a trusted proxy (those before it
 * were written by the client, who can write anything), and r->https is set
 * when X-Forwarded-Proto says https. From anyone else these headers are
 * ignored. */
void client_resolve(struct req *r);

#endif
