/*
 * article.c: an article's body rendered from its Markdown (see article.h).
 */
#include <string.h>
#include "newsroom/article.h"
#include "render/markdown.h"

enum ak_err newsroom_article_render(struct arena *a, struct article_in *in)
{
    const char *md = in->body_md ? in->body_md : "";
    const struct html_safe *html;
    size_t ntext;
    enum ak_err rc = markdown_render(a, md, strlen(md), &html);
    if (rc == AK_OK)
        rc = markdown_plaintext(a, md, strlen(md), &in->body_text, &ntext);
    if (rc == AK_OK)
        in->body_html = html;
    return rc;
}
