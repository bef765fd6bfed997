/*
 * test_ingest.c: the text and NDJSON parsers, and ingest_import() into a real
 * SQLite file. Run from the repository root (fixtures are read from
 * tests/fixtures/, the optional reference page from ../shared/reference/).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ingest/ingest.h"
#include "render/markdown.h"
#include "store/article.h"
#include "store/section.h"
#include "store/store.h"
#include "t.h"

#ifndef REFERENCE          /* overridable to test the skip */
#define REFERENCE "../shared/reference/000_d20af5be6fc817dc.txt"
#endif
#define FIX "tests/fixtures/"

static const struct section secs[] = {
    { 1, "world", "أخبار عالمية", 0 },
    { 2, "economy", "اقتصاد", 1 },
    { 3, "sport", "رياضة", 2 },
    { 4, "latest", "آخر الأخبار", 3 },
};
#define NSECS (sizeof secs / sizeof secs[0])

/* The whole file at path (malloc'd, NUL-terminated), or NULL. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *p = NULL;
    size_t cap = 0;
    *n = 0;
    for (;;) {
        if (*n + 4097 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *q = realloc(p, cap);
            if (!q) {
                free(p);
                fclose(f);
                return NULL;
            }
            p = q;
        }
        size_t got = fread(p + *n, 1, 4096, f);
        *n += got;
        if (got < 4096)
            break;
    }
    fclose(f);
    p[*n] = 0;
    return p;
}

/* Parse text fixture name with secs[0..nsecs). */
static enum ak_err parse_fixture(const char *name, const struct section *s, size_t ns,
                                 struct arena *a, struct article_in *out, struct ingest_diag *d)
{
    char path[256];
    snprintf(path, sizeof path, FIX "text/%s", name);
    size_t n;
    char *txt = slurp(path, &n);
    if (!txt) {
        fprintf(stderr, "FAIL cannot read %s\n", path);
        t_fail++;
        return AK_EIO;
    }
    enum ak_err rc = ingest_text_parse(txt, n, s, ns, a, out, d);
    /* The article must not point into the input. */
    memset(txt, 'x', n);
    free(txt);
    return rc;
}

static enum ak_err parse_str(const char *s, struct arena *a, struct article_in *out,
                             struct ingest_diag *d)
{
    return ingest_text_parse(s, strlen(s), secs, NSECS, a, out, d);
}

static int starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- text ---- */

static void test_text_world(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    CHECK(parse_fixture("world-nav.txt", secs, NSECS, &a, &in, &d) == AK_OK);
    CHECK_STR(in.title, "قمة المياه في جنيف تنتهي دون اتفاق ملزم وتأجيل الحسم إلى الربيع");
    CHECK(starts_with(in.lede, "اختتمت القمة الدولية للمياه"));
    CHECK(starts_with(in.body_md, "وقال رئيس القمة"));
    CHECK_CONTAINS(in.body_md, "\n\n## خلاف على آلية التحكيم\n\nوتنص المسودة");
    CHECK_CONTAINS(in.body_md, "\n\n## منظمات البيئة تنتقد بطء المفاوضات\n\n");
    CHECK_CONTAINS(in.body_md, "سيدفعون الثمن");
    CHECK(!strstr(in.body_md, "ذات صلة"));
    CHECK(!strstr(in.body_md, "اترك رد"));
    CHECK(!strstr(in.body_md, "زر الذهاب"));
    CHECK(!strstr(in.body_md, "أخبار عالمية"));
    CHECK(!strstr(in.body_md, "تأجيل الحسم"));      /* the headline is not a paragraph */
    CHECK(!strstr(in.body_md, "\n\n\n"));
    CHECK_STR(in.section, "world");                  /* first in the line, not "latest" */
    CHECK(in.status == ARTICLE_PUBLISHED);
    CHECK(in.published_at == 0);
    CHECK(in.body_html == NULL);
    CHECK(in.source == NULL);
    CHECK(in.author == NULL);
    CHECK(in.ntags == 0);

    /* The order of the section list does not matter, the order in the line does. */
    struct section rev[NSECS];
    for (size_t i = 0; i < NSECS; i++)
        rev[i] = secs[NSECS - 1 - i];
    CHECK(parse_fixture("world-nav.txt", rev, NSECS, &a, &in, &d) == AK_OK);
    CHECK_STR(in.section, "world");

    /* Without sections the run-together navigation line is still dropped. */
    CHECK(parse_fixture("world-nav.txt", NULL, 0, &a, &in, &d) == AK_OK);
    CHECK(in.section == NULL);
    CHECK_STR(in.title, "قمة المياه في جنيف تنتهي دون اتفاق ملزم وتأجيل الحسم إلى الربيع");

    /* Longest name wins at the same position. */
    struct section two[] = { { 1, "news", "أخبار", 0 }, { 2, "world", "اخبار عالميه", 1 } };
    CHECK(parse_fixture("world-nav.txt", two, 2, &a, &in, &d) == AK_OK);
    CHECK_STR(in.section, "world");
    arena_reset(&a);
}

static void test_text_no_nav(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    CHECK(parse_fixture("no-nav.txt", secs, NSECS, &a, &in, &d) == AK_OK);
    CHECK_STR(in.title, "افتتاح مكتبة عامة جديدة في حي الزيتون بعد ثلاث سنوات من الترميم");
    CHECK(starts_with(in.lede, "افتتحت البلدية صباح اليوم"));
    CHECK(starts_with(in.body_md, "وتضم المكتبة"));
    CHECK_CONTAINS(in.body_md, "\n\n## برامج للأطفال\n\n");
    CHECK(in.section == NULL);

    /* A short headline that contains a section name is not navigation. */
    CHECK(parse_str("اقتصاد الأردن ينمو بقوة\n\nسجل الاقتصاد الأردني نموا قويا في الربع "
                    "الثالث من العام.\n\nوقال وزير المالية إن النمو سيستمر.\n", &a, &in, &d)
          == AK_OK);
    CHECK_STR(in.title, "اقتصاد الأردن ينمو بقوة");
    CHECK(starts_with(in.lede, "سجل الاقتصاد"));
    CHECK(in.section == NULL);

    /* Nor is a short headline followed by a short lede. */
    CHECK(parse_str("رياضة\n\nفاز الفريق\n", &a, &in, &d) == AK_OK);
    CHECK_STR(in.title, "رياضة");
    CHECK_STR(in.lede, "فاز الفريق");

    /* One headline line, the lede right after it. */
    CHECK(parse_str("عنوان قصير للخبر\nالفقرة الأولى.\nالفقرة الثانية.", &a, &in, &d) == AK_OK);
    CHECK_STR(in.title, "عنوان قصير للخبر");
    CHECK_STR(in.lede, "الفقرة الأولى.");
    CHECK_STR(in.body_md, "الفقرة الثانية.\n");

    /* A lede that opens with the headline, or contains it, is not a repetition. */
    CHECK(parse_str("الناتو يرد على روسيا\nالناتو يرد على روسيا بعد أسابيع من المشاورات.\nفقرة.\n",
                    &a, &in, &d) == AK_OK);
    CHECK_STR(in.title, "الناتو يرد على روسيا");
    CHECK_STR(in.lede, "الناتو يرد على روسيا بعد أسابيع من المشاورات.");
    CHECK(parse_str("الناتو يرد على روسيا\nقال مسؤول في بروكسل اليوم إن الناتو يرد على روسيا "
                    "بحزم ويرفض مطالبها الأساسية كلها في الرسالة المكتوبة التي سلمت أمس\nفقرة.\n",
                    &a, &in, &d) == AK_OK);
    CHECK_STR(in.title, "الناتو يرد على روسيا");
    CHECK(starts_with(in.lede, "قال مسؤول"));

    /* Lede only: empty body. */
    CHECK(parse_str("العنوان\n\nالمقدمة وحدها.\n", &a, &in, &d) == AK_OK);
    CHECK_STR(in.body_md, "");
    arena_reset(&a);
}

static void test_text_crlf(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    CHECK(parse_fixture("crlf.txt", secs, NSECS, &a, &in, &d) == AK_OK);
    CHECK_STR(in.title, "المنتخب الوطني يتأهل إلى نصف نهائي البطولة العربية بعد فوز صعب");
    CHECK(starts_with(in.lede, "فاز المنتخب الوطني"));
    CHECK(!strchr(in.title, '\r') && !strchr(in.lede, '\r') && !strchr(in.body_md, '\r'));
    CHECK_STR(in.section, "sport");                  /* "الرئيسية » رياضة" */
    CHECK(!strstr(in.lede, "شارك") && !strstr(in.body_md, "شارك"));
    CHECK(!strstr(in.body_md, "اقرأ"));
    CHECK(!strstr(in.body_md, "مدرب المنتخب يعلن"));  /* the "read also" link */
    CHECK_CONTAINS(in.body_md, "\n\n## موعد المباراة المقبلة\n\n");
    CHECK(!strstr(in.body_md, "الوسوم"));
    CHECK(!strstr(in.body_md, "ذات صلة"));
    CHECK(!strstr(in.body_md, "اترك"));
    CHECK(!strstr(in.body_md, "العودة"));
    CHECK(in.ntags == 3);
    if (in.ntags == 3) {
        CHECK_STR(in.tags[0], "كرة القدم");
        CHECK_STR(in.tags[1], "البطولة العربية");
        CHECK_STR(in.tags[2], "المنتخب الوطني");
    }
    CHECK(starts_with(in.body_md, "وسجل المهاجم"));
    CHECK_CONTAINS(in.body_md, "الملعب نفسه.\n");
    arena_reset(&a);
}

static void test_text_economy(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    CHECK(parse_fixture("economy-nav.txt", secs, NSECS, &a, &in, &d) == AK_OK);
    CHECK_STR(in.section, "economy");
    CHECK_STR(in.title, "البنك المركزي يثبت أسعار الفائدة للمرة الثالثة على التوالي");
    CHECK_STR(in.author, "سلمى الخطيب");
    CHECK(starts_with(in.lede, "قرر البنك المركزي"));
    CHECK_STR(in.source, "الأناضول");
    CHECK_CONTAINS(in.body_md, "\n\n## قراءة الأسواق\n\n");
    CHECK(!strstr(in.body_md, "Share"));
    CHECK(!strstr(in.body_md, "بقلم"));
    CHECK(!strstr(in.body_md, "الرئيسية"));
    arena_reset(&a);
}

static void test_text_chrome(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    /* Chrome variants at the end with no blank lines, spelled with harakat and tatweel. */
    CHECK(parse_str("العنوان الرئيسي للخبر\nالمقدمة هنا.\nفقرة أولى من النص.\n"
                    "مقالات ذات صلة\nعنوان مقال آخر\nعنوان مقال ثالث\nاترك تعليقاً\n"
                    "الاسم\nالبريد الإلكتروني\nزر الذهـاب إلى الأعلى\n", &a, &in, &d) == AK_OK);
    CHECK_STR(in.body_md, "فقرة أولى من النص.\n");
    CHECK(parse_str("العنوان\nالمقدمة هنا.\nفقرة.\nأضف تعليق\n", &a, &in, &d) == AK_OK);
    CHECK_STR(in.body_md, "فقرة.\n");
    CHECK(parse_str("العنوان\nالمقدمة هنا.\nفقرة.\nBack to top\n", &a, &in, &d) == AK_OK);
    CHECK_STR(in.body_md, "فقرة.\n");
    CHECK(parse_str("العنوان\nالمقدمة هنا.\nفقرة.\nاترك ردا\n", &a, &in, &d) == AK_OK);
    CHECK_STR(in.body_md, "فقرة.\n");
    CHECK(parse_str("العنوان\nالمقدمة هنا.\nفقرة.\nأخبار ذات صلة:\nخبر\n", &a, &in, &d) == AK_OK);
    CHECK_STR(in.body_md, "فقرة.\n");
    /* Share bars anywhere, "read also" on one line. */
    CHECK(parse_str("العنوان\nفيسبوك تويتر واتساب\nالمقدمة هنا.\nإقرأ أيضاً: خبر آخر مهم\n"
                    "فقرة.\nشارك\nفقرة ثانية.\n", &a, &in, &d) == AK_OK);
    CHECK_STR(in.lede, "المقدمة هنا.");
    CHECK_STR(in.body_md, "فقرة.\n\nفقرة ثانية.\n");
    /* Tags as a label and short lines. */
    CHECK(parse_str("العنوان\nالمقدمة هنا.\nفقرة.\nTags\nروسيا\nالناتو\n", &a, &in, &d)
          == AK_OK);
    CHECK_STR(in.body_md, "فقرة.\n");
    CHECK(in.ntags == 2);
    /* A "read also" label does not swallow the chrome label after it. */
    CHECK(parse_str("العنوان\nالمقدمة هنا.\nفقرة.\nاقرأ أيضا\nمقالات ذات صلة\nخبر آخر\n", &a,
                    &in, &d) == AK_OK);
    CHECK_STR(in.body_md, "فقرة.\n");
    /* A paragraph that merely mentions a label is kept. */
    CHECK(parse_str("العنوان\nالمقدمة هنا.\nالوسوم التي اختارها المحرر كثيرة: منها السياسة.\n",
                    &a, &in, &d) == AK_OK);
    CHECK_STR(in.body_md, "الوسوم التي اختارها المحرر كثيرة: منها السياسة.\n");
    CHECK(in.ntags == 0);
    CHECK(parse_str("العنوان\nالمقدمة هنا.\nالتعليقات على القرار جاءت سريعة.\nفقرة.\n", &a, &in,
                    &d) == AK_OK);
    CHECK_STR(in.body_md, "التعليقات على القرار جاءت سريعة.\n\nفقرة.\n");
    /* A date line after the headline is skipped. */
    CHECK(parse_str("العنوان\nالخميس 27 يناير 2022 - 10:30 ص\nالمقدمة هنا.\nفقرة.\n", &a,
                    &in, &d) == AK_OK);
    CHECK_STR(in.lede, "المقدمة هنا.");
    /* Navigation with harakat and tatweel still names its section. */
    CHECK(parse_str("أخبارٌ عالمـيّة\n\nعنوان الخبر هنا\n\nالفقرة الأولى من الخبر.\n", &a, &in,
                    &d) == AK_OK);
    CHECK_STR(in.section, "world");
    CHECK_STR(in.title, "عنوان الخبر هنا");
    arena_reset(&a);
}

/* The importer compares labels and names with the search analyzer's fold
 * (text/chars.h): ة and ه, ى and ي, ؤ and و are one letter, and the marks
 * U+0610-061A are dropped as the other diacritics are. */
static void test_text_fold(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    /* A chrome label with a small high mark (U+0618) still ends the article:
     * the old fold kept U+0610-061A, so this label stayed in the body. */
    CHECK(parse_str("العنوان\nالمقدمة هنا.\nفقرة.\nمقالات ذات ص\u0618لة\nخبر آخر\n", &a, &in,
                    &d) == AK_OK);
    CHECK_STR(in.body_md, "فقرة.\n");
    /* ؤ written as و names the same section (the old fold told them apart). */
    struct section conf[] = { { 1, "conferences", "مؤتمرات", 0 } };
    const char *s = "موتمرات\n\nعنوان الخبر هنا\n\nالفقرة الأولى من الخبر.\n";
    CHECK(ingest_text_parse(s, strlen(s), conf, 1, &a, &in, &d) == AK_OK);
    CHECK_STR(in.section, "conferences");
    CHECK_STR(in.title, "عنوان الخبر هنا");
    /* ة and ه, ى and ي, as readers type them, still match. */
    struct section world[] = { { 1, "world", "أخبار عالمية", 0 } };
    s = "أخبار عالميه\n\nعنوان الخبر هنا\n\nالمقدمة هنا.\nفقرة.\nزر الذهاب إلى الأعلي\n";
    CHECK(ingest_text_parse(s, strlen(s), world, 1, &a, &in, &d) == AK_OK);
    CHECK_STR(in.section, "world");
    CHECK_STR(in.body_md, "فقرة.\n");
    /* Words run together after a final ة are still found once ة is folded. */
    s = "الرئيسيةأخبار عالمية\n\nعنوان الخبر هنا\n\nالفقرة الأولى من الخبر.\n";
    CHECK(ingest_text_parse(s, strlen(s), world, 1, &a, &in, &d) == AK_OK);
    CHECK_STR(in.section, "world");
    CHECK_STR(in.title, "عنوان الخبر هنا");
    arena_reset(&a);
}

static void test_text_headings(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    const char *long1 = "هذه فقرة طويلة بما يكفي لتكون فقرة حقيقية في نص الخبر وليست عنوانا "
                        "فرعيا قصيرا";
    char page[2048];
    /* Runs of short lines stay paragraphs; so does a short last line. */
    snprintf(page, sizeof page, "العنوان\nالمقدمة.\n%s\nسطر قصير\nسطر قصير آخر\n%s\n"
             "عنوان فرعي\n%s\nخاتمة قصيرة\n", long1, long1, long1);
    CHECK(parse_str(page, &a, &in, &d) == AK_OK);
    CHECK(!strstr(in.body_md, "## سطر"));
    CHECK_CONTAINS(in.body_md, "\n\n## عنوان فرعي\n\n");
    CHECK(!strstr(in.body_md, "## خاتمة"));
    /* A short line right after the lede is a subheading. */
    snprintf(page, sizeof page, "العنوان\nالمقدمة.\nعنوان بعد المقدمة\n%s\n", long1);
    CHECK(parse_str(page, &a, &in, &d) == AK_OK);
    CHECK(starts_with(in.body_md, "## عنوان بعد المقدمة\n\n"));
    arena_reset(&a);
}

static void test_text_escape(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    CHECK(parse_str("العنوان\nالمقدمة.\n* نجمة في أول السطر.\n# ليس عنوانا بل فقرة.\n"
                    "<b>وسم</b> في النص.\n1. ليس قائمة.\nكلمة_تحتها_خط و`شيفرة` و[رابط](x).\n"
                    "> ليس اقتباسا.\n- ولا قائمة.\nرقم 2026. في الوسط و & رمز.\n", &a, &in, &d)
          == AK_OK);
    CHECK_CONTAINS(in.body_md, "\\* نجمة");
    CHECK_CONTAINS(in.body_md, "\\# ليس");
    CHECK_CONTAINS(in.body_md, "\\<b>وسم\\</b>");
    CHECK_CONTAINS(in.body_md, "1\\. ليس");
    CHECK_CONTAINS(in.body_md, "كلمة\\_تحتها\\_خط و\\`شيفرة\\` و\\[رابط\\](x)");
    CHECK_CONTAINS(in.body_md, "\\> ليس");
    CHECK_CONTAINS(in.body_md, "\\- ولا");
    CHECK_CONTAINS(in.body_md, "رقم 2026. في");
    CHECK_CONTAINS(in.body_md, "\\& رمز");
    CHECK_STR(in.title, "العنوان");
    /* What cmark makes of it: text, no formatting. */
    const struct html_safe *h = NULL;
    CHECK(markdown_render(&a, in.body_md, strlen(in.body_md), &h) == AK_OK);
    const char *html = html_safe_str(h);
    static const char *const tags[] = {
        "<em", "<strong", "<b>", "<h", "<ol", "<ul", "<li", "<blockquote", "<code", "<a ", NULL
    };
    for (size_t i = 0; html && tags[i]; i++)
        CHECK(!strstr(html, tags[i]));
    CHECK_CONTAINS(html, "&lt;b&gt;");
    CHECK_CONTAINS(html, "<p>1. ليس قائمة.</p>");
    /* Headings escape # too (a trailing # run would be eaten by cmark). */
    CHECK(parse_str("العنوان\nالمقدمة.\nلغة C#\nفقرة طويلة تشرح لغة البرمجة وتاريخها واستخداماتها "
                    "الكثيرة في الأنظمة.\n", &a, &in, &d) == AK_OK);
    CHECK(starts_with(in.body_md, "## لغة C\\#\n"));
    CHECK(markdown_render(&a, in.body_md, strlen(in.body_md), &h) == AK_OK);
    html = html_safe_str(h);
    CHECK_CONTAINS(html, "<h2>لغة C#</h2>");
    /* Control characters become spaces. */
    CHECK(parse_str("عنوان\x01مع رمز\nالمقدمة\x7f.\nفقرة\x02.\n", &a, &in, &d) == AK_OK);
    CHECK_STR(in.title, "عنوان مع رمز");
    CHECK_STR(in.lede, "المقدمة .");
    CHECK_STR(in.body_md, "فقرة .\n");
    arena_reset(&a);
}

static void test_text_errors(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    CHECK(parse_fixture("bad-utf8.txt", secs, NSECS, &a, &in, &d) == AK_EINVAL);
    CHECK(d.line == 3);
    CHECK_CONTAINS(d.msg, "UTF-8");
    CHECK(parse_fixture("empty.txt", secs, NSECS, &a, &in, &d) == AK_EINVAL);
    CHECK_CONTAINS(d.msg, "no headline");
    CHECK(parse_str(" \n\t\r\n\xC2\xA0\n\n", &a, &in, &d) == AK_EINVAL);
    CHECK_CONTAINS(d.msg, "no headline");
    CHECK(ingest_text_parse("abc\0def", 7, secs, NSECS, &a, &in, &d) == AK_EINVAL);
    CHECK(parse_str("مقالات ذات صلة\nشارك\n", &a, &in, &d) == AK_EINVAL);
    CHECK(parse_str("عنوان وحيد بلا نص\n\n", &a, &in, &d) == AK_EINVAL);
    CHECK_CONTAINS(d.msg, "body");
    CHECK(d.line == 1);
    char big[700];
    memset(big, 'a', 600);
    memcpy(big + 600, "\nlede.\n", 8);
    CHECK(parse_str(big, &a, &in, &d) == AK_EINVAL);
    CHECK_CONTAINS(d.msg, "title");
    arena_reset(&a);
}

/* Line k (0-based, counting blank lines) of s, copied into the arena. */
static char *nth_line(struct arena *a, const char *s, size_t k)
{
    while (k > 0 && (s = strchr(s, '\n')) != NULL) {
        s++;
        k--;
    }
    return s ? arena_strndup(a, s, strcspn(s, "\r\n")) : NULL;
}

/* The saved page in ../shared/reference. Its text is not copied here: the
 * expected headlines and paragraphs are read from the page at run time. */
static void test_text_reference(void)
{
    size_t n;
    char *txt = slurp(REFERENCE, &n);
    if (!txt) {
        printf("skip: reference absent\n");
        return;
    }
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    const struct section ref[] = { { 1, "world", "أخبار عالمية", 0 } };
    /* The page: navigation, blank, headline, blank, longer headline, lede, blank, paragraph. */
    char *nav = nth_line(&a, txt, 0), *h1 = nth_line(&a, txt, 2), *h2 = nth_line(&a, txt, 4);
    char *para = nth_line(&a, txt, 7);
    CHECK(nav && h1 && h2 && para && strlen(h2) > strlen(h1) && starts_with(h2, h1));
    CHECK(ingest_text_parse(txt, n, ref, 1, &a, &in, &d) == AK_OK);
    CHECK_STR(in.title, h2);
    CHECK(starts_with(in.lede, "أرسلت دول الناتو"));
    CHECK(para && starts_with(in.body_md, para));
    CHECK_CONTAINS(in.body_md, "\n\n## روسيا تدعو إلى إنهاء توسع الناتو شرقاً\n\n");
    CHECK(in.body_md && !strstr(in.body_md, "مقالات ذات صلة"));
    CHECK(in.body_md && !strstr(in.body_md, "اترك رد"));
    CHECK(in.body_md && !strstr(in.body_md, "زر الذهاب"));
    CHECK(in.body_md && nav && !strstr(in.body_md, nav));
    CHECK(in.body_md && h1 && !strstr(in.body_md, h1));
    CHECK_STR(in.section, "world");
    CHECK_STR(in.source, "انترفاكس");
    /* Exactly one subheading; the unpunctuated last paragraph stays a paragraph. */
    const char *h = in.body_md ? strstr(in.body_md, "## ") : NULL;
    CHECK(h && !strstr(h + 3, "## "));
    /* Every line of the page is in the article but the chrome at both ends. */
    size_t lines = 0, found = 0;
    for (size_t k = 5; k < 40; k++) {
        char *l = nth_line(&a, txt, k);
        if (!l || !*l || strstr(l, "ذات صلة") || strstr(l, "اترك") || strstr(l, "زر "))
            continue;
        lines++;
        found += strstr(in.body_md ? in.body_md : "", l) || strstr(in.lede ? in.lede : "", l);
    }
    CHECK(lines >= 8 && found == lines);
    free(txt);
    arena_reset(&a);
}

/* ---- ndjson ---- */

static enum ak_err nd(const char *line, struct arena *a, struct article_in *in,
                      struct ingest_diag *d)
{
    return ingest_ndjson_parse(line, strlen(line), a, in, d);
}

/* Parse {"title":"t","body":"b",FIELD} and return its published_at, or -1 on error. */
static int64_t nd_time(const char *value, struct arena *a, struct ingest_diag *d)
{
    char line[256];
    struct article_in in;
    snprintf(line, sizeof line, "{\"title\":\"t\",\"body\":\"b\",\"published_at\":%s}", value);
    if (ingest_ndjson_parse(line, strlen(line), a, &in, d) != AK_OK)
        return -1;
    return in.published_at;
}

/* Expect line to fail with AK_EINVAL and a message containing want. */
static void nd_bad(const char *line, const char *want)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    enum ak_err rc = nd(line, &a, &in, &d);
    if (rc != AK_EINVAL)
        fprintf(stderr, "  for: %s\n", line);
    CHECK(rc == AK_EINVAL);
    CHECK_CONTAINS(d.msg, want);
    CHECK(in.title == NULL);
    arena_reset(&a);
}

static void test_ndjson_good(void)
{
    size_t n;
    char *txt = slurp(FIX "ndjson/good.ndjson", &n);
    CHECK(txt != NULL);
    if (!txt)
        return;
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    char *nl = strchr(txt, '\n');
    CHECK(ingest_ndjson_parse(txt, (size_t)(nl - txt), &a, &in, &d) == AK_OK);
    memset(txt, ' ', n);                /* nothing may point into the input */
    free(txt);
    CHECK_STR(in.title, "انطلاق معرض الكتاب الدولي بمشاركة ثلاثين دولة");
    CHECK_STR(in.slug, "book-fair-opens");
    CHECK_STR(in.lede, "افتتح معرض الكتاب الدولي أبوابه صباح اليوم.");
    CHECK_CONTAINS(in.body_md, "\n\n## برنامج ثقافي\n\n");
    CHECK_STR(in.section, "world");
    CHECK(in.ntags == 2);
    if (in.ntags == 2)
        CHECK_STR(in.tags[1], "معارض الكتب");
    CHECK_STR(in.author, "ليلى حداد");
    CHECK_STR(in.source, "وكالة الأنباء");
    CHECK(in.published_at == 1795162500);
    CHECK(in.status == ARTICLE_PUBLISHED);
    CHECK(in.body_html == NULL);

    CHECK(nd("{\"title\":\"a\",\"body\":\"b\",\"sections\":[\"world\",\"sport\"],"
             "\"comments\":[{\"author\":\"x\",\"body\":\"y\\nz\",\"created_at\":"
             "\"2026-11-20T08:15:00Z\"},{\"author\":\"p\",\"body\":\"q\"}],"
             "\"status\":\"draft\",\"whatever\":[1,2]}", &a, &in, &d) == AK_OK);
    CHECK(in.section == NULL);
    CHECK(in.nsections == 2);
    if (in.nsections == 2)
        CHECK_STR(in.sections[1], "sport");
    CHECK(in.ncomments == 2);
    if (in.ncomments == 2) {
        CHECK_STR(in.comments[0].body, "y\nz");
        CHECK(in.comments[0].created_at == 1795162500);
        CHECK(in.comments[1].created_at == 0);
    }
    CHECK(in.status == ARTICLE_DRAFT);
    CHECK(in.lede == NULL && in.author == NULL && in.published_at == 0);
    CHECK(nd("{\"title\":\"a\",\"body\":\"b\",\"lede\":null,\"tags\":null,\"author\":null}",
             &a, &in, &d) == AK_OK);
    CHECK(in.lede == NULL && in.ntags == 0);
    CHECK(nd(" {\"title\":\"a\",\"body\":\"b\"} ", &a, &in, &d) == AK_OK);
    arena_reset(&a);
}

static void test_ndjson_time(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct ingest_diag d;
    CHECK(nd_time("\"2026-11-20T08:15:00Z\"", &a, &d) == 1795162500);
    CHECK(nd_time("\"2026-11-21T10:00:00+03:00\"", &a, &d) == 1795244400);
    CHECK(nd_time("\"2026-11-21T10:00:00+0300\"", &a, &d) == 1795244400);
    CHECK(nd_time("\"2026-11-21T10:00:00+03\"", &a, &d) == 1795244400);
    CHECK(nd_time("\"2026-11-20T08:15:00-05:30\"", &a, &d) == 1795182300);
    CHECK(nd_time("\"2026-11-20T08:15:00.123Z\"", &a, &d) == 1795162500);
    CHECK(nd_time("\"2026-11-20T08:15:00.123456+00:00\"", &a, &d) == 1795162500);
    CHECK(nd_time("\"2026-11-20 08:15:00\"", &a, &d) == 1795162500);
    CHECK(nd_time("\"2026-11-20T08:15Z\"", &a, &d) == 1795162500);
    CHECK(nd_time("\"2026-11-20\"", &a, &d) == 1795132800);
    CHECK(nd_time("\"2024-02-29T13:35:00Z\"", &a, &d) == 1709213700);
    CHECK(nd_time("\"2000-02-29\"", &a, &d) == 951782400);
    CHECK(nd_time("1795162500", &a, &d) == 1795162500);
    CHECK(nd_time("null", &a, &d) == 0);
    static const char *const bad[] = {
        "\"2026-02-30T00:00:00Z\"", "\"2025-02-29\"", "\"1900-02-29\"", "\"2026-13-01\"",
        "\"2026-00-10\"", "\"2026-11-20T24:00:00Z\"", "\"2026-11-20T08:60:00Z\"",
        "\"2026-11-20T08:15:61Z\"", "\"2026-11-20T08:15:00+3\"", "\"2026-11-20T08:15:00+24:00\"",
        "\"2026-11-20T08:15:00.Z\"", "\"2026-11-20T08:15:00Zjunk\"", "\"26-11-20\"",
        "\"2026-1-20\"", "\"yesterday\"", "\"\"", "\"1850-01-01\"", "\"2026-11-20T\"",
        "true", "1.5", "-5", "[]", NULL
    };
    for (size_t i = 0; bad[i]; i++) {
        int64_t t = nd_time(bad[i], &a, &d);
        if (t != -1)
            fprintf(stderr, "  accepted: %s\n", bad[i]);
        CHECK(t == -1);
        CHECK_CONTAINS(d.msg, "published_at");
    }
    arena_reset(&a);
}

static void test_ndjson_errors(void)
{
    nd_bad("{\"body\":\"b\"}", "title: required");
    nd_bad("{\"title\":null,\"body\":\"b\"}", "title: required");
    nd_bad("{\"title\":\"  \",\"body\":\"b\"}", "title: empty");
    nd_bad("{\"title\":5,\"body\":\"b\"}", "title: expected a string");
    nd_bad("{\"title\":\"a\\nb\",\"body\":\"b\"}", "title: contains a control character");
    nd_bad("{\"title\":\"t\"}", "body: required");
    nd_bad("{\"title\":\"t\",\"body\":\"\"}", "body: empty");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"tags\":\"x\"}", "tags: expected an array of strings");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"x\",1]}",
           "tags: expected an array of strings");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"\"]}", "tags[0]: empty");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"sections\":{}}",
           "sections: expected an array of strings");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"section\":[\"world\"]}",
           "section: expected a string");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"section\":\"\"}", "section: empty");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"author\":7}", "author: expected a string");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"source\":false}", "source: expected a string");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"lede\":{}}", "lede: expected a string");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"comments\":{}}",
           "comments: expected an array of objects");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"comments\":[\"x\"]}",
           "comments[0]: expected an object");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"comments\":[{\"author\":\"a\",\"body\":\"b\"},"
           "{\"author\":\"a\"}]}", "comments[1].body: required");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"comments\":[{\"author\":\"a\",\"body\":\"b\","
           "\"created_at\":\"soon\"}]}", "comments[0].created_at: invalid ISO 8601");
    nd_bad("{\"title\":\"t\",\"body\":\"b\",\"status\":\"bogus\"}", "status: unknown");
    nd_bad("{\"title\":\"t\",\"title\":\"u\",\"body\":\"b\"}", "json: ");
    nd_bad("{\"title\":\"t\\u0000\",\"body\":\"b\"}", "json: ");
    nd_bad("[{\"title\":\"t\",\"body\":\"b\"}]", "record: expected a JSON object");
    nd_bad("{\"title\":\"t\",\"body\":\"b\"", "json: ");
    nd_bad("{\"title\":\"t\",\"body\":\"b\"} {}", "json: ");
    nd_bad("", "json: ");
    nd_bad("\"just a string\"", "json: ");

    /* Size limits. */
    char line[1200];
    char title[600];
    memset(title, 'x', 501);
    title[501] = 0;
    snprintf(line, sizeof line, "{\"title\":\"%s\",\"body\":\"b\"}", title);
    nd_bad(line, "title: 501 bytes, more than 500");
    title[500] = 0;
    snprintf(line, sizeof line, "{\"title\":\"%s\",\"body\":\"b\"}", title);
    struct arena a;
    arena_init(&a, 0);
    struct article_in in;
    struct ingest_diag d;
    CHECK(nd(line, &a, &in, &d) == AK_OK);
    size_t big = (1 << 20) + 1;
    char *body = malloc(big + 64);
    if (body) {
        memcpy(body, "{\"title\":\"t\",\"body\":\"", 21);
        memset(body + 21, 'y', big);
        memcpy(body + 21 + big, "\"}", 3);
        nd_bad(body, "body: 1048577 bytes, more than 1048576");
        free(body);
    }
    /* Invalid UTF-8 never gets through. */
    nd_bad("{\"title\":\"\xff\",\"body\":\"b\"}", "json: ");
    arena_reset(&a);
}

/* ---- ingest_import ---- */

static char tmpdir[64];
static int ndb;

/* A new empty database with the test sections; NULL on failure. */
static struct store *open_db(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/db%d.sqlite", tmpdir, ++ndb);
    struct store *st = NULL;
    if (store_open(path, STORE_CREATE, &st) != AK_OK)
        return NULL;
    for (size_t i = 0; i < 3; i++)
        if (store_section_add(st, secs[i].slug, secs[i].name, NULL) != AK_OK) {
            store_close(st);
            return NULL;
        }
    return st;
}

static int64_t count(struct store *st)
{
    int64_t n = -1;
    if (store_article_count(st, &n) != AK_OK)
        return -1;
    return n;
}

/* Run ingest_import and capture what it reports in *msgs (malloc'd). */
static enum ak_err run_import(struct store *st, const char *path, enum ingest_format fmt,
                              const char *section, int strict, struct ingest_report *rep,
                              char **msgs)
{
    size_t len;
    FILE *err = open_memstream(msgs, &len);
    enum ak_err rc = ingest_import(st, path, fmt, section, strict, err, rep);
    fclose(err);
    return rc;
}

/* Write s into a new file in tmpdir and return its path (static storage). */
static const char *write_tmp(const char *name, const char *s)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return path;
    fputs(s, f);
    fclose(f);
    return path;
}

static void test_import_ndjson(void)
{
    struct ingest_report rep;
    char *msgs = NULL;
    struct store *st = open_db();
    CHECK(st != NULL);
    if (!st)
        return;

    CHECK(run_import(st, FIX "ndjson/good.ndjson", INGEST_NDJSON, NULL, 0, &rep, &msgs)
          == AK_OK);
    CHECK(rep.imported == 3 && rep.failed == 0);
    CHECK(count(st) == 3);
    CHECK_STR(msgs, "");
    free(msgs);

    /* The bad records are reported with their lines and skipped. */
    CHECK(run_import(st, FIX "ndjson/mixed.ndjson", INGEST_NDJSON, NULL, 0, &rep, &msgs)
          == AK_OK);
    CHECK(rep.imported == 2 && rep.failed == 3);
    CHECK(count(st) == 5);
    CHECK_CONTAINS(msgs, "tests/fixtures/ndjson/mixed.ndjson:2: json: ");
    CHECK_CONTAINS(msgs, "mixed.ndjson:3: section: unknown section 'xyz'\n");
    CHECK_CONTAINS(msgs, "mixed.ndjson:4: title: required\n");
    CHECK(!strstr(msgs, ":1:") && !strstr(msgs, ":5:"));
    free(msgs);

    /* Strict: the first bad record rolls back the file. */
    CHECK(run_import(st, FIX "ndjson/mixed.ndjson", INGEST_NDJSON, NULL, 1, &rep, &msgs)
          == AK_EINVAL);
    CHECK(rep.imported == 0 && rep.failed == 1);
    CHECK(count(st) == 5);
    CHECK_CONTAINS(msgs, "mixed.ndjson:2: json: ");
    CHECK(!strstr(msgs, ":3:"));
    free(msgs);

    /* Garbage is reported, not imported. */
    CHECK(run_import(st, FIX "ndjson/corrupt.ndjson", INGEST_NDJSON, NULL, 0, &rep, &msgs)
          == AK_OK);
    CHECK(rep.imported == 0 && rep.failed == 3);
    CHECK(count(st) == 5);
    CHECK_CONTAINS(msgs, "corrupt.ndjson:1: json: ");
    CHECK_CONTAINS(msgs, "corrupt.ndjson:3: json: ");
    for (const char *p = msgs; p && *p; p++)
        CHECK((unsigned char)*p >= 0x20 || *p == '\n');
    free(msgs);
    store_close(st);
}

static void test_import_sections(void)
{
    struct ingest_report rep;
    char *msgs = NULL;
    struct store *st = open_db();
    CHECK(st != NULL);
    if (!st)
        return;
    const char *p = write_tmp("nosec.ndjson",
                              "{\"title\":\"خبر بلا قسم\",\"body\":\"نص.\"}\n\n"
                              "{\"title\":\"خبر في قسمين\",\"body\":\"نص.\",\"section\":\"world\","
                              "\"sections\":[\"nope\"]}\r\n");
    CHECK(run_import(st, p, INGEST_NDJSON, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 0 && rep.failed == 2);
    CHECK_CONTAINS(msgs, "nosec.ndjson:1: section: required");
    CHECK_CONTAINS(msgs, "nosec.ndjson:3: sections: unknown section 'nope'");
    free(msgs);

    /* An override section applies to every record... */
    p = write_tmp("nosec2.ndjson",
                  "{\"title\":\"خبر بلا قسم\",\"body\":\"نص.\"}\n"
                  "{\"title\":\"خبر في قسم\",\"body\":\"نص.\",\"section\":\"xyz\"}\n");
    CHECK(run_import(st, p, INGEST_NDJSON, "sport", 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 2 && rep.failed == 0);
    CHECK(count(st) == 2);
    free(msgs);
    /* ...and must exist. */
    CHECK(run_import(st, p, INGEST_NDJSON, "nowhere", 0, &rep, &msgs) == AK_EINVAL);
    CHECK_CONTAINS(msgs, "section: unknown section 'nowhere'");
    CHECK(count(st) == 2);
    free(msgs);

    /* A file that cannot be read. */
    CHECK(run_import(st, "tests/fixtures/ndjson/no-such-file.ndjson", INGEST_NDJSON, NULL, 0,
                     &rep, &msgs) == AK_EIO);
    CHECK_CONTAINS(msgs, "no-such-file.ndjson: cannot open");
    free(msgs);

    /* More records than one batch, a bad one in the middle. */
    p = write_tmp("many.ndjson", "");
    FILE *f = fopen(p, "wb");
    for (int i = 1; f && i <= 600; i++)
        fprintf(f, "{\"title\":\"خبر رقم %d\",\"body\":\"نص.\",\"section\":\"%s\"}\n", i,
                i == 300 ? "nope" : "economy");
    if (f)
        fclose(f);
    int64_t before = count(st);
    CHECK(run_import(st, p, INGEST_NDJSON, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 599 && rep.failed == 1);
    CHECK(count(st) == before + 599);
    CHECK_CONTAINS(msgs, "many.ndjson:300: section: unknown section 'nope'");
    free(msgs);
    CHECK(run_import(st, p, INGEST_NDJSON, NULL, 1, &rep, &msgs) == AK_EINVAL);
    CHECK(rep.imported == 0 && rep.failed == 1);
    CHECK(count(st) == before + 599);
    free(msgs);

    /* If the store rejects a record mid-batch (today's store accepts duplicate
     * slugs; a stricter one would not), the others survive. */
#define REC(t, slug) "{\"title\":\"" t "\",\"slug\":\"" slug "\",\"body\":\"نص.\"," \
                         "\"section\":\"world\"}\n"
    p = write_tmp("dup.ndjson", REC("الأول", "dup-slug") REC("الثاني", "other-slug")
                                REC("الثالث", "dup-slug") REC("الرابع", "fourth-slug"));
#undef REC
    before = count(st);
    CHECK(run_import(st, p, INGEST_NDJSON, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported + rep.failed == 4);
    CHECK(rep.imported >= 3);
    CHECK(count(st) == before + (int64_t)rep.imported);
    if (rep.failed)
        CHECK_CONTAINS(msgs, "dup.ndjson:3: slug: ");
    free(msgs);
    store_close(st);
}

static void test_import_text(void)
{
    struct ingest_report rep;
    char *msgs = NULL;
    struct store *st = open_db();
    CHECK(st != NULL);
    if (!st)
        return;
    struct arena a;
    arena_init(&a, 0);
    struct section sec;

    CHECK(run_import(st, FIX "text/world-nav.txt", INGEST_TEXT, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 1 && rep.failed == 0);
    CHECK(count(st) == 1);
    CHECK_STR(msgs, "");
    free(msgs);
    CHECK(store_section_by_slug(st, &a, "general", &sec) == AK_ENOTFOUND);

    /* No navigation: the default section is created. */
    CHECK(run_import(st, FIX "text/no-nav.txt", INGEST_TEXT, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 1 && rep.failed == 0);
    CHECK(count(st) == 2);
    free(msgs);
    CHECK(store_section_by_slug(st, &a, "general", &sec) == AK_OK);
    CHECK_STR(sec.name, "عام");
    CHECK(run_import(st, FIX "text/crlf.txt", INGEST_TEXT, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 1);
    free(msgs);
    CHECK(run_import(st, FIX "text/economy-nav.txt", INGEST_TEXT, "sport", 0, &rep, &msgs)
          == AK_OK);
    CHECK(rep.imported == 1);
    CHECK(count(st) == 4);
    free(msgs);

    /* Bad pages. */
    CHECK(run_import(st, FIX "text/empty.txt", INGEST_TEXT, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 0 && rep.failed == 1);
    CHECK_CONTAINS(msgs, "tests/fixtures/text/empty.txt: title: no headline");
    free(msgs);
    CHECK(run_import(st, FIX "text/bad-utf8.txt", INGEST_TEXT, NULL, 1, &rep, &msgs)
          == AK_EINVAL);
    CHECK(rep.imported == 0 && rep.failed == 1);
    CHECK_CONTAINS(msgs, "tests/fixtures/text/bad-utf8.txt:3: text: invalid UTF-8");
    CHECK(count(st) == 4);
    free(msgs);

    /* Too big for one article; a directory. */
    const char *p = write_tmp("huge.txt", "");
    FILE *f = fopen(p, "wb");
    if (f) {
        CHECK(fseek(f, (8 << 20), SEEK_SET) == 0 && fputc('\n', f) == '\n');
        fclose(f);
    }
    CHECK(run_import(st, p, INGEST_TEXT, NULL, 0, &rep, &msgs) == AK_ETOOBIG);
    CHECK_CONTAINS(msgs, "huge.txt: file: more than 8388608 bytes");
    free(msgs);
    CHECK(run_import(st, tmpdir, INGEST_TEXT, NULL, 0, &rep, &msgs) == AK_EIO);
    CHECK_CONTAINS(msgs, "cannot read: Is a directory");
    free(msgs);
    CHECK(count(st) == 4);

    /* Strict on a fresh store: a bad page leaves no default section behind. */
    store_close(st);
    st = open_db();
    CHECK(st != NULL);
    if (!st) {
        arena_reset(&a);
        return;
    }
    p = write_tmp("headline-only.txt", "عنوان بلا نص\n");
    CHECK(run_import(st, p, INGEST_TEXT, NULL, 1, &rep, &msgs) == AK_EINVAL);
    CHECK_CONTAINS(msgs, "headline-only.txt:1: body: ");
    free(msgs);
    CHECK(count(st) == 0);
    CHECK(store_section_by_slug(st, &a, "general", &sec) == AK_ENOTFOUND);
    arena_reset(&a);
    store_close(st);
}

/* Remove tmpdir and the files in it. */
static void cleanup(void)
{
    DIR *dir = opendir(tmpdir);
    if (!dir)
        return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
        if (unlink(path) != 0)
            perror(path);
    }
    closedir(dir);
    if (rmdir(tmpdir) != 0)
        perror(tmpdir);
}

/* An NDJSON file is read a line at a time: an over-long record is reported
 * and skipped, the records around it kept; records of a whole site (type)
 * are stored, and bad types and fields named. */
static void test_import_stream(void)
{
    struct ingest_report rep;
    char *msgs = NULL;
    struct store *st = open_db();
    CHECK(st != NULL);
    if (!st)
        return;
    const char *p = write_tmp("long.ndjson", "");
    FILE *f = fopen(p, "wb");
    if (f) {
        fputs("{\"title\":\"قبل\",\"body\":\"نص.\",\"section\":\"world\"}\n{\"title\":\"", f);
        for (int i = 0; i < (8 << 20); i++)
            fputc('x', f);
        fputs("\",\"body\":\"b\",\"section\":\"world\"}\r\n", f);
        fputs("{\"title\":\"بعد\",\"body\":\"نص.\",\"section\":\"world\"}", f);   /* no final newline */
        fclose(f);
    }
    CHECK(run_import(st, p, INGEST_NDJSON, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 2 && rep.failed == 1);
    CHECK_CONTAINS(msgs, "long.ndjson:2: record: more than 8388608 bytes");
    free(msgs);

    p = write_tmp("site.ndjson",
                  "{\"type\":\"section\",\"slug\":\"culture\",\"name\":\"ثقافة\",\"position\":7,"
                  "\"legacy_url\":\"/category/culture/\"}\n"
                  "{\"type\":\"tag\",\"slug\":\"kutub\",\"name\":\"كتب\"}\n"
                  "{\"type\":\"author\",\"login\":\"huda\",\"role\":\"author\",\"name\":\"هدى\"}\n"
                  "{\"type\":\"page\",\"slug\":\"about\",\"title\":\"من نحن\",\"body\":\"**نص**\","
                  "\"published\":true}\n"
                  "{\"type\":\"article\",\"title\":\"في القسم الجديد\",\"body\":\"نص.\","
                  "\"section\":\"culture\",\"tags\":[\"كتب\"],\"author_login\":\"huda\"}\n"
                  "{\"type\":\"poem\",\"title\":\"x\"}\n"
                  "{\"type\":\"author\",\"login\":\"x\",\"role\":\"king\"}\n"
                  "{\"type\":\"image\",\"hash\":\"abc\",\"width\":1,\"height\":1,\"mime\":\"image/gif\","
                  "\"alt\":\"a\"}\n"
                  "{\"type\":\"page\",\"slug\":\"x\"}\n");
    CHECK(run_import(st, p, INGEST_NDJSON, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 5 && rep.failed == 4);
    CHECK_CONTAINS(msgs, "site.ndjson:6: type: expected one of");
    CHECK_CONTAINS(msgs, "site.ndjson:7: author: rejected by the store");
    CHECK_CONTAINS(msgs, "site.ndjson:8: image: rejected by the store");
    CHECK_CONTAINS(msgs, "site.ndjson:9: title: required");
    free(msgs);
    struct arena a;
    arena_init(&a, 0);
    struct section sec;
    CHECK(store_section_by_slug(st, &a, "culture", &sec) == AK_OK && sec.position == 7);
    arena_reset(&a);
    /* Again: all unchanged. */
    CHECK(run_import(st, p, INGEST_NDJSON, NULL, 0, &rep, &msgs) == AK_OK);
    CHECK(rep.imported == 0 && rep.unchanged == 5 && rep.failed == 4);
    free(msgs);
    /* An article record is what ingest_ndjson_parse takes; others it refuses. */
    struct article_in in;
    struct ingest_diag d;
    const char *tag = "{\"type\":\"tag\",\"slug\":\"a\",\"name\":\"b\"}";
    CHECK(ingest_ndjson_parse(tag, strlen(tag), &a, &in, &d) == AK_EINVAL);
    CHECK_CONTAINS(d.msg, "type: expected an article");
    arena_reset(&a);
    store_close(st);
}

int main(void)
{
    test_text_world();
    test_text_no_nav();
    test_text_crlf();
    test_text_economy();
    test_text_chrome();
    test_text_fold();
    test_text_headings();
    test_text_escape();
    test_text_errors();
    test_text_reference();
    test_ndjson_good();
    test_ndjson_time();
    test_ndjson_errors();

    snprintf(tmpdir, sizeof tmpdir, "/tmp/akhbar-test-ingest-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        t_fail++;
    } else {
        test_import_ndjson();
        test_import_sections();
        test_import_text();
        test_import_stream();
        cleanup();
    }
    T_DONE();
}
