/*
 * test_text.c: strict UTF-8, the code-point layer (chars.h), slugs, and search
 * snippets.
 */
#include <string.h>
#include "base/buf.h"
#include "text/analyzer.h"
#include "text/chars.h"
#include "text/normalize.h"
#include "text/slug.h"
#include "text/snippet.h"
#include "text/utf8.h"
#include "t.h"

static void test_utf8(void)
{
    CHECK(utf8_valid("", 0));
    CHECK(utf8_valid("abc", 3));
    CHECK(utf8_valid("سلام", strlen("سلام")));
    CHECK(utf8_valid("\xF0\x9F\x98\x80", 4));           /* U+1F600 */
    CHECK(!utf8_valid("\xff", 1));
    CHECK(!utf8_valid("\xC0\xAF", 2));                  /* overlong '/' */
    CHECK(!utf8_valid("\xE0\x80\xAF", 3));              /* overlong */
    CHECK(!utf8_valid("\xED\xA0\x80", 3));              /* surrogate */
    CHECK(!utf8_valid("\xF4\x90\x80\x80", 4));          /* above U+10FFFF */
    CHECK(!utf8_valid("\xD8", 1));                      /* truncated */
    CHECK(!utf8_valid("a\0b", 3));                      /* NUL */
    uint32_t cp;
    CHECK(utf8_decode((const unsigned char *)"\xD8\xA7", 2, &cp) == 2 && cp == 0x0627);
    unsigned char enc[4];
    CHECK(utf8_encode(0x0627, enc) == 2 && enc[0] == 0xD8 && enc[1] == 0xA7);
    CHECK(utf8_encode(0xD800, enc) == 0);
    CHECK(utf8_encode(0x110000, enc) == 0);
    const char *s = "أبج";                              /* 2 bytes a letter */
    CHECK(utf8_clip(s, 6, 3) == 2);
    CHECK(utf8_clip(s, 6, 4) == 4);
    CHECK(utf8_clip(s, 6, 10) == 6);
}

/* The classes and the one fold that the analyzer and the importer share. */
static void test_chars(void)
{
    CHECK(text_char_is_arabic_letter(0x0621));      /* ء */
    CHECK(text_char_is_arabic_letter(0x06A9));      /* ک */
    CHECK(!text_char_is_arabic_letter(0x0640));     /* tatweel */
    CHECK(!text_char_is_arabic_letter(0x064B));     /* fathatan */
    for (uint32_t c = 0x0610; c <= 0x061A; c++)
        CHECK(text_char_is_diacritic(c));
    CHECK(text_char_is_diacritic(0x064B) && text_char_is_diacritic(0x065F));
    CHECK(text_char_is_diacritic(0x0670));
    CHECK(!text_char_is_diacritic(0x061B));         /* ؛ is punctuation */
    CHECK(text_char_is_arabic_punct(0x061B) && text_char_is_arabic_punct(0x060C));
    CHECK(text_char_is_tatweel(0x0640));
    CHECK(text_char_digit(0x0663) == 3 && text_char_digit(0x06F9) == 9);
    CHECK(text_char_digit('7') == 7 && text_char_digit(0x0627) == -1);
    CHECK(text_char_is_space(0x00A0) && text_char_is_invisible(0x200F));
    /* The direction readers type: ة to ه, ى to ي, never the other way. */
    CHECK(text_char_fold(0x0629) == 0x0647);
    CHECK(text_char_fold(0x0647) == 0x0647);
    CHECK(text_char_fold(0x0649) == 0x064A);
    CHECK(text_char_fold(0x064A) == 0x064A);
    CHECK(text_char_fold(0x0623) == 0x0627 && text_char_fold(0x0671) == 0x0627);
    CHECK(text_char_fold(0x0624) == 0x0648 && text_char_fold(0x0626) == 0x064A);
    CHECK(text_char_fold(0x0618) == 0 && text_char_fold(0x0640) == 0);
    CHECK(text_char_fold(0x0665) == '5' && text_char_fold('Q') == 'q');
    CHECK(text_char_fold(0x05D0) == 0x05D0);        /* outside the block: unchanged */
    /* The analyzer folds through the same table. */
    for (uint32_t c = 0; c < 0x0700; c++)
        if (c < 0x80 || c >= 0x0600)
            CHECK(text_fold_cp(c) == text_char_fold(c));
}

static void test_slug(void)
{
    struct arena a;
    arena_init(&a, 0);
    CHECK_STR(text_slug(&a, "المطالب الروسية: بضمانات «أمنية»!", 200),
              "المطالب-الروسية-بضمانات-أمنية");
    CHECK_STR(text_slug(&a, "مُحَمَّد ـــ الأوّل", 200), "محمد-الأول");  /* diacritics, tatweel */
    CHECK_STR(text_slug(&a, "Hello World 2026", 200), "hello-world-2026");
    CHECK_STR(text_slug(&a, "عام ٢٠٢٦ و۱۴", 200), "عام-2026-و14");
    CHECK_STR(text_slug(&a, "؟!...", 200), "article");
    CHECK_STR(text_slug(&a, "كلمة كلمتان ثلاث", 21), "كلمة-كلمتان");   /* cut at a word */
    CHECK_STR(text_slug(&a, "كلمة كلمتان ثلاث", 20), "كلمة");
    CHECK(strlen(text_slug(&a, "abcdefghijklmnopqrstuvwxyz", 10)) <= 10);
    arena_reset(&a);
}

/* ---- snippets ---- */

struct snip_terms {
    struct arena *a;
    struct text_snippet_term t[64];
    size_t n;
    unsigned unit;
};

static int snip_collect(void *ctx, const char *form, size_t n, size_t start, size_t end,
                        int colocated)
{
    (void)start; (void)end; (void)colocated;
    struct snip_terms *ts = ctx;
    if (ts->n < 64)
        ts->t[ts->n++] = (struct text_snippet_term){ arena_strndup(ts->a, form, n), n,
                                                     ts->unit };
    return 0;
}

/* The query word's alternatives (as search.c asks for them) as terms of unit. */
static void snip_word(struct text_analyzer *an, struct snip_terms *ts, const char *w,
                      unsigned unit)
{
    ts->unit = unit;
    CHECK(text_analyze(an, TEXT_MODE_QUERY, w, strlen(w), snip_collect, ts) == AK_OK);
}

/* n words "كلمةK" from k, separated by spaces. */
static void snip_filler(struct buf *b, int k, int n)
{
    static const char *const w[] = { "صباح", "مساء", "طريق", "جبل", "نهر", "شارع", "باب" };
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s%s", b->n ? " " : "", w[(k + i) % 7]);
}

static size_t snip_words(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += *p == ' ';
    return n + 1;
}

static void test_snippet(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct text_analyzer *an = text_analyzer_new();
    CHECK(an != NULL);
    if (!an)
        return;
    struct snip_terms beirut = { .a = &a };
    snip_word(an, &beirut, "بيروت", 0);
    const char *out = NULL;

    /* Short text: all of it, the clitic form marked whole, no ellipsis. */
    const char *s = "وصل الوفد ببيروت أمس.";
    CHECK(text_snippet(an, &a, s, strlen(s), beirut.t, beirut.n, 24, 0, &out) == AK_OK);
    CHECK_STR(out, "وصل الوفد \x01ببيروت\x02 أمس");

    /* Marker bytes in the text are dropped: every mark is a match (found by
     * fuzz/analyzer). */
    s = "وصل \x02\x02 الوفد \x01ببيروت\x02 أمس";
    CHECK(text_snippet(an, &a, s, strlen(s), beirut.t, beirut.n, 24, 0, &out) == AK_OK);
    CHECK_STR(out, "وصل  الوفد \x01ببيروت\x02 أمس");

    /* A ligature NFKC makes into four words (ﷺ) gives them the same bytes:
     * the snippet still cuts each once (found by fuzz/analyzer). */
    struct snip_terms lig = { .a = &a };
    snip_word(an, &lig, "الله", 0);
    s = "قال ﷺ كتاب ﷺ";
    CHECK(text_snippet(an, &a, s, strlen(s), lig.t, lig.n, 5, 0, &out) == AK_OK);
    CHECK_STR(out, "قال \x01ﷺ\x02…");

    /* No match: NULL; invalid UTF-8: an error. */
    s = "لا شيء هنا";
    CHECK(text_snippet(an, &a, s, strlen(s), beirut.t, beirut.n, 24, 0, &out) == AK_OK);
    CHECK(out == NULL);
    CHECK(text_snippet(an, &a, "\xff\xfe", 2, beirut.t, beirut.n, 24, 0, &out) == AK_EINVAL);
    CHECK(text_snippet(an, &a, s, strlen(s), beirut.t, 0, 24, 0, &out) == AK_OK && !out);

    /* Deep in a long text: "…" before (four words of lead) and after, at most
     * `words` words, valid UTF-8. */
    struct buf b;
    buf_init(&b, 0);
    snip_filler(&b, 0, 100);
    buf_puts(&b, " في بيروت");
    snip_filler(&b, 3, 100);
    CHECK(text_snippet(an, &a, b.p, b.n, beirut.t, beirut.n, 10, 0, &out) == AK_OK);
    CHECK(out && strncmp(out, "…", strlen("…")) == 0);
    CHECK(out && strlen(out) > strlen("…") &&
          strcmp(out + strlen(out) - strlen("…"), "…") == 0);
    CHECK_CONTAINS(out, " في \x01بيروت\x02 ");
    CHECK(out && snip_words(out) == 10);
    CHECK(out && utf8_valid(out, strlen(out)));
    /* The match near the start: no "…" before it, one after. */
    buf_reset(&b);
    buf_puts(&b, "بيروت");
    snip_filler(&b, 0, 200);
    CHECK(text_snippet(an, &a, b.p, b.n, beirut.t, beirut.n, 8, 0, &out) == AK_OK);
    CHECK(out && strncmp(out, "\x01بيروت\x02 ", strlen("\x01بيروت\x02 ")) == 0);
    CHECK(out && strcmp(out + strlen(out) - strlen("…"), "…") == 0);
    CHECK(out && snip_words(out) == 8);
    /* The window ends at the text's last word: no "…" after. */
    buf_reset(&b);
    snip_filler(&b, 0, 30);
    buf_puts(&b, " بيروت جبل.");
    CHECK(text_snippet(an, &a, b.p, b.n, beirut.t, beirut.n, 10, 0, &out) == AK_OK);
    CHECK(out && strcmp(out + strlen(out) - strlen("جبل"), "جبل") == 0);

    /* Two units: the window with both wins over the earlier one with one. */
    struct snip_terms two = { .a = &a };
    snip_word(an, &two, "بيروت", 0);
    snip_word(an, &two, "المرفأ", 1);
    buf_reset(&b);
    buf_puts(&b, "بيروت");
    snip_filler(&b, 0, 60);
    buf_puts(&b, " عاد الصيادون إلى مرفأ بيروت");
    snip_filler(&b, 1, 60);
    CHECK(text_snippet(an, &a, b.p, b.n, two.t, two.n, 12, 0, &out) == AK_OK);
    CHECK_CONTAINS(out, "\x01مرفأ\x02 \x01بيروت\x02");
    CHECK(out && strncmp(out, "…", strlen("…")) == 0);
    /* Told that only unit 0 is in the text, it stops after the first window. */
    CHECK(text_snippet(an, &a, b.p, b.n, two.t, two.n, 12, 1, &out) == AK_OK);
    CHECK(out && strncmp(out, "\x01بيروت\x02 ", strlen("\x01بيروت\x02 ")) == 0);
    /* A phrase (one unit, two words) is marked as one run; its words apart
     * are marked each. */
    struct snip_terms phrase = { .a = &a };
    phrase.t[phrase.n++] = (struct text_snippet_term){ "~بحر", strlen("~بحر"), 0 };
    phrase.t[phrase.n++] = (struct text_snippet_term){ "~عرب", strlen("~عرب"), 0 };
    s = "في بحر العرب، والبحر واسع عند العرب.";
    CHECK(text_snippet(an, &a, s, strlen(s), phrase.t, phrase.n, 24, 0, &out) == AK_OK);
    CHECK_STR(out, "في \x01بحر العرب\x02، \x01والبحر\x02 واسع عند \x01العرب\x02");
    buf_reset(&b);
    text_analyzer_free(an);
    arena_reset(&a);
}

int main(void)
{
    test_utf8();
    test_chars();
    test_slug();
    test_snippet();
    T_DONE();
}
