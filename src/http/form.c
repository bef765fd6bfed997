/*
 * form.c: declared form fields, after kcgi's kvalid. A form route names the
 * fields it reads, each with a validator and a size limit (http.h); before
 * the handler runs, every posted field is checked against its declaration,
 * fields that were not declared are dropped, and a missing required field
 * or a value that fails refuses the whole form. So a handler never sees
 * text it did not ask for, and an id field reaches it as a number. The
 * fields are collected here too, chunk by chunk, as the HTTP library's form
 * parser (urlencoded or multipart) hands them to http/server.c.
 */
#include <string.h>
#include "base/log.h"
#include "http/csrf.h"

const char *const http_valid_names[HTTP_VALID__MAX] = {
    [HTTP_VALID_TEXT] = "text", [HTTP_VALID_LINE] = "line", [HTTP_VALID_INT] = "int",
    [HTTP_VALID_ID] = "id", [HTTP_VALID_ENUM] = "enum", [HTTP_VALID_CHECKBOX] = "checkbox",
    [HTTP_VALID_LOGIN] = "login", [HTTP_VALID_EMAIL] = "email", [HTTP_VALID_URL] = "url",
    [HTTP_VALID_TOKEN] = "token",
};

/* The session token every form may carry (checked by the dispatcher). */
static const struct http_field_spec form_csrf = { CSRF_FIELD, HTTP_VALID_TOKEN, 64, 0, NULL, 0 };

/* Decimal digits s[0..n) (1 to 18 of them) into *out. */
static int form_digits(const char *s, size_t n, int64_t *out)
{
    int64_t v = 0;
    if (n == 0 || n > 18)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* Does s[0..n) hold a byte below 0x20 (tab allowed when tab) or DEL? */
static int form_has_control(const char *s, size_t n, int tab)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && !(tab && c == '\t')) || c == 0x7f)
            return 1;
    }
    return 0;
}

int http_field_valid(const struct http_field_spec *spec, const char *v, size_t n, int64_t *num)
{
    size_t max = spec->max ? spec->max : HTTP_FIELD_MAX;
    *num = 0;
    if (n > max)
        return 0;
    switch (spec->valid) {
    case HTTP_VALID_TEXT:
        for (size_t i = 0; i < n; i++) {    /* lines, tabs; no other control bytes */
            unsigned char c = (unsigned char)v[i];
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                return 0;
        }
        return 1;
    case HTTP_VALID_LINE:
        return !form_has_control(v, n, 1);
    case HTTP_VALID_INT:
        if (n && v[0] == '-') {
            if (!form_digits(v + 1, n - 1, num))
                return 0;
            *num = -*num;
            return 1;
        }
        return form_digits(v, n, num);
    case HTTP_VALID_ID:
        return n == 0 || (form_digits(v, n, num) && *num > 0);
    case HTTP_VALID_ENUM:
        *num = -1;
        if (n == 0)
            return 1;
        for (size_t i = 0; i < spec->nchoices; i++)
            if (spec->choices[i] && strlen(spec->choices[i]) == n &&
                memcmp(spec->choices[i], v, n) == 0) {
                *num = (int64_t)i;
                return 1;
            }
        return 0;
    case HTTP_VALID_CHECKBOX:
        return 1;
    case HTTP_VALID_LOGIN:
        return n > 0 && strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
    case HTTP_VALID_EMAIL: {            /* spaces around it are the handler's to trim */
        while (n && (*v == ' ' || *v == '\t'))
            v++, n--;
        while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
            n--;
        if (n == 0)
            return 1;
        const char *at = memchr(v, '@', n);
        return at && at > v && at < v + n - 1 && !form_has_control(v, n, 0) &&
               !memchr(v, ' ', n);
    }
    case HTTP_VALID_URL:
        return n == 0 || (v[0] == '/' && (n == 1 || (v[1] != '/' && v[1] != '\\')) &&
                          !form_has_control(v, n, 0));
    case HTTP_VALID_TOKEN:
        return strspn(v, "0123456789abcdefABCDEF-") == n;
    case HTTP_VALID__MAX:
        break;
    }
    return 0;
}

/* The declaration of field name in specs (or the session token), or NULL;
 * for a PREFIX declaration *id gets the number after the prefix. */
static const struct http_field_spec *form_spec(const struct http_field_spec *specs,
                                               const char *name, int64_t *id)
{
    for (const struct http_field_spec *s = specs; s && s->name; s++) {
        size_t pl = strlen(s->name);
        if (!(s->flags & HTTP_FIELD_PREFIX)) {
            if (strcmp(s->name, name) == 0)
                return s;
        } else if (strncmp(s->name, name, pl) == 0 &&
                   form_digits(name + pl, strlen(name + pl), id) && *id > 0) {
            return s;
        }
    }
    return strcmp(name, CSRF_FIELD) == 0 ? &form_csrf : NULL;
}

int http_form_chunk(struct req *r, const char *key, const char *data, uint64_t off,
                    size_t size)
{
    struct http_field *f = NULL;
    if (!key) {                         /* a multipart part without a name */
        r->bad_form = 1;
        return 0;
    }
    for (size_t i = 0; i < r->nform && !f; i++)
        if (strcmp(r->form[i].name, key) == 0)
            f = &r->form[i];
    if (!f) {
        if (r->nform == HTTP_MAX_FIELDS) {
            r->bad_form = 1;
            return 0;
        }
        f = &r->form[r->nform];
        f->name = arena_strdup(&r->arena, key);
        f->value = arena_alloc(&r->arena, HTTP_FIELD_MAX + 1);
        f->n = 0;
        if (!f->name || !f->value) {
            r->bad_form = 1;
            return 0;
        }
        f->value[0] = 0;
        r->nform++;
    }
    if (off != f->n || size > HTTP_FIELD_MAX - f->n) {
        r->bad_form = 1;
        return 0;
    }
    memcpy(f->value + f->n, data, size);
    f->n += size;
    f->value[f->n] = 0;
    return 1;
}

int http_form_validate(struct req *r, const struct http_field_spec *specs)
{
    int64_t ids[HTTP_MAX_FIELDS];
    for (size_t i = 0; i < r->nform; i++) {     /* first every field's declaration: */
        ids[i] = 0;                             /* the CSRF check reads the token */
        r->form[i].spec = form_spec(specs, r->form[i].name, &ids[i]);
    }
    for (size_t i = 0; i < r->nform; i++) {
        struct http_field *f = &r->form[i];
        if (!f->spec)
            continue;                   /* not declared: dropped */
        if (!http_field_valid(f->spec, f->value, f->n, &f->num)) {
            log_info("form: %s %s: field %s is not a valid %s", http_method_names[r->method],
                     r->path, f->name, http_valid_names[f->spec->valid]);
            return 0;
        }
        if (f->spec->flags & HTTP_FIELD_PREFIX)
            f->num = ids[i];
    }
    for (const struct http_field_spec *s = specs; s && s->name; s++) {
        if (!(s->flags & HTTP_FIELD_REQUIRED) || (s->flags & HTTP_FIELD_PREFIX))
            continue;
        const char *v = http_form(r, s->name);
        if (!v || (!*v && (s->valid == HTTP_VALID_ID || s->valid == HTTP_VALID_ENUM))) {
            log_info("form: %s %s: field %s is missing", http_method_names[r->method], r->path,
                     s->name);
            return 0;
        }
    }
    return 1;
}
