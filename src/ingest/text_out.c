/*
 * text_out.c: what the plain-text importer writes (see text.c): clean text,
 * minimally escaped Markdown, the tags of a tags line and the news agency
 * named in the text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "ingest/text_int.h"
#include "text/chars.h"
#include "text/utf8.h"

/* ---- output ---- */

char *ingest_text_dup_clean(struct arena *a, const char *s, size_t n)
{
    char *o = arena_strndup(a, s, n);
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)o[i] < 0x20 || o[i] == 0x7F)
            o[i] = ' ';
    return o;
}

void ingest_text_md_escape(struct buf *b, const char *s, size_t n, int heading)
{
    size_t digits = 0;
    while (digits < n && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if ((unsigned char)ch < 0x20 || ch == 0x7F) {
            buf_putc(b, ' ');
            continue;
        }
        int esc = strchr("\\`*_<[]&", ch) != NULL || (heading && ch == '#');
        if (i == 0 && strchr("#>-+=|~", ch))
            esc = 1;
        if (digits > 0 && i == digits && (ch == '.' || ch == ')'))
            esc = 1;
        if (esc)
            buf_putc(b, '\\');
        buf_putc(b, ch);
    }
}

enum ak_err ingest_text_add_tags(struct tctx *c, const char *s, size_t n, struct article_in *out,
                                 size_t *cap)
{
    int commas = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == ';' || s[i] == '|' || (i + 1 < n && (unsigned char)s[i] == 0xD8
            && ((unsigned char)s[i + 1] == 0x8C || (unsigned char)s[i + 1] == 0x9B)))
            commas = 1;
    size_t i = 0;
    while (i < n && out->ntags < TEXT_MAX_TAGS) {
        size_t j = i, len = 1;
        while (j < n) {
            uint32_t ch = ingest_text_cp(s, n, j, &len);
            int sep = ch == ',' || ch == ';' || ch == '|' || ch == 0x060C || ch == 0x061B
                || (!commas && text_char_is_space(ch));
            if (sep)
                break;
            j += len;
        }
        size_t a = i, z = j;
        while (a < z && (s[a] == ' ' || s[a] == '#' || s[a] == '\t'))
            a++;
        while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '.'))
            z--;
        if (z > a && z - a <= TEXT_MAX_TAG) {
            size_t fn;
            char *f = ingest_text_fold(c->a, s + a, z - a, &fn);
            if (!f)
                return AK_ENOMEM;
            int dup = 0;
            for (size_t k = 0; k < out->ntags && !dup; k++) {
                size_t gn;
                char *g = ingest_text_fold(c->a, out->tags[k], strlen(out->tags[k]), &gn);
                if (!g)
                    return AK_ENOMEM;
                dup = gn == fn && memcmp(f, g, fn) == 0;
            }
            if (!dup && fn > 0) {
                if (out->ntags == *cap) {
                    size_t ncap = *cap ? *cap * 2 : 8;
                    const char **t = arena_alloc(c->a, ncap * sizeof *t);
                    if (!t)
                        return AK_ENOMEM;
                    if (out->ntags)
                        memcpy(t, out->tags, out->ntags * sizeof *t);
                    out->tags = t;
                    *cap = ncap;
                }
                const char *t = ingest_text_dup_clean(c->a, s + a, z - a);
                if (!t)
                    return AK_ENOMEM;
                out->tags[out->ntags++] = t;
            }
        }
        i = j < n ? j + len : n;
    }
    return AK_OK;
}

/* The word of raw s[0..n) starting at i, without surrounding punctuation and
 * quotes, with a following "برس" (as in "فرانس برس") kept; NULL if none. */
static const char *text_agency_word(struct arena *a, const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ')
        i++;
    size_t j = i;
    while (j < n && s[j] != ' ')
        j++;
    static const char press[] = " برس";
    if (j + sizeof press - 1 <= n && memcmp(s + j, press, sizeof press - 1) == 0
        && (j + sizeof press - 1 == n || s[j + sizeof press - 1] == ' '))
        j += sizeof press - 1;
    /* Trim punctuation and quotes on both ends. */
    while (i < j) {
        size_t len;
        uint32_t c = ingest_text_cp(s, j, i, &len);
        if (ingest_text_is_wordchar(c))
            break;
        i += len;
    }
    while (j > i) {
        size_t start;
        uint32_t c = ingest_text_cp_before(s, j, &start);
        if (ingest_text_is_wordchar(c))
            break;
        j = start;
    }
    return j > i ? ingest_text_dup_clean(a, s + i, j - i) : NULL;
}

const char *ingest_text_find_source(const struct tctx *c, const struct tline *l)
{
    static const char *const lead[] = { "وكالة أنباء ", "وكالة انباء ", NULL };
    for (size_t k = 0; lead[k]; k++) {
        const char *hit = memmem(l->p, l->n, lead[k], strlen(lead[k]));
        if (hit)
            return text_agency_word(c->a, l->p, l->n, (size_t)(hit - l->p) + strlen(lead[k]));
    }
    static const char agency[] = "وكالة ";
    size_t from = 0;
    const char *hit;
    while ((hit = memmem(l->p + from, l->n - from, agency, sizeof agency - 1)) != NULL) {
        size_t i = (size_t)(hit - l->p) + sizeof agency - 1, j = i;
        while (j < l->n && l->p[j] != ' ')
            j++;
        size_t fn;
        char *f = ingest_text_fold(c->a, l->p + i, j - i, &fn);
        if (!f)
            return NULL;
        fn = ingest_text_label_len(f, fn);
        for (size_t k = 0; k < c->nagency; k++)
            if (c->agency[k].fn == fn && memcmp(c->agency[k].f, f, fn) == 0)
                return text_agency_word(c->a, l->p, l->n, i);
        from = i;
    }
    return NULL;
}

