/*
 * slug.h: readable URL slugs from Arabic (or any) titles.
 */
#ifndef AK_SLUG_H
#define AK_SLUG_H

#include <stddef.h>
#include "base/arena.h"

/* A slug for title: letters and digits kept (Arabic stays Arabic), Latin
 * lowercased, diacritics and tatweel dropped, Arabic-Indic digits made ASCII,
 * every other run of characters one '-', at most max_bytes long, cut at a
 * word boundary. Returns an arena string; "article" when nothing is left, NULL
 * when out of memory. title must be valid UTF-8. */
char *text_slug(struct arena *a, const char *title, size_t max_bytes);

#endif
