/*
 * test_search.c: search on a real SQLite file: the query parser, the FTS5
 * expression builder, Arabic variants (hamza, ta marbuta, clitics, plurals,
 * diacritics, digits), phrases, exclusions, stopwords, ranking, visibility,
 * snippets, hostile queries, reindexing, the migration from schema version 1,
 * Markdown to plain text, and the Arabic result count.
 * Run from the repository root (reads tests/fixtures/schema-v1.sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "render/markdown.h"
#include "page/page.h"
#include "store/article.h"
#include "store/article_desk.h"
#include "store/search.h"
#include "store/section.h"
#include "store/db.h"
#include "text/query.h"
#include "text/utf8.h"
#include "t.h"

#define NOW 1800000000          /* AKHBAR_NOW for the whole test */
#define DAY 86400

static char path[80];

/* Remove a test database and its WAL files. */
static void drop_db(const char *db)
{
    char side[128];
    unlink(db);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db);
    unlink(side);
}

/* ---- helpers ---- */

static int64_t add(struct store *st, const char *title, const char *lede, const char *md,
                   const char *section, enum article_status status, int64_t published_at)
{
    struct arena a;
    arena_init(&a, 0);
    const struct html_safe *html = NULL;
    const char *text = NULL;
    size_t ntext;
    CHECK(markdown_render(&a, md, strlen(md), &html) == AK_OK);
    CHECK(markdown_plaintext(&a, md, strlen(md), &text, &ntext) == AK_OK);
    struct article_in in = {
        .title = title, .lede = lede, .body_md = md, .body_html = html, .body_text = text,
        .section = section, .status = status, .published_at = published_at,
    };
    int64_t id = 0;
    CHECK(store_article_insert(st, &in, &id) == AK_OK);
    arena_reset(&a);
    return id;
}

/* Run query; ids[] gets the hits in rank order (at most 16). Returns the rc. */
static enum ak_err search(struct store *st, const char *q, int64_t *ids, size_t *n,
                          size_t *total)
{
    struct arena a;
    arena_init(&a, 0);
    struct search_hit *hits;
    size_t k = 0, t = 0;
    enum ak_err rc = store_search(st, &a, q, 0, 16, &hits, &k, &t);
    for (size_t i = 0; i < k && i < 16; i++)
        ids[i] = hits[i].id;
    *n = k;
    if (total)
        *total = t;
    arena_reset(&a);
    return rc;
}

static int found(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return 1;
    return 0;
}

/* The query finds exactly the listed articles (any order). */
static int finds(struct store *st, const char *q, const int64_t *want, size_t nwant)
{
    int64_t ids[16];
    size_t n;
    if (search(st, q, ids, &n, NULL) != AK_OK || n != nwant) {
        fprintf(stderr, "  query %s: %zu hits, want %zu:", q, n, nwant);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, " %lld", (long long)ids[i]);
        fprintf(stderr, "\n");
        return 0;
    }
    for (size_t i = 0; i < nwant; i++)
        if (!found(ids, n, want[i]))
            return 0;
    return 1;
}
#define FINDS(st, q, ...) do { \
    const int64_t w_[] = { __VA_ARGS__ }; \
    CHECK(finds((st), (q), w_, sizeof w_ / sizeof w_[0])); \
} while (0)
#define FINDS_NONE(st, q) CHECK(finds((st), (q), NULL, 0))

/* The first hit of q is first, and second (when non-zero) comes later. */
static int ranks(struct store *st, const char *q, int64_t first, int64_t second)
{
    int64_t ids[16];
    size_t n;
    if (search(st, q, ids, &n, NULL) != AK_OK || n == 0 || ids[0] != first)
        return 0;
    return !second || found(ids + 1, n - 1, second);
}

static const char *expr(struct store *st, struct arena *a, const char *q)
{
    const char *e = NULL;
    return store_search_expr(st, a, q, &e) == AK_OK ? e : NULL;
}

/* An FTS5 expression is only quoted strings, parentheses, AND, OR, NOT and
 * single spaces: nothing of the user's syntax survives outside quotes. */
static int expr_safe(const char *e)
{
    if (!e)
        return 0;
    const char *p = e;
    while (*p) {
        if (*p == '"') {
            for (p++;; p++) {
                if (!*p)
                    return 0;
                if (*p == '"' && p[1] == '"')
                    p++;
                else if (*p == '"')
                    break;
            }
            p++;
        } else if (*p == '(' || *p == ')' || *p == ' ') {
            p++;
        } else if (strncmp(p, "AND ", 4) == 0 || strncmp(p, "NOT ", 4) == 0) {
            p += 4;
        } else if (strncmp(p, "OR ", 3) == 0) {
            p += 3;
        } else {
            return 0;
        }
    }
    return 1;
}

static int fts_ok(struct store *st)
{
    return sqlite3_exec(st->db, "INSERT INTO article_fts(article_fts) VALUES('integrity-check')",
                        NULL, NULL, NULL) == SQLITE_OK;
}

/* ---- the parser ---- */

static void test_parser(void)
{
    struct text_query q;
    CHECK(text_query_parse("", 0, &q) == AK_OK && q.n == 0);
    const char *s = "النفط \"وزير الخارجية\" -أوبك -\"أسعار النفط\"";
    CHECK(text_query_parse(s, strlen(s), &q) == AK_OK && q.n == 4);
    CHECK(q.items[0].kind == TEXT_QUERY_TERM && !q.items[0].exclude);
    CHECK(q.items[0].n == strlen("النفط") && memcmp(q.items[0].s, "النفط", q.items[0].n) == 0);
    CHECK(q.items[1].kind == TEXT_QUERY_PHRASE && !q.items[1].exclude);
    CHECK(q.items[1].n == strlen("وزير الخارجية"));
    CHECK(q.items[2].kind == TEXT_QUERY_TERM && q.items[2].exclude);
    CHECK(q.items[3].kind == TEXT_QUERY_PHRASE && q.items[3].exclude);

    s = "\"unbalanced quote";                   /* the quote is dropped */
    CHECK(text_query_parse(s, strlen(s), &q) == AK_OK && q.n == 2);
    CHECK(q.items[0].kind == TEXT_QUERY_TERM && q.items[0].n == strlen("unbalanced"));
    s = "a - b";                                /* a lone '-' is text */
    CHECK(text_query_parse(s, strlen(s), &q) == AK_OK && q.n == 3 && !q.items[2].exclude);
    s = "covid-19";                             /* '-' inside a word is text */
    CHECK(text_query_parse(s, strlen(s), &q) == AK_OK && q.n == 1 && !q.items[0].exclude);
    s = "x\"y z\"w";                            /* quotes split items */
    CHECK(text_query_parse(s, strlen(s), &q) == AK_OK && q.n == 3);
    CHECK(q.items[1].kind == TEXT_QUERY_PHRASE && q.items[1].n == 3);
    s = "\"\" \"   \"";                         /* empty phrases are kept as text */
    CHECK(text_query_parse(s, strlen(s), &q) == AK_OK);

    /* Longer than TEXT_QUERY_MAX: cut at a character boundary. */
    char big[2000];
    size_t n = 0;
    while (n + 3 < sizeof big) {
        memcpy(big + n, "ب", 2);                /* two bytes each, offset by one */
        n += 2;
    }
    memmove(big + 1, big, n);
    big[0] = 'x';
    n++;
    CHECK(text_query_parse(big, n, &q) == AK_OK);
    CHECK(q.cut && q.len <= TEXT_QUERY_MAX && q.len >= TEXT_QUERY_MAX - 3);
    CHECK(utf8_valid(q.text, q.len));
    /* At most TEXT_QUERY_ITEMS items. */
    char many[400] = "";
    for (int i = 0; i < 60; i++)
        memcpy(many + i * strlen("و "), "و ", strlen("و ") + 1);
    CHECK(text_query_parse(many, strlen(many), &q) == AK_OK && q.n == TEXT_QUERY_ITEMS);
    /* Invalid UTF-8 is the only error. */
    CHECK(text_query_parse("\xff", 1, &q) == AK_EINVAL && q.n == 0);
    CHECK(text_query_parse("ab\xd8", 3, &q) == AK_EINVAL);
    CHECK(text_query_parse("\xc0\xaf", 2, &q) == AK_EINVAL);
    CHECK(text_query_parse("a\0b", 3, &q) == AK_EINVAL);
}

/* ---- Markdown to plain text, and the count wording ---- */

static void test_plaintext(void)
{
    struct arena a;
    arena_init(&a, 0);
    const char *out = NULL;
    size_t n = 0;
    const char *md = "# عنوان\n\nفقرة **مهمة** مع [رابط](http://example.com/x) و`رمز`\nتتمة.\n\n"
                     "- بند\n- آخر\n\n<div>خام</div>\n\n```\nسطر 1\nسطر 2\n```\n\n> اقتباس\x01\n";
    CHECK(markdown_plaintext(&a, md, strlen(md), &out, &n) == AK_OK);
    CHECK_STR(out, "عنوان\n\nفقرة مهمة مع رابط ورمز تتمة.\n\nبند\n\nآخر\n\n"
                   "سطر 1\nسطر 2\n\nاقتباس");
    CHECK(n == strlen(out));
    CHECK(markdown_plaintext(&a, "", 0, &out, &n) == AK_OK && n == 0 && *out == '\0');
    CHECK(markdown_plaintext(&a, "\xff", 1, &out, &n) == AK_EINVAL);
    arena_reset(&a);

    arena_init(&a, 0);
    CHECK_STR(page_result_count(&a, 0), "لا توجد نتائج");
    CHECK_STR(page_result_count(&a, 1), "نتيجة واحدة");
    CHECK_STR(page_result_count(&a, 2), "نتيجتان");
    CHECK_STR(page_result_count(&a, 3), "3 نتائج");
    CHECK_STR(page_result_count(&a, 10), "10 نتائج");
    CHECK_STR(page_result_count(&a, 11), "11 نتيجة");
    CHECK_STR(page_result_count(&a, 99), "99 نتيجة");
    CHECK_STR(page_result_count(&a, 100), "100 نتيجة");
    CHECK_STR(page_result_count(&a, 103), "103 نتائج");
    CHECK_STR(page_result_count(&a, 111), "111 نتيجة");
    CHECK(STORE_SEARCH_MAX == 500);
    CHECK_STR(page_result_count(&a, STORE_SEARCH_MAX), "500 نتيجة");
    CHECK_STR(page_result_count(&a, STORE_SEARCH_MAX + 1), "أكثر من 500 نتيجة");
    CHECK_STR(page_result_count(&a, 2000), "أكثر من 500 نتيجة");
    arena_reset(&a);
}

/* ---- search ---- */

struct corpus {
    int64_t security, beirut, oil, market, school, school2, talks, draft, future, olympics,
        lede_only, old_oil;
};

static void fill(struct store *st, struct corpus *c)
{
    int64_t t = NOW - 2 * DAY;
    c->security = add(st, "قمة أمنية في عمان", "اجتماع لبحث التعاون بين الدول",
                      "ناقش المسؤولون الخطة الأمنية الجديدة للمنطقة.", "world",
                      ARTICLE_PUBLISHED, t);
    c->beirut = add(st, "الوفد يصل إلى بيروت", "زيارة رسمية",
                    "وصل الوفد ببيروت مساء أمس، والتقى ووزير الخارجية اللبناني عددًا من "
                    "المسؤولين.", "world", ARTICLE_PUBLISHED, t);
    c->oil = add(st, "ارتفاع أسعار النفط", "الأسواق تترقب",
                 "ارتفعت الأسعار في الأسواق العالمية مع تراجع المخزونات.", "economy",
                 ARTICLE_PUBLISHED, t);
    c->market = add(st, "تقرير عن الأسواق", "الأسواق تترقب",
                    "قال التقرير إن المحادثات بين المنتجين مستمرة وإن النفط محور الاهتمام.",
                    "economy", ARTICLE_PUBLISHED, t);
    c->school = add(st, "افتتاح المدرسة", "خبر قصير", "خبر قصير عن التعليم.", "culture",
                    ARTICLE_PUBLISHED, t);
    c->school2 = add(st, "افتتاح مدرسة", "خبر قصير", "خبر قصير عن التعليم.", "culture",
                     ARTICLE_PUBLISHED, t);
    c->talks = add(st, "جولة جديدة", "وفود تصل",
                   "وأكد المشاركون التزامهم بالمحادثات المقبلة.", "world", ARTICLE_PUBLISHED, t);
    c->draft = add(st, "مسودة عن النفط", "", "النفط", "economy", ARTICLE_DRAFT, t);
    c->future = add(st, "خبر مجدول عن النفط", "", "النفط", "economy", ARTICLE_PUBLISHED,
                    NOW + DAY);
    c->olympics = add(st, "الاستعداد لأولمبياد ٢٠٢٨", "برنامج للرياضيين",
                      "أعلنت اللجنة برنامجًا لإعداد الرياضيين.", "culture", ARTICLE_PUBLISHED, t);
    c->lede_only = add(st, "خبر ثقافي", "معرض للخط العربي يفتتح أبوابه",
                       "يضم أعمالًا من دول كثيرة.", "culture", ARTICLE_PUBLISHED, t);
    /* Same text as oil but a year older: the recency factor puts it after. */
    c->old_oil = add(st, "ارتفاع أسعار النفط", "الأسواق تترقب",
                     "ارتفعت الأسعار في الأسواق العالمية مع تراجع المخزونات.", "economy",
                     ARTICLE_PUBLISHED, NOW - 365 * DAY);
}

static void test_search(struct store *st, const struct corpus *c)
{
    /* Hamza, ta marbuta, diacritics, tatweel. */
    FINDS(st, "أمنية", c->security);
    FINDS(st, "امنية", c->security);
    FINDS(st, "امنيه", c->security);
    FINDS(st, "الأمنيّة", c->security);
    FINDS(st, "أمـــنية", c->security);
    FINDS(st, "مدرسه", c->school, c->school2);
    /* Clitics: the query with or without them. */
    FINDS(st, "بيروت", c->beirut);
    FINDS(st, "ببيروت", c->beirut);
    FINDS(st, "لبيروت", c->beirut);
    FINDS(st, "وزير", c->beirut);
    /* Plurals: bare محادثات finds المحادثات and بالمحادثات. */
    FINDS(st, "محادثات", c->market, c->talks);
    /* Digits: Western and Arabic-Indic. */
    FINDS(st, "2028", c->olympics);
    FINDS(st, "٢٠٢٨", c->olympics);
    /* Visibility: no drafts, nothing scheduled for later. */
    FINDS(st, "النفط", c->oil, c->market, c->old_oil);
    FINDS_NONE(st, "مسودة");
    FINDS_NONE(st, "مجدول");
    /* Terms are ANDed. */
    FINDS(st, "النفط المحادثات", c->market);
    FINDS_NONE(st, "النفط بيروت");
    /* Phrases: consecutive words, clitics allowed ("ووزير الخارجية"). */
    FINDS(st, "\"وزير الخارجية\"", c->beirut);
    FINDS_NONE(st, "\"الخارجية وزير\"");
    FINDS(st, "\"أسعار النفط\"", c->oil, c->old_oil);
    FINDS_NONE(st, "\"النفط أسعار\"");
    /* Exclusions. */
    FINDS(st, "النفط -المخزونات", c->market);
    FINDS(st, "النفط -\"أسعار النفط\"", c->market);
    FINDS_NONE(st, "النفط -المحادثات -تراجع");
    FINDS_NONE(st, "-النفط");                      /* only exclusions: nothing, no error */
    FINDS_NONE(st, "");
    FINDS_NONE(st, "   ");
    /* Stopwords are dropped beside other words, kept when alone. */
    FINDS(st, "في عمان", c->security);
    FINDS(st, "عن", c->market, c->school, c->school2);
}

static void test_ranking(struct store *st, const struct corpus *c)
{
    /* Title above body: النفط is oil's headline, market's body. */
    CHECK(ranks(st, "النفط", c->oil, c->market));
    /* The exact form above a stem-only match, each way round. */
    CHECK(ranks(st, "المدرسة", c->school, c->school2));
    CHECK(ranks(st, "مدرسة", c->school2, c->school));
    /* Equal text: the recent one first. */
    CHECK(ranks(st, "المخزونات", c->oil, c->old_oil));

    struct arena a;
    arena_init(&a, 0);
    struct search_hit *hits;
    size_t n, total;
    CHECK(store_search(st, &a, "النفط", 0, 1, &hits, &n, &total) == AK_OK);
    CHECK(n == 1 && total == 3 && hits[0].id == c->oil && hits[0].score > 0);
    CHECK_STR(hits[0].section_slug, "economy");
    CHECK(hits[0].published_at == NOW - 2 * DAY);
    CHECK(store_search(st, &a, "النفط", 1, 5, &hits, &n, &total) == AK_OK);
    CHECK(n == 2 && total == 3 && hits[0].score >= hits[1].score);
    CHECK(store_search(st, &a, "النفط", 10, 5, &hits, &n, &total) == AK_OK);
    CHECK(n == 0 && total == 3);                /* past the end: the count is still right */
    CHECK(store_search(st, &a, "النفط", 0, 0, &hits, &n, NULL) == AK_OK && n == 0);

    /* Snippets: the body around the match, marked; the lede when only it
     * matches; none when only the title does. */
    CHECK(store_search(st, &a, "المحادثات", 0, 5, &hits, &n, &total) == AK_OK && n == 2);
    for (size_t i = 0; i < n; i++) {
        CHECK(hits[i].snippet && strchr(hits[i].snippet, STORE_MARK_OPEN) &&
              strchr(hits[i].snippet, STORE_MARK_CLOSE));
        CHECK(hits[i].snippet && utf8_valid(hits[i].snippet, strlen(hits[i].snippet)));
    }
    CHECK(store_search(st, &a, "بيروت", 0, 5, &hits, &n, &total) == AK_OK && n == 1);
    CHECK_CONTAINS(hits[0].snippet, "\x01" "ببيروت" "\x02");
    CHECK(store_search(st, &a, "الخط", 0, 5, &hits, &n, &total) == AK_OK && n == 1);
    CHECK(hits[0].id == c->lede_only);
    CHECK_CONTAINS(hits[0].snippet, "\x01" "للخط" "\x02");
    CHECK(store_search(st, &a, "جولة", 0, 5, &hits, &n, &total) == AK_OK && n == 1);
    CHECK(hits[0].snippet == NULL);             /* title only: the page shows the lede */
    arena_reset(&a);
}

/* akhbar_rank() is FTS5's bm25(), positive, when every document frequency
 * is below RANK_DF_EXACT (counted, not estimated) and no phrase has two words
 * (its frequency is taken, not counted): same scores, same order. */
static void test_rank_bm25(struct store *st)
{
    static const char *const queries[] = {
        "النفط", "المدرسة", "مدرسة", "المحادثات", "النفط -المخزونات",
        "بيروت وزير", "عن",
    };
    struct arena a;
    arena_init(&a, 0);
    int64_t lo = 0, hi = 0;
    CHECK(db_rank_span(st, &lo, &hi) == AK_OK && lo > 0 && hi > lo);
    sqlite3_stmt *s = NULL;
    CHECK(sqlite3_prepare_v2(st->db,
                             "SELECT rowid, akhbar_rank(article_fts, ?2, ?3, 10.0, 4.0, 1.0), "
                             "bm25(article_fts, 10.0, 4.0, 1.0) FROM article_fts "
                             "WHERE article_fts MATCH ?1", -1, &s, NULL) == SQLITE_OK);
    for (size_t q = 0; s && q < sizeof queries / sizeof *queries; q++) {
        const char *e = expr(st, &a, queries[q]);
        CHECK(e && *e);
        sqlite3_bind_text(s, 1, e ? e : "x", -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, lo);
        sqlite3_bind_int64(s, 3, hi);
        int rows = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            double mine = sqlite3_column_double(s, 1), theirs = -sqlite3_column_double(s, 2);
            rows++;
            if (!(mine > 0 && mine > theirs - 1e-9 * theirs && mine < theirs + 1e-9 * theirs))
                fprintf(stderr, "  %s row %lld: akhbar_rank %.12g, bm25 %.12g\n", queries[q],
                        (long long)sqlite3_column_int64(s, 0), mine, theirs);
            CHECK(mine > 0 && mine > theirs - 1e-9 * theirs && mine < theirs + 1e-9 * theirs);
        }
        CHECK(rows > 0);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    arena_reset(&a);
}

/* An archive where a word is in more articles than STORE_SEARCH_MAX: the
 * count says "more than", the newest are ranked, the pages still work; a
 * phrase's document frequency past RANK_DF_EXACT is estimated within 10 %. */
static void test_many(void)
{
    char many[96];
    snprintf(many, sizeof many, "/tmp/akhbar-test-search-many-%d.db", (int)getpid());
    unlink(many);
    struct store *st = NULL;
    CHECK(store_open(many, STORE_CREATE, &st) == AK_OK);
    if (!st)
        return;
    CHECK(store_section_add(st, "world", "أخبار عالمية", NULL) == AK_OK);
    enum { N = 2400 };
    CHECK(store_begin(st) == AK_OK);
    int64_t first = 0, last = 0;
    int inserted = 0;
    for (int i = 0; i < N; i++) {
        char title[128];
        /* قمة in every article; ميناء in every third; the title word
         * "خاص" in one article, the oldest. */
        snprintf(title, sizeof title, "%s القمة رقم %d", i == 0 ? "خاص" : "تقرير", i);
        const char *body = i % 3 == 0 ? "انعقدت القمة قرب الميناء." : "انعقدت القمة.";
        struct article_in in = {
            .title = title, .body_md = body, .body_text = body,
            .section = "world", .status = ARTICLE_PUBLISHED, .published_at = NOW - (N - i) * 60,
        };
        inserted += store_article_insert(st, &in, &last) == AK_OK;
        if (i == 0)
            first = last;
    }
    CHECK(inserted == N);
    CHECK(store_commit(st) == AK_OK);
    struct arena a;
    arena_init(&a, 0);
    struct search_hit *hits;
    size_t n, total;
    CHECK(store_search(st, &a, "القمة", 0, 20, &hits, &n, &total) == AK_OK);
    CHECK(n == 20 && total == STORE_SEARCH_MAX + 1);
    /* Equal text, so the newest first: the ranked ones are the newest. */
    CHECK(n > 0 && hits[0].id == last);
    for (size_t i = 0; i < n; i++)
        CHECK(hits[i].id > last - (int64_t)STORE_SEARCH_MAX - 1);
    CHECK(store_search(st, &a, "القمة", STORE_SEARCH_MAX, 20, &hits, &n, &total) == AK_OK);
    CHECK(n == 1 && total == STORE_SEARCH_MAX + 1);
    /* A phrase in every third article: the newest 501 of them ranked. */
    CHECK(store_search(st, &a, "\"القمة قرب\"", 0, 20, &hits, &n, &total) == AK_OK);
    CHECK(n == 20 && total == STORE_SEARCH_MAX + 1);
    CHECK(n > 0 && hits[0].id == first + 2397);     /* the newest with it: N-3 */
    for (size_t i = 0; i < n; i++)
        CHECK((hits[i].id - first) % 3 == 0 && hits[i].id > last - 3 * STORE_SEARCH_MAX - 3);
    /* A rare word is found whatever its age; ANDed with a frequent one too. */
    CHECK(store_search(st, &a, "خاص", 0, 20, &hits, &n, &total) == AK_OK);
    CHECK(n == 1 && total == 1 && hits[0].id == first);
    CHECK(store_search(st, &a, "خاص القمة", 0, 20, &hits, &n, &total) == AK_OK);
    CHECK(n == 1 && total == 1 && hits[0].id == first);
    /* The newsroom's searched list is bounded the same way, drafts and all. */
    struct article_row *rows;
    struct article_filter f = { .status = -1, .query = "القمة", .limit = 20 };
    CHECK(store_article_rows(st, &a, &f, &rows, &n, &total) == AK_OK);
    CHECK(n == 20 && total == STORE_SEARCH_MAX + 1 && rows[0].id == last);
    f.query = "خاص";
    CHECK(store_article_rows(st, &a, &f, &rows, &n, &total) == AK_OK);
    CHECK(n == 1 && total == 1 && rows[0].id == first);
    f.query = "القمة";
    f.status = ARTICLE_DRAFT;
    CHECK(store_article_rows(st, &a, &f, &rows, &n, &total) == AK_OK);
    CHECK(n == 0 && total == 0);
    /* Estimated frequencies: N and N/3 articles, counted up to 1000. */
    int64_t lo = 0, hi = 0;
    CHECK(db_rank_span(st, &lo, &hi) == AK_OK);
    sqlite3_stmt *s = NULL;
    CHECK(sqlite3_prepare_v2(st->db, "SELECT akhbar_df(article_fts, ?2, ?3, 1000) "
                             "FROM article_fts WHERE article_fts MATCH ?1 LIMIT 1", -1, &s,
                             NULL) == SQLITE_OK);
    if (s) {
        sqlite3_bind_text(s, 1, "\"~قمه\" OR \"~ميناء\" OR \"خاص\"", -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, lo);
        sqlite3_bind_int64(s, 3, hi);
        CHECK(sqlite3_step(s) == SQLITE_ROW);
        const double *df = sqlite3_column_blob(s, 0);
        CHECK(df && sqlite3_column_bytes(s, 0) == 4 * (int)sizeof *df);
        if (df && sqlite3_column_bytes(s, 0) == 4 * (int)sizeof *df) {
            CHECK(df[0] == N);
            CHECK(df[1] > 0.9 * N && df[1] < 1.1 * N);
            CHECK(df[2] > 0.9 * N / 3 && df[2] < 1.1 * N / 3);
            CHECK(df[3] == 1);          /* below 1000: counted */
        }
        sqlite3_finalize(s);
    }
    arena_reset(&a);
    store_close(st);
    drop_db(many);
}

static void test_expr(struct store *st)
{
    struct arena a;
    arena_init(&a, 0);
    const char *e = expr(st, &a, "النفط");
    CHECK(e && e[0] == '(' && strstr(e, "\"النفط\"") && strstr(e, "\"~نفط\"") &&
          strstr(e, " OR "));
    e = expr(st, &a, "\"وزير الخارجية\"");
    CHECK_STR(e, "\"~وزير الخارجيه\"");        /* the later word with its article */
    e = expr(st, &a, "\"وزير خارجية\"");
    CHECK_STR(e, "\"~وزير ~خارجي\"");
    e = expr(st, &a, "النفط -أوبك");
    CHECK(e && strncmp(e, "( ", 2) == 0 && strstr(e, " ) NOT ( \"اوبك\""));
    e = expr(st, &a, "في النفط");
    CHECK(e && !strstr(e, "\"في\""));           /* the stopword is dropped */
    e = expr(st, &a, "في");
    CHECK(e && strstr(e, "\"في\""));            /* unless it is all there is */
    e = expr(st, &a, "في \"في النفط\"");
    CHECK(e && strstr(e, "\"~في النفط\"") && !strstr(e, "( \"في\""));
    e = expr(st, &a, "covid-19");               /* a split word is a phrase */
    CHECK(e && strstr(e, "\"~covid ~19\""));
    CHECK_STR(expr(st, &a, "-النفط"), "");
    CHECK_STR(expr(st, &a, ""), "");
    CHECK_STR(expr(st, &a, "\"\" ( ) * ^ : + -"), "");
    CHECK(store_search_expr(st, &a, "\xff", &e) == AK_EINVAL);
    arena_reset(&a);
}

static void test_hostile(struct store *st, const struct corpus *c)
{
    static const char *const queries[] = {
        "\"", "\"النفط", "النفط\"", "\"\"\"", "OR", "النفط OR", "OR النفط", "AND", "NOT",
        "النفط NOT", "NOT النفط", "AND OR NOT", "NEAR(", "NEAR(النفط", "NEAR(النفط الأسواق, 2)",
        "*", "النفط*", "*النفط", "^النفط", "title:النفط", "body_text : النفط", "{title}: النفط",
        "-", "--", "- -", "--النفط", "-\"", "(", ")", "((النفط))", "(النفط", "+", "النفط + أسعار",
        "'", "'; DROP TABLE article; --", "\\", "\\\"", "~نفط", "~", "\x01\x02", "\t\n\r",
        "\"النفط\" \"", "\"\" \"\"", "-\"النفط", "null", "rank", "bm25(article_fts)",
        "🙂", "ﷺ", "ـــ", "\u200c\u200d", "\xd8\xa7\xd9\x84\xd9\x86\xd9\x81\xd8\xb7",
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        int64_t ids[16];
        size_t n;
        struct arena a;
        arena_init(&a, 0);
        enum ak_err rc = search(st, queries[i], ids, &n, NULL);
        if (rc != AK_OK)
            fprintf(stderr, "  hostile query %zu (%s): %s\n", i, queries[i], ak_strerror(rc));
        CHECK(rc == AK_OK);
        const char *e = expr(st, &a, queries[i]);
        if (!expr_safe(e))
            fprintf(stderr, "  hostile query %zu: expression %s\n", i, e ? e : "(null)");
        CHECK(expr_safe(e));
        arena_reset(&a);
    }
    /* Operators are plain words: "النفط OR" is النفط AND "or". */
    FINDS_NONE(st, "NEAR(النفط");
    FINDS(st, "((النفط))", c->oil, c->market, c->old_oil);
    FINDS(st, "\"النفط", c->oil, c->market, c->old_oil);
    FINDS(st, "النفط*", c->oil, c->market, c->old_oil);
    FINDS_NONE(st, "title:النفط");

    /* Very long input: cut, never an error. */
    size_t word = strlen("النفط ");
    char *big = malloc(1500 * word + 1);
    for (int i = 0; i < 1500; i++)
        memcpy(big + (size_t)i * word, "النفط ", word + 1);
    int64_t ids[16];
    size_t n;
    CHECK(search(st, big, ids, &n, NULL) == AK_OK && n == 3);
    for (int i = 0; i < 2000; i++)
        big[i] = "\"-(*"[i % 4];
    big[2000] = '\0';
    CHECK(search(st, big, ids, &n, NULL) == AK_OK && n == 0);
    free(big);
    /* Invalid UTF-8 is the one error. */
    CHECK(search(st, "\xff\xfe", ids, &n, NULL) == AK_EINVAL && n == 0);
    CHECK(search(st, "النفط\xd8", ids, &n, NULL) == AK_EINVAL);
    CHECK(search(st, "\xed\xa0\x80", ids, &n, NULL) == AK_EINVAL);  /* a surrogate */
}

/* Results of a few queries as one string: ids and snippets in rank order. */
static char *results(struct store *st)
{
    static const char *const qs[] = { "النفط", "بيروت", "\"وزير الخارجية\"", "محادثات",
                                      "المدرسة", "الخط", "عن" };
    struct arena a;
    arena_init(&a, 0);
    size_t cap = 1 << 16, len = 0;
    char *out = calloc(1, cap);
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        struct search_hit *hits;
        size_t n, total;
        if (store_search(st, &a, qs[i], 0, 20, &hits, &n, &total) != AK_OK)
            len += (size_t)snprintf(out + len, cap - len, "error;");
        for (size_t k = 0; k < n; k++)
            len += (size_t)snprintf(out + len, cap - len, "%lld:%s;", (long long)hits[k].id,
                                    hits[k].snippet ? hits[k].snippet : "-");
        len += (size_t)snprintf(out + len, cap - len, "|");
    }
    arena_reset(&a);
    return out;
}

static void test_reindex(struct store *st)
{
    char *before = results(st);
    CHECK(!store_reindex_needed(st));
    size_t count = 0;
    CHECK(store_reindex(st, markdown_plaintext, &count) == AK_OK && count == 12);
    char *after = results(st);
    CHECK_STR(after, before);
    CHECK(fts_ok(st));
    /* A body_text that went missing is recomputed from the Markdown. */
    CHECK(sqlite3_exec(st->db, "UPDATE article SET body_text='' WHERE title='جولة جديدة'", NULL,
                       NULL, NULL) == SQLITE_OK);
    int64_t ids[16];
    size_t n;
    CHECK(search(st, "التزامهم", ids, &n, NULL) == AK_OK && n == 0);
    CHECK(store_reindex(st, markdown_plaintext, &count) == AK_OK);
    CHECK(search(st, "التزامهم", ids, &n, NULL) == AK_OK && n == 1);
    free(after);
    after = results(st);
    CHECK_STR(after, before);
    CHECK(fts_ok(st));
    free(before);
    free(after);
}

/* The index follows updates and deletes of articles (the triggers). */
static void test_triggers(struct store *st, const struct corpus *c)
{
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE article SET title='انخفاض أسعار القمح' WHERE id=%lld",
             (long long)c->old_oil);
    CHECK(sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK);
    FINDS(st, "القمح", c->old_oil);
    FINDS(st, "انخفاض", c->old_oil);
    FINDS(st, "\"أسعار النفط\"", c->oil);
    snprintf(sql, sizeof sql, "UPDATE article SET status=4 WHERE id=%lld", (long long)c->old_oil);
    CHECK(sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK);
    FINDS_NONE(st, "القمح");                     /* unpublished */
    snprintf(sql, sizeof sql, "DELETE FROM article WHERE id=%lld", (long long)c->old_oil);
    CHECK(sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK);
    FINDS_NONE(st, "القمح");
    CHECK(fts_ok(st));
    /* Text that is not UTF-8 cannot be indexed: the insert fails whole. */
    int64_t before = 0, after = 0, id;
    CHECK(store_article_count(st, &before) == AK_OK);
    struct article_in bad = { .title = "عنوان \xff", .section = "world",
                              .status = ARTICLE_PUBLISHED };
    CHECK(store_article_insert(st, &bad, &id) != AK_OK);
    CHECK(store_article_count(st, &after) == AK_OK && after == before);
    CHECK(fts_ok(st));
}

/* ---- migration from schema version 1 ---- */

static char *slurp(const char *file)
{
    FILE *f = fopen(file, "rb");
    if (!f)
        return NULL;
    char *s = calloc(1, 1 << 16);
    size_t n = fread(s, 1, (1 << 16) - 1, f);
    fclose(f);
    s[n] = '\0';
    return s;
}

static void test_migration(void)
{
    char old[96];
    snprintf(old, sizeof old, "/tmp/akhbar-test-search-v1-%d.db", (int)getpid());
    unlink(old);
    char *schema = slurp("tests/fixtures/schema-v1.sql");
    CHECK(schema != NULL);
    if (!schema)
        return;
    sqlite3 *db;
    CHECK(sqlite3_open(old, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, schema, NULL, NULL, NULL) == SQLITE_OK);
    CHECK(sqlite3_exec(db,
        "PRAGMA user_version=1;"
        "INSERT INTO setting VALUES('secret', zeroblob(32));"
        "INSERT INTO section(id, slug, name) VALUES(1, 'world', 'أخبار عالمية');"
        "INSERT INTO article(slug, title, lede, body_md, body_html, section_id, status,"
        " published_at, created_at, updated_at) VALUES"
        "('a', 'محادثات في مسقط', 'وفود من تسع دول', 'تناقش **الوفود** أمن الملاحة في بحر العرب.',"
        " '', 1, 3, 1000, 1000, 1000),"
        "('b', 'ماراثون بيروت', 'عداؤون من كينيا', 'فاز العداؤون ببطولة الماراثون.',"
        " '', 1, 3, 2000, 2000, 2000);"
        "INSERT INTO article_section VALUES(1, 1), (2, 1);", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    free(schema);

    struct store *st;
    CHECK(store_open(old, 0, &st) == AK_EINVAL);        /* an old version needs init */
    CHECK(store_open(old, STORE_CREATE, &st) == AK_OK);
    if (!st)
        return;
    int version = 0;
    sqlite3_stmt *s;
    CHECK(sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    CHECK(version == store_schema_version() && version >= 3);
    CHECK(store_reindex_needed(st));
    int64_t ids[16];
    size_t n;
    /* Titles and ledes are indexed by the migration; bodies after reindex. */
    CHECK(search(st, "مسقط", ids, &n, NULL) == AK_OK && n == 1 && ids[0] == 1);
    CHECK(search(st, "كينيا", ids, &n, NULL) == AK_OK && n == 1 && ids[0] == 2);
    CHECK(search(st, "الملاحة", ids, &n, NULL) == AK_OK && n == 0);
    CHECK(fts_ok(st));
    size_t count = 0;
    CHECK(store_reindex(st, markdown_plaintext, &count) == AK_OK && count == 2);
    CHECK(!store_reindex_needed(st));
    CHECK(search(st, "الملاحة", ids, &n, NULL) == AK_OK && n == 1 && ids[0] == 1);
    CHECK(search(st, "الوفود", ids, &n, NULL) == AK_OK && n == 1);     /* no ** in the text */
    CHECK(search(st, "\"بحر العرب\"", ids, &n, NULL) == AK_OK && n == 1);
    CHECK(search(st, "بطولة", ids, &n, NULL) == AK_OK && n == 1 && ids[0] == 2);
    CHECK(fts_ok(st));
    /* New articles are indexed as usual after the migration. */
    int64_t id = add(st, "خبر جديد عن مسقط", "", "نص", "world", ARTICLE_PUBLISHED, 3000);
    CHECK(search(st, "مسقط", ids, &n, NULL) == AK_OK && n == 2 && found(ids, n, id));
    store_close(st);
    /* Opening again migrates nothing and needs no reindex. */
    CHECK(store_open(old, STORE_CREATE, &st) == AK_OK);
    CHECK(st && !store_reindex_needed(st));
    store_close(st);

    /* A database newer than the binary is refused. */
    CHECK(sqlite3_open(old, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    CHECK(store_open(old, STORE_CREATE, &st) == AK_EINVAL);
    drop_db(old);
}

int main(void)
{
    setenv("AKHBAR_NOW", "1800000000", 1);
    test_parser();
    test_plaintext();
    snprintf(path, sizeof path, "/tmp/akhbar-test-search-%d.db", (int)getpid());
    unlink(path);
    struct store *st = NULL;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    if (!st)
        T_DONE();
    CHECK(!store_reindex_needed(st));           /* a new database is complete */
    CHECK(store_section_add(st, "world", "أخبار عالمية", NULL) == AK_OK);
    CHECK(store_section_add(st, "economy", "اقتصاد", NULL) == AK_OK);
    CHECK(store_section_add(st, "culture", "ثقافة", NULL) == AK_OK);
    struct corpus c;
    fill(st, &c);
    CHECK(fts_ok(st));
    test_expr(st);
    test_search(st, &c);
    test_ranking(st, &c);
    test_rank_bm25(st);
    test_hostile(st, &c);
    test_reindex(st);
    test_triggers(st, &c);
    store_close(st);
    /* Another connection sees the same index (the tokenizer is registered
     * on every connection). */
    CHECK(store_open(path, 0, &st) == AK_OK);
    if (st) {
        FINDS(st, "بيروت", c.beirut);
        store_close(st);
    }
    test_migration();
    test_many();
    drop_db(path);
    T_DONE();
}
