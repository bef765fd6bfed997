/*
 * wp_shortcode.c: WordPress shortcodes before the HTML is parsed (see wp.h).
 *
 * Shortcodes are text, not HTML: [caption] wraps an <img> and its caption,
 * so it is rewritten into a <figure> that the HTML converter then reads like
 * Gutenberg's own figures. Every other shortcode is PHP that only the old
 * site could run; it is removed and counted, so the import's summary can say
 * how many there were.
 */
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "ingest/wp.h"

enum { SC_NAME_MAX = 64, SC_TAG_MAX = 4096 };

/* Shortcodes of WordPress itself and of plugins common on news sites. */
static const char *const sc_known[] = {
    "caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist",
    "contact-form-7", "contact-form", "gravityform", "ninja_form", "wpforms",
    "tie_list", "tie_slideshow", "tie_slide", "tie_button", "tie_full_img", "dropcap",
    "highlight", "padding", "divider", "box", "tabs", "tab", "toggle", "button",
    "column", "row", "vc_row", "vc_column", "vc_column_text", "vc_single_image",
    "et_pb_section", "et_pb_row", "et_pb_column", "et_pb_text", "quote", "pullquote",
    "ads", "adsense", "related", "tweet", "instagram", "youtube", "soundcloud",
    "googlemaps", "iframe", "shortcode", "sc", "fusion_builder_container",
    NULL,
};
/* Shortcodes whose enclosed content is a URL or markup for a player: dropped with it. */
static const char *const sc_media[] = {
    "embed", "video", "audio", "playlist", "gallery", "youtube", "soundcloud", "iframe",
    "instagram", "tweet", "googlemaps", NULL,
};

static int sc_in(const char *const *list, const char *name)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

static int sc_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

/* A tag [name attrs] or [/name] at s[0..n) (s[0] == '['): its length through
 * ']', its name (lowercased into name), whether it closes and where its
 * attributes are. 0 when s does not start a well-formed tag. Quotes in
 * attributes may hold ']'. */
static size_t sc_tag(const char *s, size_t n, char name[SC_NAME_MAX], int *closing,
                     size_t *attr_off)
{
    size_t i = 1, k = 0;
    *closing = 0;
    if (i < n && s[i] == '/') {
        *closing = 1;
        i++;
    }
    if (i >= n || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        return 0;
    while (i < n && sc_name_char(s[i])) {
        if (k + 1 >= SC_NAME_MAX)
            return 0;
        char c = s[i++];
        name[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    name[k] = 0;
    *attr_off = i;
    if (i < n && s[i] != ']' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '/')
        return 0;
    char q = 0;
    for (; i < n && i < SC_TAG_MAX; i++) {
        if (q) {
            if (s[i] == q)
                q = 0;
        } else if (s[i] == '"' || s[i] == '\'') {
            q = s[i];
        } else if (s[i] == '[') {
            return 0;
        } else if (s[i] == ']') {
            return i + 1;
        }
    }
    return 0;
}

/* The offset in s[from..n) of "[/name]", or n when there is none. */
static size_t sc_find_close(const char *s, size_t n, size_t from, const char *name)
{
    size_t ln = strlen(name);
    for (size_t i = from; i + ln + 3 <= n; i++) {
        const char *p = memchr(s + i, '[', n - i);
        if (!p)
            break;
        i = (size_t)(p - s);
        if (i + ln + 3 <= n && s[i + 1] == '/' && strncasecmp(s + i + 2, name, ln) == 0 &&
            s[i + 2 + ln] == ']')
            return i;
    }
    return n;
}

/* The value of attribute key in the tag's attributes a[0..n), copied into b
 * (raw, as HTML); 0 when absent. */
static int sc_attr(const char *a, size_t n, const char *key, struct buf *b)
{
    size_t lk = strlen(key);
    for (size_t i = 0; i + lk + 2 < n; i++) {
        if ((i == 0 || a[i - 1] == ' ') && strncasecmp(a + i, key, lk) == 0 &&
            a[i + lk] == '=' && (a[i + lk + 1] == '"' || a[i + lk + 1] == '\'')) {
            char q = a[i + lk + 1];
            const char *v = a + i + lk + 2, *e = memchr(v, q, (size_t)(a + n - v));
            if (!e)
                return 0;
            buf_append(b, v, (size_t)(e - v));
            return 1;
        }
    }
    return 0;
}

/* Write a [caption] tag's content in[0..n) as a figure: the image (with the
 * link around it, if any), then the rest (or the caption attribute) as the
 * figcaption. */
static void sc_caption(struct buf *b, const char *attrs, size_t na, const char *in, size_t n)
{
    size_t img_end = 0;
    const char *img = NULL;
    for (size_t i = 0; i + 4 <= n; i++)
        if (in[i] == '<' && strncasecmp(in + i, "<img", 4) == 0) {
            img = in + i;
            break;
        }
    if (img) {
        const char *gt = memchr(img, '>', (size_t)(in + n - img));
        img_end = gt ? (size_t)(gt - in) + 1 : n;
        size_t j = img_end;
        while (j < n && (in[j] == ' ' || in[j] == '\n' || in[j] == '\t' || in[j] == '\r'))
            j++;
        if (j + 4 <= n && strncasecmp(in + j, "</a>", 4) == 0)
            img_end = j + 4;
    }
    buf_puts(b, "<figure>");
    buf_append(b, in, img_end);
    size_t cap_start = b->n;
    buf_puts(b, "<figcaption>");
    size_t text_start = b->n;
    buf_append(b, in + img_end, n - img_end);
    int blank = 1;
    for (size_t i = text_start; i < b->n; i++)
        if (b->p[i] != ' ' && b->p[i] != '\n' && b->p[i] != '\t' && b->p[i] != '\r')
            blank = 0;
    if (blank) {
        b->n = text_start;
        if (!sc_attr(attrs, na, "caption", b) || b->n == text_start)
            b->n = cap_start;
    }
    if (b->n > cap_start && b->p)
        buf_puts(b, "</figcaption>");
    buf_puts(b, "</figure>");
}

enum ak_err wp_shortcodes(const char *s, size_t n, char **out, size_t *outn, size_t *dropped)
{
    struct buf b;
    buf_init(&b, 0);
    size_t i = 0;
    while (i < n) {
        const char *p = memchr(s + i, '[', n - i);
        size_t at = p ? (size_t)(p - s) : n;
        buf_append(&b, s + i, at - i);
        if (at == n)
            break;
        i = at;
        if (i + 1 < n && s[i + 1] == '[') {    /* [[x]]: the escaped shortcode [x] */
            char name[SC_NAME_MAX];
            int closing;
            size_t ao, len = sc_tag(s + i + 1, n - i - 1, name, &closing, &ao);
            if (len && i + 1 + len < n && s[i + 1 + len] == ']') {
                buf_append(&b, s + i + 1, len);
                i += len + 2;
                continue;
            }
            buf_putc(&b, '[');
            i++;
            continue;
        }
        char name[SC_NAME_MAX];
        int closing;
        size_t ao, len = sc_tag(s + i, n - i, name, &closing, &ao);
        if (!len) {
            buf_putc(&b, '[');
            i++;
            continue;
        }
        const char *attrs = s + i + ao;
        size_t na = len - ao - 1;
        size_t close = closing ? n : sc_find_close(s, n, i + len, name);
        int is_sc = sc_in(sc_known, name) || memchr(attrs, '=', na) != NULL || close < n ||
                    (closing && sc_in(sc_known, name));
        if (!is_sc) {
            buf_putc(&b, '[');
            i++;
            continue;
        }
        if (!closing && close < n &&
            (strcmp(name, "caption") == 0 || strcmp(name, "wp_caption") == 0)) {
            sc_caption(&b, attrs, na, s + i + len, close - i - len);
            i = close + strlen(name) + 3;
            continue;
        }
        (*dropped)++;
        if (!closing && close < n && sc_in(sc_media, name))
            i = close + strlen(name) + 3;       /* with its content */
        else
            i += len;
    }
    if (b.err) {
        buf_reset(&b);
        return b.err == AK_ETOOBIG ? AK_ETOOBIG : AK_ENOMEM;
    }
    if (!b.p)
        buf_puts(&b, "");
    *out = buf_detach(&b, outn);
    return *out ? AK_OK : AK_ENOMEM;
}
