/*
 * xml.h: the writer of XML documents (feeds, sitemaps), on libxml2's
 * xmlTextWriter. Nothing is pasted as a string: element and attribute names
 * are literals (enforced by the macros), and every text and attribute value
 * goes through libxml2's escaping after the characters XML 1.0 forbids
 * (control characters other than tab, LF and CR, U+FFFE, U+FFFF, and bytes
 * that are not UTF-8) are dropped, so hostile titles still give well-formed
 * documents.
 *
 * The writer streams: output goes to a sink in chunks as it is made, so a
 * document of any size costs a bounded amount of memory. Errors are sticky:
 * the first failure (of libxml2 or of the sink) is kept, later calls do
 * nothing, and xml_end_document() reports it.
 *
 * Namespaced names are written with their prefix ("news:title"); the
 * caller declares the prefix with xml_attr(x, "xmlns:news", URI) on an
 * enclosing element.
 */
#ifndef AK_XML_H
#define AK_XML_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

/* Where output goes: returns 0 on success, non-zero to stop the document. */
typedef int (*xml_sink_fn)(void *ctx, const char *p, size_t n);

struct xml;

/* A new document (with its XML declaration, UTF-8) written to sink.
 * NULL when out of memory. */
struct xml *xml_new(xml_sink_fn sink, void *ctx);
/* End every open element and the document, flush, and free x. Returns the
 * first error (AK_EIO for libxml2 or the sink, AK_ENOMEM). */
enum ak_err xml_free(struct xml *x);

#define xml_start(x, name) xml_start_((x), "" name "")
#define xml_attr(x, name, value) xml_attr_((x), "" name "", (value))
/* <name>text</name>; a NULL text writes an empty element. */
#define xml_elem(x, name, text) xml_elem_((x), "" name "", (text))
#define xml_elem_int(x, name, v) xml_elem_int_((x), "" name "", (v))
void xml_start_(struct xml *x, const char *name);
void xml_attr_(struct xml *x, const char *name, const char *value);
void xml_elem_(struct xml *x, const char *name, const char *text);
void xml_elem_int_(struct xml *x, const char *name, int64_t v);
/* Text inside the current element (NULL writes nothing). */
void xml_text(struct xml *x, const char *s);
/* Close the innermost open element. */
void xml_end(struct xml *x);

/* Non-zero when s[0..n) is UTF-8 made only of characters XML 1.0 allows
 * (what the writer would write unchanged). */
int xml_chars_ok(const char *s, size_t n);

#endif
