/*
 * urlpath.c: the normal form of old URL paths (see urlpath.h).
 *
 * Why both sides go through this: an importer reads a link as the old CMS
 * wrote it (WordPress writes Arabic slugs percent-encoded in lower case,
 * other tools in upper case or raw), and a browser sends what it has, raw
 * UTF-8 encoded by itself, an old bookmark with a trailing slash, a query
 * of tracking parameters. Decoding everything to UTF-8 makes those one key.
 */
#include <string.h>
#include "text/urlpath.h"
#include "text/utf8.h"

static int urlpath_hex(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The path part of s[0..n): after a scheme and authority, before a query
 * or fragment. */
static void urlpath_span(const char *s, size_t n, size_t *from, size_t *to)
{
    size_t i = 0;
    size_t k = 0;
    while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
                     (k > 0 && ((s[k] >= '0' && s[k] <= '9') || s[k] == '+' || s[k] == '-' ||
                                s[k] == '.'))))
        k++;
    if (k > 0 && k + 2 < n && s[k] == ':' && s[k + 1] == '/' && s[k + 2] == '/')
        i = k + 1;                      /* "http:" */
    if (i + 1 < n && s[i] == '/' && s[i + 1] == '/') {
        i += 2;                         /* "//host" */
        while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#')
            i++;
    }
    size_t j = i;
    while (j < n && s[j] != '?' && s[j] != '#')
        j++;
    *from = i;
    *to = j;
}

/* Append the cleaned path p[0..n) (decoded or not) to out, which has room
 * for n + 2 bytes: one '/' per run, no "." segments, no final '/', leading
 * '/', ASCII lower-cased (escapes' hex digits upper-cased when kept).
 * Returns the length. */
static size_t urlpath_clean(const char *p, size_t n, int escaped, char *out)
{
    size_t k = 0, i = 0;
    while (i <= n) {
        /* one segment p[i..j) */
        size_t j = i;
        while (j < n && p[j] != '/')
            j++;
        if (j > i && !(j - i == 1 && p[i] == '.')) {
            out[k++] = '/';
            for (size_t m = i; m < j; m++) {
                unsigned char c = (unsigned char)p[m];
                if (escaped && c == '%' && m + 2 < j &&
                    urlpath_hex((unsigned char)p[m + 1]) >= 0 &&
                    urlpath_hex((unsigned char)p[m + 2]) >= 0) {
                    out[k++] = '%';
                    for (int d = 1; d <= 2; d++) {
                        unsigned char h = (unsigned char)p[m + d];
                        out[k++] = (char)(h >= 'a' && h <= 'f' ? h - 'a' + 'A' : h);
                    }
                    m += 2;
                    continue;
                }
                out[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            }
        }
        i = j + 1;
    }
    if (k == 0)
        out[k++] = '/';
    out[k] = 0;
    return k;
}

char *text_urlpath(struct arena *a, const char *s, size_t n)
{
    size_t from, to;
    urlpath_span(s, n, &from, &to);
    const char *p = s + from;
    size_t len = to - from;
    char *dec = arena_alloc(a, len + 1);
    char *out = arena_alloc(a, len + 2);
    if (!dec || !out)
        return NULL;
    size_t m = 0;
    for (size_t i = 0; i < len; i++) {
        int hi, lo;
        if (p[i] == '%' && i + 2 < len && (hi = urlpath_hex((unsigned char)p[i + 1])) >= 0 &&
            (lo = urlpath_hex((unsigned char)p[i + 2])) >= 0) {
            dec[m++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            dec[m++] = p[i];
        }
    }
    size_t k = utf8_valid(dec, m) ? urlpath_clean(dec, m, 0, out)
                                  : urlpath_clean(p, len, 1, out);
    if (k > TEXT_URLPATH_MAX)
        return NULL;
    for (size_t i = 0; i < k; i++)
        if ((unsigned char)out[i] < 0x20 || out[i] == 0x7F)
            return NULL;
    return out;
}
