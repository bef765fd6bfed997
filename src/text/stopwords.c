/*
 * stopwords.c: Arabic (and a few English) function words, in the analyzer's
 * folded form (أ -> ا, ى -> ي, ة -> ه). For ranking and related articles
 * only: they are indexed like any word, so phrases keep them.
 */
#include <stdlib.h>
#include <string.h>
#include "text/analyzer.h"

/* Sorted by strcmp (checked by test_analyzer). */
static const char *const stopwords[] = {
    "a", "an", "and", "in", "is", "of", "on", "the", "to", "ا", "اذ", "اذا", "الا", "التي",
    "الذي", "الذين", "اللتي", "اللذين", "الي", "اما", "امام", "ان", "انه", "انها", "او", "اي",
    "ايضا", "بان", "بعد", "بعض", "بل", "به", "بها", "بين", "تلك", "ثم", "جميع", "حتي", "حيث",
    "حين", "خلال", "دون", "ذلك", "عبر", "عل", "علي", "عليه", "عليها", "عن", "عند", "عنه",
    "غير", "فان", "في", "فيه", "فيها", "قبل", "قد", "كان", "كانت", "كل", "كما", "كيف", "لا",
    "لان", "لدي", "لقد", "لكن", "لم", "لما", "لن", "له", "لها", "لو", "ما", "مثل", "مع", "من",
    "منذ", "منه", "منها", "نحو", "هذا", "هذه", "هل", "هناك", "هو", "هي", "و", "وان", "وفي",
    "وقد", "ولا", "ومن", "يكون",
};

static int stop_cmp(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

int text_is_stopword(const char *w, size_t n)
{
    char key[TEXT_WORD_MAX * 4 + 1];
    if (n >= sizeof key)
        return 0;
    memcpy(key, w, n);
    key[n] = 0;
    return bsearch(key, stopwords, sizeof stopwords / sizeof stopwords[0], sizeof stopwords[0],
                   stop_cmp) != NULL;
}

/* For the unit test: the list and its length. */
const char *const *text_stopword_list(size_t *n)
{
    *n = sizeof stopwords / sizeof stopwords[0];
    return stopwords;
}
