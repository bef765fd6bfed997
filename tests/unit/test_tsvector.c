/*
 * test_tsvector.c: the analyzer's forms as a PostgreSQL tsvector literal
 * (text/tsvector.h): exact output, quoting, the gap between columns,
 * colocated stems, the limits (a 2 MB body), bad input, the very tokens FTS5
 * indexes (compared through fts5vocab), and random text always giving a
 * literal that a parser of tsvector syntax (below) accepts.
 *
 * With arguments it is the tool the PostgreSQL check uses:
 *   test_tsvector --literal W:FILE...   the literal of the files (W the
 *                                       weight, FILE "-" for stdin) on stdout
 *   test_tsvector --query WORD...       the tsquery of the words' query forms:
 *                                       ('f1' | 'f2') & ...
 */
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "text/fts5_tokenizer.h"
#include "text/tsvector.h"
#include "t.h"

/* ---- a parser of tsvector text syntax, as PostgreSQL's tsvectorin reads it ---- */

#define P_LEX 2100

struct pentry {
    char lex[P_LEX];
    size_t len;
    unsigned pos[TEXT_TSV_NPOS_MAX + 1];
    char w[TEXT_TSV_NPOS_MAX + 1];
    size_t npos;
};

struct parsed {
    struct pentry *e;
    size_t n, cap;
    size_t size;                /* PostgreSQL's size count */
};

static int cmp_entry(const void *x, const void *y)
{
    const struct pentry *a = *(const struct pentry *const *)x;
    const struct pentry *b = *(const struct pentry *const *)y;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return memcmp(a->lex, b->lex, a->len);
}

/* Parse literal s into *p; 0 when it is not valid tsvector input within
 * PostgreSQL's limits, or breaks what tsvector.h promises (distinct
 * lexemes, ascending positions, weights A-D written out). */
static int parse_tsv(const char *s, struct parsed *p)
{
    p->n = p->size = 0;
    while (*s) {
        if (p->n && *s++ != ' ')
            return 0;
        if (*s++ != '\'')
            return 0;
        if (p->n == p->cap) {
            p->cap = p->cap ? p->cap * 2 : 64;
            p->e = realloc(p->e, p->cap * sizeof *p->e);
        }
        struct pentry *e = &p->e[p->n];
        e->len = e->npos = 0;
        for (;;) {
            if (!*s)
                return 0;
            if (*s == '\'' && s[1] != '\'')
                break;
            if (*s == '\'' || *s == '\\')
                s++;                    /* '' and \x stand for the next byte */
            if (!*s || e->len >= TEXT_TSV_LEXEME_MAX)
                return 0;
            e->lex[e->len++] = *s++;
        }
        s++;
        if (e->len == 0)
            return 0;
        if (*s == ':') {
            do {
                s++;
                char *end;
                unsigned long v = strtoul(s, &end, 10);
                if (end == s || v < 1 || v > TEXT_TSV_POS_MAX || e->npos >= TEXT_TSV_NPOS_MAX)
                    return 0;
                if (e->npos && v <= e->pos[e->npos - 1])
                    return 0;
                s = end;
                if (*s < 'A' || *s > 'D')
                    return 0;
                e->w[e->npos] = *s++;
                e->pos[e->npos++] = (unsigned)v;
            } while (*s == ',');
        }
        p->size += e->npos ? e->len + (e->len & 1) + 2 + 2 * e->npos : e->len;
        p->n++;
    }
    /* No lexeme twice: sort a copy, compare neighbours. */
    struct pentry **sorted = malloc((p->n + 1) * sizeof *sorted);
    for (size_t i = 0; i < p->n; i++)
        sorted[i] = &p->e[i];
    qsort(sorted, p->n, sizeof *sorted, cmp_entry);
    int dup = 0;
    for (size_t i = 1; i < p->n; i++)
        dup |= cmp_entry(&sorted[i - 1], &sorted[i]) == 0;
    free(sorted);
    return !dup && p->size <= TEXT_TSV_SIZE_MAX;
}

static const struct pentry *find(const struct parsed *p, const char *lex)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->e[i].len == strlen(lex) && memcmp(p->e[i].lex, lex, p->e[i].len) == 0)
            return &p->e[i];
    return NULL;
}

/* ---- helpers ---- */

static struct text_analyzer *an;
static struct arena ar;
static struct text_tsv_stats st;

/* The literal for title, lede and body (A, B, D); "ERROR n" on failure. */
static const char *tsv3(const char *title, const char *lede, const char *body)
{
    struct text_tsv_column c[3] = {
        { title, title ? strlen(title) : 0, 'A' },
        { lede, lede ? strlen(lede) : 0, 'B' },
        { body, body ? strlen(body) : 0, 'D' },
    };
    char *out;
    enum ak_err rc = text_tsvector(an, &ar, c, 3, &out, NULL, &st);
    return rc == AK_OK ? out : arena_printf(&ar, "ERROR %d", (int)rc);
}

static const char *quoted(const char *s, const char *weights, int query)
{
    struct buf b;
    buf_init(&b, 0);
    if (query)
        text_tsquery_lexeme(&b, s, strlen(s), weights);
    else
        text_tsv_quote(&b, s, strlen(s));
    const char *r = b.err ? arena_printf(&ar, "ERROR %d", (int)b.err)
                          : arena_strndup(&ar, b.p ? b.p : "", b.n);
    buf_reset(&b);
    return r;
}

/* ---- the tests ---- */

static void test_exact(void)
{
    CHECK_STR(tsv3("Hello World", NULL, "hello, again"),
              "'hello':1A,11D '~hello':1A,11D 'world':2A '~world':2A 'again':12D '~again':12D");
    CHECK(st.lexemes == 6 && st.positions == 8 && st.clamped == 0);
    CHECK(st.size == 2 * (6 + 2 + 4) + (6 + 2 + 2) + (6 + 2 + 2) + (6 + 2 + 2) + (6 + 2 + 2));
    CHECK_STR(tsv3("", "", ""), "");
    CHECK_STR(tsv3(NULL, " ,. ", NULL), "");
    /* Arabic: each form of the analyzer, stems colocated with their word. */
    /* A broken plural: its singulars too, all at the word's position. */
    CHECK_STR(tsv3("المدارس", NULL, NULL), "'المدارس':1A '~مدارس':1A '~مدرس':1A '~مدرسه':1A");
    CHECK_STR(tsv3("وزير الخارجية", "الخارجيّة", NULL),
              "'وزير':1A '~وزير':1A 'الخارجيه':2A,11B '~خارجي':2A,11B");
    /* The same word in every column, each with its weight. */
    CHECK_STR(tsv3("كتاب", "كتاب", "كتاب كتاب"), "'كتاب':1A,10B,19D,20D '~كتاب':1A,10B,19D,20D");
    /* Digits and Latin next to Arabic. */
    CHECK_STR(tsv3("قمة ٢٠٢٥ G20", NULL, NULL),
              "'قمه':1A '~قمه':1A '2025':2A '~2025':2A 'g20':3A '~g20':3A");
}

static void test_gap(void)
{
    /* The lede's first word is TEXT_TSV_GAP + 1 after the title's last. */
    const char *lit = tsv3("a b", "c", "d");
    CHECK_STR(lit, "'a':1A '~a':1A 'b':2A '~b':2A 'c':11B '~c':11B 'd':20D '~d':20D");
    /* An empty column takes no positions: the body follows the title. */
    CHECK_STR(tsv3("a", "", "d"), "'a':1A '~a':1A 'd':10D '~d':10D");
    CHECK_STR(tsv3(NULL, NULL, "d e"), "'d':1D '~d':1D 'e':2D '~e':2D");
}

static void test_quote(void)
{
    CHECK_STR(quoted("it's", NULL, 0), "'it''s'");
    CHECK_STR(quoted("a\\b", NULL, 0), "'a\\\\b'");
    CHECK_STR(quoted("''\\", NULL, 0), "'''''\\\\'");
    CHECK_STR(quoted("~كتب", NULL, 0), "'~كتب'");
    CHECK_STR(quoted("~كتب", "AB", 1), "'~كتب':AB");
    CHECK_STR(quoted("x'\\", "", 1), "'x''\\\\'");
    CHECK_STR(quoted("x", NULL, 1), "'x'");
    CHECK_STR(quoted("", NULL, 1), "ERROR 4");
    CHECK_STR(quoted("x", "AE", 1), "ERROR 4");
    CHECK_STR(quoted("x", "a", 1), "ERROR 4");
    char big[TEXT_TSV_LEXEME_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CHECK_STR(quoted(big, NULL, 1), "ERROR 4");
    big[sizeof big - 2] = 0;
    CHECK(quoted(big, NULL, 1)[0] == '\'');
    /* The quoted lexeme parses back to itself. */
    struct parsed p = { 0 };
    CHECK(parse_tsv(quoted("a'b\\c", NULL, 0), &p) && p.n == 1 && p.e[0].len == 5 &&
          memcmp(p.e[0].lex, "a'b\\c", 5) == 0);
    free(p.e);
}

static void test_bad_input(void)
{
    CHECK_STR(tsv3("good", "\xd8", "x"), "ERROR 4");
    CHECK_STR(tsv3("\xff", NULL, NULL), "ERROR 4");
    CHECK_STR(tsv3("ok", NULL, "bad \xc0\x80"), "ERROR 4");
    struct text_tsv_column c = { "x", 1, 'E' };
    char *out = (char *)"unset";
    CHECK(text_tsvector(an, &ar, &c, 1, &out, NULL, NULL) == AK_EINVAL && out == NULL);
    /* An arena without room: AK_ENOMEM, not a cut literal. */
    struct arena tiny;
    arena_init(&tiny, 64);
    struct text_tsv_column big = { "كتاب كبير جدا في المكتبة العامة للمدينة", 0, 'A' };
    big.n = strlen(big.s);
    CHECK(text_tsvector(an, &tiny, &big, 1, &out, NULL, NULL) == AK_ENOMEM && out == NULL);
    arena_reset(&tiny);
}

/* Random words from a small alphabet (Arabic with clitics, hamza forms, ta
 * marbuta, tashkeel, Latin, digits, quote, backslash, punctuation). */
static const char *const pieces[] = {
    "و", "ف", "ب", "ل", "ال", "ك", "ت", "ا", "ب", "م", "د", "ر", "س", "ة", "ه", "أ", "إ", "آ",
    "ؤ", "ئ", "ى", "ي", "ـ", "\xd9\x8e", "\xd9\x91", "٣", "7", "a", "Z", "'", "\\", "\"",
    ":", ",", " ", " ", " ", "\n", "-", "é", "\xe2\x80\x8c", "\xf0\x9f\x98\x80",
};

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) % n;
}

static char *random_text(size_t bytes)
{
    char *s = malloc(bytes + 8);
    size_t n = 0;
    while (n < bytes) {
        const char *p = pieces[rnd(sizeof pieces / sizeof *pieces)];
        memcpy(s + n, p, strlen(p));
        n += strlen(p);
    }
    s[n] = 0;
    return s;
}

static void test_property(void)
{
    struct parsed p = { 0 };
    int ok = 1, forms_ok = 1;
    for (int i = 0; i < 300; i++) {
        char *t = random_text(rnd(80)), *l = random_text(rnd(200)), *b = random_text(rnd(2000));
        const char *lit = tsv3(t, l, b);
        if (!parse_tsv(lit, &p) || p.n != st.lexemes || p.size != st.size) {
            ok = 0;
            fprintf(stderr, "bad literal for %s | %s | %s:\n%s\n", t, l, b, lit);
        }
        if (st.lexemes_dropped || st.positions_dropped || st.clamped)
            forms_ok = 0;
        free(t);
        free(l);
        free(b);
        arena_clear(&ar);
    }
    CHECK(ok);
    CHECK(forms_ok);
    free(p.e);
}

/* ---- the same tokens as FTS5: the literal against fts5vocab 'instance' ---- */

static int fts5_matches(sqlite3 *db, const char *title, const char *lede, const char *body)
{
    sqlite3_stmt *s;
    sqlite3_exec(db, "DELETE FROM f", NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO f(rowid, title, lede, body) VALUES(1, ?1, ?2, ?3)", -1,
                       &s, NULL);
    sqlite3_bind_text(s, 1, title, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, lede, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, body, -1, SQLITE_STATIC);
    int ok = sqlite3_step(s) == SQLITE_DONE;
    sqlite3_finalize(s);
    /* Column bases: each column starts TEXT_TSV_GAP after the last position. */
    unsigned base[3] = { 0 }, last = 0, ninst = 0, npos = 0;
    static const char cols[][8] = { "title", "lede", "body" };
    for (int c = 0; c < 3; c++) {
        base[c] = last ? last + TEXT_TSV_GAP : 0;
        sqlite3_prepare_v2(db, "SELECT max(offset) FROM v WHERE col = ?1", -1, &s, NULL);
        sqlite3_bind_text(s, 1, cols[c], -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
            last = base[c] + (unsigned)sqlite3_column_int(s, 0) + 1;
        sqlite3_finalize(s);
    }
    struct parsed p = { 0 };
    const char *lit = tsv3(title, lede, body);
    ok &= parse_tsv(lit, &p);
    for (size_t i = 0; i < p.n; i++)
        npos += (unsigned)p.e[i].npos;
    sqlite3_prepare_v2(db, "SELECT term, col, offset FROM v", -1, &s, NULL);
    while (sqlite3_step(s) == SQLITE_ROW) {
        const struct pentry *e = find(&p, (const char *)sqlite3_column_text(s, 0));
        const char *col = (const char *)sqlite3_column_text(s, 1);
        int c = strcmp(col, "title") == 0 ? 0 : strcmp(col, "lede") == 0 ? 1 : 2;
        unsigned want = base[c] + (unsigned)sqlite3_column_int(s, 2) + 1;
        int hit = 0;
        for (size_t k = 0; e && k < e->npos; k++)
            hit |= e->pos[k] == want && e->w[k] == "ABD"[c];
        if (!hit) {
            ok = 0;
            fprintf(stderr, "FTS5 has %s at %s:%u, the literal not: %s\n",
                    sqlite3_column_text(s, 0), col, want, lit);
        }
        ninst++;
    }
    sqlite3_finalize(s);
    free(p.e);
    return ok && ninst == npos && ninst > 0;
}

static void test_same_as_fts5(void)
{
    sqlite3 *db;
    CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
    CHECK(text_fts5_register(db) == AK_OK);
    CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE f USING fts5(title, lede, body, "
                       "tokenize='akhbar', detail=full);"
                       "CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance');",
                       NULL, NULL, NULL) == SQLITE_OK);
    CHECK(fts5_matches(db, "محادثات إقليمية في مسقط", "انطلقت في العاصمة العُمانية مسقط",
                       "وتأتي هذه المحادثات بعد عام، وللمدارس والكتّاب كتبٌ. Hello G20!"));
    CHECK(fts5_matches(db, "", "وبالمدرسة", "فالمؤتمر مؤتمرات مسؤولية ٢٠٢٤"));
    int ok = 1;
    for (int i = 0; i < 40; i++) {
        char *t = random_text(rnd(60)), *l = random_text(rnd(100)), *b = random_text(rnd(600));
        ok &= fts5_matches(db, t, l, b) || !*tsv3(t, l, b);     /* or no words at all */
        free(t);
        free(l);
        free(b);
    }
    CHECK(ok);
    sqlite3_close(db);
}

/* ---- the limits ---- */

static void test_limits(void)
{
    struct parsed p = { 0 };
    /* 2 MB of running Arabic text: positions past 16383 are clamped, a
     * frequent word keeps 256 positions, every form is kept. */
    static const char para[] = "وقال وزير الخارجية إن المحادثات في مسقط ستستمر ثلاثة أيام، "
                               "وإن الدول المشاركة تبحث ميثاقا مشتركا لحماية الملاحة. ";
    size_t n = 2 * 1024 * 1024, k = 0;
    char *body = malloc(n + sizeof para);
    while (k < n) {
        memcpy(body + k, para, sizeof para - 1);
        k += sizeof para - 1;
    }
    body[k] = 0;
    const char *lit = tsv3("عنوان المقال", "المقدمة", body);
    CHECK(parse_tsv(lit, &p));
    CHECK(st.clamped > 0 && st.lexemes_dropped == 0 && st.positions_dropped > 0);
    CHECK(st.size == p.size && st.size <= TEXT_TSV_SIZE_MAX);
    const struct pentry *e = find(&p, "وزير");
    CHECK(e && e->npos == TEXT_TSV_NPOS_MAX && e->pos[0] < e->pos[1]);
    e = find(&p, "عنوان");
    CHECK(e && e->npos == 1 && e->pos[0] == 1 && e->w[0] == 'A');
    /* Every word of the paragraph is at most once at 16383. */
    e = find(&p, "مسقط");
    CHECK(e && e->npos <= TEXT_TSV_NPOS_MAX);
    arena_clear(&ar);

    /* 2 MB of distinct words: the size limit. Title and lede first, then the
     * body's forms with one position each until no more fit. */
    k = 0;
    for (unsigned w = 0; k + 64 < n; w++) {
        static const char *const let[] = { "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز",
                                           "س", "ش", "ص", "ض", "ط", "ظ" };
        unsigned v = w;
        for (int d = 0; d < 6; d++, v /= 16) {
            memcpy(body + k, let[v % 16], 2);
            k += 2;
        }
        body[k++] = ' ';
    }
    body[k] = 0;
    lit = tsv3("عنوان المقال", "المقدمة", body);
    CHECK(parse_tsv(lit, &p));
    CHECK(st.lexemes_dropped > 0 && st.size == p.size);
    CHECK(st.size <= TEXT_TSV_SIZE_MAX && st.size > TEXT_TSV_SIZE_MAX - 20);
    e = find(&p, "عنوان");
    CHECK(e && e->npos == 1 && e->w[0] == 'A');
    e = find(&p, "المقدمه");
    CHECK(e && e->npos == 1 && e->w[0] == 'B');
    size_t nopos = 0;
    for (size_t i = 0; i < p.n; i++)
        nopos += p.e[i].npos == 0;
    CHECK(nopos == 0);
    free(body);
    free(p.e);
    arena_clear(&ar);
}

/* ---- the command line, for the PostgreSQL check ---- */

static char *read_all(const char *path, size_t *n)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct buf b;
    buf_init(&b, 0);
    char chunk[65536];
    size_t got;
    while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, got);
    if (f && f != stdin)
        fclose(f);
    return buf_detach(&b, n);
}

static int query_form(void *ctx, const char *form, size_t n, size_t s, size_t e, int col)
{
    (void)s; (void)e;
    struct buf *b = ctx;
    buf_puts(b, col ? " | " : "");
    text_tsquery_lexeme(b, form, n, NULL);
    return 0;
}

static int cli(int argc, char **argv)
{
    struct buf b;
    buf_init(&b, 0);
    int rc = 0;
    if (strcmp(argv[1], "--literal") == 0) {
        struct text_tsv_column c[16];
        int nc = 0;
        for (int i = 2; i < argc && nc < 16; i++, nc++) {
            c[nc].weight = argv[i][0];
            c[nc].s = read_all(argv[i] + 2, &c[nc].n);
        }
        char *out;
        rc = text_tsvector(an, &ar, c, (size_t)nc, &out, NULL, &st) != AK_OK;
        if (!rc)
            printf("%s\n", out);
        fprintf(stderr, "lexemes %zu positions %zu size %zu dropped %zu/%zu clamped %zu\n",
                st.lexemes, st.positions, st.size, st.lexemes_dropped, st.positions_dropped,
                st.clamped);
        for (int i = 0; i < nc; i++)
            free((char *)c[i].s);
    } else if (strcmp(argv[1], "--query") == 0) {
        for (int i = 2; i < argc; i++) {
            buf_puts(&b, i > 2 ? " & (" : "(");
            rc |= text_analyze(an, TEXT_MODE_QUERY, argv[i], strlen(argv[i]), query_form, &b);
            buf_putc(&b, ')');
        }
        rc |= b.err;
        if (!rc)
            printf("%s\n", b.p);
    }
    buf_reset(&b);
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    an = text_analyzer_new();
    arena_init(&ar, 0);
    if (argc > 1) {
        int rc = cli(argc, argv);
        arena_reset(&ar);
        text_analyzer_free(an);
        return rc;
    }
    test_exact();
    test_gap();
    test_quote();
    test_bad_input();
    test_same_as_fts5();
    test_property();
    test_limits();
    arena_reset(&ar);
    text_analyzer_free(an);
    T_DONE();
}
