/*
 * article.h: what every path that stores an article does to its text before
 * store_article_insert or store_article_save: the newsroom's editor, a
 * restored revision, the importers and the demo content.
 */
#ifndef AK_NEWSROOM_ARTICLE_H
#define AK_NEWSROOM_ARTICLE_H

#include "base/arena.h"
#include "base/err.h"
#include "store/article.h"

/* Fill in->body_html and in->body_text from in->body_md (arena a). Returns
 * AK_OK, AK_EINVAL (not valid UTF-8), AK_ETOOBIG (a body whose page could
 * not be served: nested or long past render/markdown.h's bounds; no path may
 * store it, and markdown_too_deep says which bound) or AK_ENOMEM. */
enum ak_err newsroom_article_render(struct arena *a, struct article_in *in);

#endif
