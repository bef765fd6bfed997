/*
 * xml.c: XML documents on libxml2's xmlTextWriter, streamed to a sink
 * (see xml.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlwriter.h>
#include "render/xml.h"
#include "text/utf8.h"

struct xml {
    xmlTextWriterPtr w;
    xml_sink_fn sink;
    void *ctx;
    enum ak_err err;            /* first failure, sticky */
};

/* XML 1.0's Char production. */
static int xml_char_allowed(uint32_t c)
{
    if (c < 0x20)
        return c == 0x9 || c == 0xA || c == 0xD;
    if (c <= 0xD7FF)
        return 1;
    if (c >= 0xE000 && c <= 0xFFFD)
        return 1;
    return c >= 0x10000 && c <= 0x10FFFF;
}

int xml_chars_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t k = utf8_decode(p + i, n - i, &c);
        if (k == 0 || !xml_char_allowed(c))
            return 0;
        i += k;
    }
    return 1;
}

/* s itself when it needs no cleaning, else a malloc'd copy without the
 * bytes and characters XML forbids; NULL when out of memory. */
static const char *xml_cleaned(const char *s, char **owned)
{
    size_t n = strlen(s);
    *owned = NULL;
    if (xml_chars_ok(s, n))
        return s;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t k = utf8_decode(p + i, n - i, &c);
        if (k == 0) {           /* not UTF-8: the byte is dropped */
            i++;
            continue;
        }
        if (xml_char_allowed(c)) {
            memcpy(out + o, p + i, k);
            o += k;
        }
        i += k;
    }
    out[o] = '\0';
    *owned = out;
    return out;
}

static int xml_write(void *ctx, const char *buffer, int len)
{
    struct xml *x = ctx;
    if (len <= 0)
        return 0;
    if (x->sink(x->ctx, buffer, (size_t)len) != 0) {
        if (x->err == AK_OK)
            x->err = AK_EIO;
        return -1;
    }
    return len;
}

/* libxml2 prints I/O failures to stderr; the writer reports them as its
 * sticky error instead. */
static void xml_quiet(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

static int xml_close(void *ctx)
{
    (void)ctx;
    return 0;
}

/* Record a libxml2 result: negative is a failure. */
static void xml_check(struct xml *x, int rc)
{
    if (rc < 0 && x->err == AK_OK)
        x->err = AK_EIO;
}

struct xml *xml_new(xml_sink_fn sink, void *ctx)
{
    struct xml *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->sink = sink;
    x->ctx = ctx;
    xmlSetGenericErrorFunc(NULL, xml_quiet);    /* this thread's, in libxml2 */
    xmlOutputBufferPtr out = xmlOutputBufferCreateIO(xml_write, xml_close, x, NULL);
    if (!out || !(x->w = xmlNewTextWriter(out))) {
        if (out)
            xmlOutputBufferClose(out);
        free(x);
        return NULL;
    }
    xml_check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
    return x;
}

enum ak_err xml_free(struct xml *x)
{
    if (!x)
        return AK_ENOMEM;
    if (x->err == AK_OK)
        xml_check(x, xmlTextWriterEndDocument(x->w));
    if (x->err == AK_OK)
        xml_check(x, xmlTextWriterFlush(x->w));
    xmlFreeTextWriter(x->w);    /* closes the output buffer */
    enum ak_err err = x->err;
    free(x);
    return err;
}

void xml_start_(struct xml *x, const char *name)
{
    if (x->err == AK_OK)
        xml_check(x, xmlTextWriterStartElement(x->w, (const xmlChar *)name));
}

void xml_end(struct xml *x)
{
    if (x->err == AK_OK)
        xml_check(x, xmlTextWriterFullEndElement(x->w));
}

/* The value to write for s (s itself or a cleaned copy in *owned, to free),
 * or NULL when nothing is to be written (an earlier error, no value, or out
 * of memory, which is recorded). */
static const char *xml_value(struct xml *x, const char *s, char **owned)
{
    *owned = NULL;
    if (x->err != AK_OK || !s)
        return NULL;
    const char *v = xml_cleaned(s, owned);
    if (!v)
        x->err = AK_ENOMEM;
    return v;
}

void xml_attr_(struct xml *x, const char *name, const char *value)
{
    char *owned;
    const char *v = xml_value(x, value, &owned);
    if (v)
        xml_check(x, xmlTextWriterWriteAttribute(x->w, (const xmlChar *)name,
                                                 (const xmlChar *)v));
    free(owned);
}

void xml_text(struct xml *x, const char *s)
{
    char *owned;
    const char *v = xml_value(x, s, &owned);
    if (v)
        xml_check(x, xmlTextWriterWriteString(x->w, (const xmlChar *)v));
    free(owned);
}

void xml_elem_(struct xml *x, const char *name, const char *text)
{
    xml_start_(x, name);
    xml_text(x, text);
    xml_end(x);
}

void xml_elem_int_(struct xml *x, const char *name, int64_t v)
{
    char num[24];
    snprintf(num, sizeof num, "%" PRId64, v);
    xml_elem_(x, name, num);
}
