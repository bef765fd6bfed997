/*
 * client.c: who the client is. The peer address of the connection, or,
 * when the peer is a trusted front proxy (serve --trusted-proxy), the
 * address that proxy forwarded for (X-Forwarded-For) and whether the
 * request came over HTTPS (X-Forwarded-Proto). No HTTP library here:
 * http/server.c passes the peer's socket address in.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "base/log.h"
#include "http/client.h"

static char client_proxies[SERVER_MAX_PROXIES][INET6_ADDRSTRLEN];    /* canonical text */
static size_t client_nproxies;

/* The canonical text of the numeric address s[0..n) into out; 0 when it is
 * not one. */
static int client_canonical(const char *s, size_t n, char out[INET6_ADDRSTRLEN])
{
    char tmp[INET6_ADDRSTRLEN];
    unsigned char bin[sizeof(struct in6_addr)];
    if (n == 0 || n >= sizeof tmp)
        return 0;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    if (inet_pton(AF_INET, tmp, bin) == 1)
        return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN) != NULL;
    if (inet_pton(AF_INET6, tmp, bin) == 1)
        return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN) != NULL;
    return 0;
}

enum ak_err client_set_proxies(const char *const *proxies, size_t n)
{
    client_nproxies = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == SERVER_MAX_PROXIES ||
            !client_canonical(proxies[i], strlen(proxies[i]), client_proxies[client_nproxies++])) {
            log_error("trusted proxy %s: not a numeric address (or too many)", proxies[i]);
            client_nproxies = 0;
            return AK_EINVAL;
        }
    }
    return AK_OK;
}

int client_is_proxy(const char *addr)
{
    for (size_t i = 0; i < client_nproxies; i++)
        if (strcmp(addr, client_proxies[i]) == 0)
            return 1;
    return 0;
}

void client_peer(const struct sockaddr *sa, char *out, size_t n)
{
    snprintf(out, n, "-");
    if (!sa)
        return;
    if (sa->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
    } else if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a6 = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(a6))   /* a dual-stack socket: show it as IPv4 */
            inet_ntop(AF_INET, a6->s6_addr + 12, out, (socklen_t)n);
        else
            inet_ntop(AF_INET6, a6, out, (socklen_t)n);
    }
}

void client_resolve(struct req *r)
{
    if (!client_nproxies || !client_is_proxy(r->client))
        return;
    const char *proto = http_header(r, "X-Forwarded-Proto");
    r->https = proto && strcasecmp(proto, "https") == 0;
    const char *xff = http_header(r, "X-Forwarded-For");
    const char *end = xff ? xff + strlen(xff) : NULL;
    while (end && end > xff) {
        const char *start = end;
        while (start > xff && start[-1] != ',')
            start--;
        const char *a = start, *b = end;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        char canon[INET6_ADDRSTRLEN];
        if (!client_canonical(a, (size_t)(b - a), canon))
            return;                     /* not an address: keep the last good one */
        snprintf(r->client, sizeof r->client, "%s", canon);
        if (!client_is_proxy(canon))
            return;
        end = start > xff ? start - 1 : NULL;
    }
}
