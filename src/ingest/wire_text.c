/*
 * wire_text.c: what a feed item's fields need after the XML: its HTML
 * reduced to text paragraphs (wire_html) and its dates read (wire_date).
 *
 * Why so small a reducer: wire copy is text, and what a newsroom reviews is
 * paragraphs and the links in them. Everything else an agency's HTML holds
 * (scripts, styles, event handlers, images, embeds, tables, classes) is
 * dropped, not cleaned, so nothing of it can survive into a page: the result
 * is Markdown text with every ASCII punctuation that Markdown reads escaped,
 * and cmark renders it with raw HTML off. (A fuller HTML-to-Markdown
 * converter, for WordPress imports, belongs in ingest/html.c; wire copy can
 * move to it when both are merged.)
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "base/buf.h"
#include "ingest/ingest.h"
#include "ingest/wire.h"
#include "text/utf8.h"

/* One reduction in progress. */
struct red {
    struct buf out;             /* finished paragraphs */
    struct buf para;            /* the paragraph being made */
    enum wire_html_mode mode;
    int space;                  /* a space is due before the next text */
    size_t link_at;             /* where the open link's text starts in para, or SIZE_MAX */
    char href[WIRE_MAX_URL + 1];
};

/* Elements skipped with everything inside them. */
static const char *const red_skip[] = {
    "script", "style", "noscript", "template", "iframe", "object", "svg", "math", "head",
    "title", "select", "textarea", "button", "video", "audio", "canvas", NULL
};
/* Elements that end a paragraph where they start or end. */
static const char *const red_block[] = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "tr",
    "table", "section", "article", "figure", "figcaption", "pre", "hr", "dd", "dt", "dl",
    "header", "footer", "aside", "nav", "main", "address", "caption", NULL
};

static int red_in(const char *const *list, const char *name)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

/* Append the text bytes s[0..n) (one character) to the paragraph, escaped
 * for Markdown in that mode. */
static void red_char(struct red *r, const char *s, size_t n)
{
    if (r->space && r->para.n > 0 && r->para.p[r->para.n - 1] != ' ')
        buf_putc(&r->para, ' ');
    r->space = 0;
    if (r->mode == WIRE_HTML_MARKDOWN && n == 1 && strchr("\\`*_[]<>#!|~&{}", s[0]))
        buf_putc(&r->para, '\\');
    else if (r->mode == WIRE_HTML_MARKDOWN && n == 1 && r->para.n == 0 && strchr("-+=", s[0]))
        buf_putc(&r->para, '\\');   /* a list item or a setext underline */
    else if (r->mode == WIRE_HTML_MARKDOWN && n == 1 && (s[0] == '.' || s[0] == ')')) {
        size_t k = 0;               /* "1." at the start: an ordered list */
        while (k < r->para.n && isdigit((unsigned char)r->para.p[k]))
            k++;
        if (k > 0 && k == r->para.n)
            buf_putc(&r->para, '\\');
    }
    buf_append(&r->para, s, n);
}

/* End the paragraph being made. */
static void red_end(struct red *r)
{
    r->space = 0;
    r->link_at = SIZE_MAX;
    while (r->para.n > 0 && r->para.p[r->para.n - 1] == ' ')
        r->para.n--;
    if (r->para.n == 0)
        return;
    if (r->out.n > 0)
        buf_puts(&r->out, r->mode == WIRE_HTML_MARKDOWN ? "\n\n" : " ");
    buf_append(&r->out, r->para.p, r->para.n);
    r->para.n = 0;
}

/* Decode the character reference at s[0..n) (s[0] is '&') into u (4 bytes
 * room); returns the bytes it spans and sets *len, or 0 when it is none. */
static size_t red_entity(const char *s, size_t n, unsigned char *u, size_t *len)
{
    static const struct {
        const char *name;
        uint32_t cp;
    } named[] = {
        { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
        { "nbsp", ' ' }, { "laquo", 0xAB }, { "raquo", 0xBB }, { "ndash", 0x2013 },
        { "mdash", 0x2014 }, { "hellip", 0x2026 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
        { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "zwnj", 0x200C }, { "zwj", 0x200D },
        { "rlm", 0x200F }, { "lrm", 0x200E },
    };
    size_t i = 1;
    uint32_t cp = 0;
    if (i < n && s[i] == '#') {
        int hex = ++i < n && (s[i] == 'x' || s[i] == 'X');
        i += hex;
        size_t start = i;
        while (i < n && i - start < 8 && (hex ? isxdigit((unsigned char)s[i])
                                              : isdigit((unsigned char)s[i]))) {
            int d = isdigit((unsigned char)s[i]) ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10;
            cp = cp * (hex ? 16 : 10) + (uint32_t)d;
            i++;
        }
        if (i == start)
            return 0;
    } else {
        size_t start = i;
        while (i < n && i - start < 10 && isalnum((unsigned char)s[i]))
            i++;
        size_t k;
        for (k = 0; k < sizeof named / sizeof named[0]; k++)
            if (strlen(named[k].name) == i - start &&
                memcmp(named[k].name, s + start, i - start) == 0)
                break;
        if (k == sizeof named / sizeof named[0])
            return 0;
        cp = named[k].cp;
    }
    if (i < n && s[i] == ';')
        i++;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        cp = ' ';                       /* controls become a space */
    *len = utf8_encode(cp, u);
    if (*len == 0) {
        u[0] = ' ';                     /* a surrogate, past U+10FFFF */
        *len = 1;
    }
    return i;
}

/* Is href an address a reader may follow (http, https, mailto)? */
static int red_href_ok(const char *h)
{
    return strncasecmp(h, "http://", 7) == 0 || strncasecmp(h, "https://", 8) == 0 ||
           strncasecmp(h, "mailto:", 7) == 0;
}

/* Read the tag at s[0..n) (s[0] is '<'); returns the bytes it spans (0: not
 * a tag, the '<' is text). Sets name (lowercased, "" for comments and
 * declarations), *closing, and for <a> the href into r->href when wanted. */
static size_t red_tag(struct red *r, const char *s, size_t n, char *name, size_t cap,
                      int *closing)
{
    size_t i = 1;
    name[0] = 0;
    *closing = 0;
    if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
        const char *e = memmem(s + 4, n - 4, "-->", 3);
        return e ? (size_t)(e - s) + 3 : n;
    }
    if (i < n && (s[i] == '!' || s[i] == '?')) {
        const char *e = memchr(s, '>', n);
        return e ? (size_t)(e - s) + 1 : n;
    }
    if (i < n && s[i] == '/') {
        *closing = 1;
        i++;
    }
    size_t k = 0;
    if (i >= n || !isalpha((unsigned char)s[i]))
        return 0;
    while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == ':')) {
        if (k + 1 < cap)
            name[k++] = (char)tolower((unsigned char)s[i]);
        i++;
    }
    name[k] = 0;
    int want_href = !*closing && strcmp(name, "a") == 0;
    if (want_href)
        r->href[0] = 0;
    /* Attributes: name[=value], the value bare or quoted. */
    while (i < n && s[i] != '>') {
        if (isspace((unsigned char)s[i]) || s[i] == '/') {
            i++;
            continue;
        }
        size_t an = i;
        while (i < n && !isspace((unsigned char)s[i]) && s[i] != '=' && s[i] != '>')
            i++;
        size_t alen = i - an;
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        if (i >= n || s[i] != '=')
            continue;
        i++;
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        size_t vs, ve;
        if (i < n && (s[i] == '"' || s[i] == '\'')) {
            char q = s[i++];
            vs = i;
            while (i < n && s[i] != q)
                i++;
            ve = i;
            if (i < n)
                i++;
        } else {
            vs = i;
            while (i < n && !isspace((unsigned char)s[i]) && s[i] != '>')
                i++;
            ve = i;
        }
        if (want_href && alen == 4 && strncasecmp(s + an, "href", 4) == 0) {
            size_t m = 0;               /* the URL: entities decoded, no spaces or controls */
            for (size_t j = vs; j < ve && m + 4 < sizeof r->href; j++) {
                if (s[j] == '&') {
                    unsigned char u[4];
                    size_t len, used = red_entity(s + j, ve - j, u, &len);
                    if (used) {
                        memcpy(r->href + m, u, len);
                        m += len;
                        j += used - 1;
                        continue;
                    }
                }
                if ((unsigned char)s[j] > ' ')
                    r->href[m++] = s[j];
            }
            r->href[m] = 0;
            if (!utf8_valid(r->href, m))
                r->href[0] = 0;         /* not UTF-8: the link goes, its text stays */
        }
    }
    return i < n ? i + 1 : n;
}

/* Close the open link: its text becomes [text](url), URL characters that
 * would end it percent-encoded. */
static void red_link_close(struct red *r)
{
    size_t at = r->link_at;
    r->link_at = SIZE_MAX;
    if (at == SIZE_MAX || at >= r->para.n || !red_href_ok(r->href))
        return;
    struct buf t;
    buf_init(&t, 0);
    buf_append(&t, r->para.p + at, r->para.n - at);
    r->para.n = at;
    buf_putc(&r->para, '[');
    buf_append(&r->para, t.p, t.n);
    buf_puts(&r->para, "](");
    for (const char *h = r->href; *h; h++) {
        if (strchr("()<>\\ \"'`", *h))
            buf_printf(&r->para, "%%%02X", (unsigned char)*h);
        else
            buf_putc(&r->para, *h);
    }
    buf_putc(&r->para, ')');
    buf_reset(&t);
}

char *wire_html(const char *s, size_t n, enum wire_html_mode mode, size_t max, struct arena *a)
{
    struct red r = { .mode = mode, .link_at = SIZE_MAX };
    buf_init(&r.out, 0);
    buf_init(&r.para, 0);
    size_t i = 0;
    while (i < n && r.out.n <= max) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<') {
            char name[16];
            int closing;
            size_t used = red_tag(&r, s + i, n - i, name, sizeof name, &closing);
            if (used == 0) {
                red_char(&r, "<", 1);
                i++;
                continue;
            }
            i += used;
            if (!closing && red_in(red_skip, name)) {
                r.space = 1;
                /* skip to its end tag (the first one: these do not nest in text) */
                size_t nl = strlen(name);
                while (i < n) {
                    const char *lt = memchr(s + i, '<', n - i);
                    if (!lt) {
                        i = n;
                        break;
                    }
                    i = (size_t)(lt - s) + 1;
                    if (i + nl < n && s[i] == '/' && strncasecmp(s + i + 1, name, nl) == 0) {
                        const char *gt = memchr(s + i, '>', n - i);
                        i = gt ? (size_t)(gt - s) + 1 : n;
                        break;
                    }
                }
            } else if (red_in(red_block, name)) {
                red_end(&r);
            } else if (strcmp(name, "a") == 0 && mode == WIRE_HTML_MARKDOWN) {
                if (closing) {
                    red_link_close(&r);
                } else {
                    red_link_close(&r);     /* an unclosed one before it */
                    if (r.space && r.para.n > 0)
                        buf_putc(&r.para, ' ');
                    r.space = 0;
                    r.link_at = r.para.n;
                }
            } else if (name[0]) {
                r.space |= strcmp(name, "img") == 0 || strcmp(name, "td") == 0 ||
                           strcmp(name, "th") == 0;
            }
        } else if (c == '&') {
            unsigned char u[4];
            size_t len, used = red_entity(s + i, n - i, u, &len);
            if (!used) {
                red_char(&r, "&", 1);
                i++;
            } else if (len == 1 && u[0] == ' ') {
                r.space = 1;
                i += used;
            } else {
                red_char(&r, (const char *)u, len);
                i += used;
            }
        } else if (c <= ' ' || c == 0x7F) {
            r.space = 1;
            i++;
        } else {
            uint32_t cp;
            size_t len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
            if (len == 0 || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) {
                r.space = 1;            /* not UTF-8, C1 controls, separators */
                i += len ? len : 1;
                continue;
            }
            red_char(&r, s + i, len);
            i += len;
        }
    }
    red_link_close(&r);
    red_end(&r);
    char *res = NULL;
    if (!r.out.err && !r.para.err) {
        size_t keep = r.out.n;
        if (keep > max) {
            const char *p = r.out.p;    /* before the last paragraph that fits, else at a
                                         * character */
            size_t cut = 0;
            for (size_t j = 0; j + 1 < keep && j <= max; j++)
                if (mode == WIRE_HTML_MARKDOWN && p[j] == '\n' && p[j + 1] == '\n')
                    cut = j;
            if (cut == 0) {
                cut = utf8_clip(p, keep, max);
                while (cut > 0 && p[cut - 1] == '\\')
                    cut--;              /* never end on an escape */
            }
            keep = cut;
        }
        res = arena_strndup(a, r.out.n ? r.out.p : "", keep);
    }
    buf_reset(&r.out);
    buf_reset(&r.para);
    return res;
}

/* ---- dates ---- */

/* Read 1..k digits at s[*i); returns the count read (0: none). */
static int date_num(const char *s, size_t n, size_t *i, int k, int *v)
{
    int d = 0, x = 0;
    while (*i < n && d < k && isdigit((unsigned char)s[*i])) {
        x = x * 10 + (s[(*i)++] - '0');
        d++;
    }
    *v = x;
    return d;
}

static void date_skip_space(const char *s, size_t n, size_t *i)
{
    while (*i < n && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == '\r' || s[*i] == '\n'))
        (*i)++;
}

/* RFC 822 / 1123 as RSS uses it: [Day,] DD Mon YYYY HH:MM[:SS] ZONE. */
static int date_rfc822(const char *s, size_t n, int64_t *t)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    size_t i = 0;
    date_skip_space(s, n, &i);
    if (i < n && isalpha((unsigned char)s[i])) {
        while (i < n && isalpha((unsigned char)s[i]))
            i++;
        if (i < n && s[i] == ',')
            i++;
        date_skip_space(s, n, &i);
    }
    int d, y, h, mi, sec = 0, mo = -1, k;
    if (!date_num(s, n, &i, 2, &d))
        return 0;
    date_skip_space(s, n, &i);
    if (i + 3 > n)
        return 0;
    for (int m = 0; m < 12; m++)
        if (strncasecmp(s + i, months + 3 * m, 3) == 0)
            mo = m + 1;
    if (mo < 0)
        return 0;
    while (i < n && isalpha((unsigned char)s[i]))
        i++;                            /* "June", "Sept" */
    date_skip_space(s, n, &i);
    if ((k = date_num(s, n, &i, 4, &y)) != 4 && k != 2)
        return 0;
    if (k == 2)
        y += y < 50 ? 2000 : 1900;      /* RFC 2822's reading of two digits */
    date_skip_space(s, n, &i);
    if (!date_num(s, n, &i, 2, &h) || i >= n || s[i++] != ':' || date_num(s, n, &i, 2, &mi) != 2)
        return 0;
    if (i < n && s[i] == ':' && (i++, date_num(s, n, &i, 2, &sec) != 2))
        return 0;
    date_skip_space(s, n, &i);
    int64_t off = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        int sign = s[i++] == '-' ? -1 : 1, z;
        if (date_num(s, n, &i, 4, &z) != 4 || z % 100 > 59)
            return 0;
        off = sign * ((z / 100) * 3600 + (z % 100) * 60);
    } else if (i < n) {
        static const struct {
            const char *name;
            int hours;
        } zones[] = { { "GMT", 0 }, { "UTC", 0 }, { "UT", 0 }, { "Z", 0 }, { "EST", -5 },
                      { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 }, { "MST", -7 },
                      { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 } };
        size_t zs = i;
        while (i < n && isalpha((unsigned char)s[i]))
            i++;
        size_t z, nz = sizeof zones / sizeof zones[0];
        for (z = 0; z < nz; z++)
            if (strlen(zones[z].name) == i - zs && strncasecmp(s + zs, zones[z].name, i - zs) == 0)
                break;
        if (z == nz)
            return 0;
        off = zones[z].hours * 3600;
    }
    date_skip_space(s, n, &i);
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (i != n || y < 1900 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap) || h > 23 ||
        mi > 59 || sec > 60)
        return 0;
    *t = ingest_days(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec - off;
    return 1;
}

int wire_date(const char *s, size_t n, int64_t *t)
{
    while (n > 0 && isspace((unsigned char)*s))
        s++, n--;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= 10 && isdigit((unsigned char)s[0]) && s[4] == '-')
        return ingest_time_iso8601(s, n, t);
    return date_rfc822(s, n, t);
}
