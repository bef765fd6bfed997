/*
 * test_text.c: strict UTF-8 and slugs.
 */
#include <string.h>
#include "text/slug.h"
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

int main(void)
{
    test_utf8();
    test_slug();
    T_DONE();
}
