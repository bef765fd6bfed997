# The rules that keep escaping by construction true, checked on the source
# (no server): safe HTML cannot be made outside src/render/, and nothing
# writes raw bytes into an HTML writer outside it. The layers are checked on
# the objects by tools/layers.
. tests/http/lib.sh
CC=${CC:-cc}

# compiles FILE: the C file compiles against src/ as the Makefile builds
# a file outside src/render/ (without AK_RENDER_PRIVATE).
compiles() { "$CC" -std=c11 -D_GNU_SOURCE -Isrc -fsyntax-only "$1" >"$TMP/cc.out" 2>&1; }

cat >"$TMP/forge.c" <<'C'
#include "render/html.h"
void forge(struct html *h)
{
    struct html_safe s = { "<script>alert(1)</script>", 25 };
    html_safe(h, &s);
}
C
compiles "$TMP/forge.c" && fail "struct html_safe is made from a literal outside src/render/" || ok
cat >"$TMP/private.c" <<'C'
#include "render/html_private.h"
const struct html_safe *forge(struct arena *a) { return html_safe_make(a, "<b>", 3); }
C
compiles "$TMP/private.c" && fail "render/html_private.h compiles outside src/render/" || ok
grep -q 'private to src/render/' "$TMP/cc.out" && ok || fail "the refusal names the rule"
# The control: the public API compiles, so the refusals above are not noise.
cat >"$TMP/public.c" <<'C'
#include "render/html.h"
#include "render/markdown.h"
void show(struct html *h, struct arena *a)
{
    const struct html_safe *s = NULL;
    if (markdown_render(a, "*x*", 3, &s) == AK_OK)
        html_safe(h, s);
    html_printf(h, "<p>%H</p>", html_safe_str(s));
}
C
compiles "$TMP/public.c" && ok || fail "the public API compiles: $(head -n 3 "$TMP/cc.out")"

# Only the renderer may see the layout; only the store reads stored HTML back.
hits=$(grep -rln 'AK_RENDER_PRIVATE\|render/html_private\.h' src | grep -v '^src/render/')
[ -z "$hits" ] && ok || fail "outside src/render/: $hits"
hits=$(grep -rln 'html_safe_from_store' src | grep -v -e '^src/render/html\.[ch]$' -e '^src/store/')
[ -z "$hits" ] && ok || fail "html_safe_from_store outside src/store/: $hits"
grep -rq 'html_safe_from_store' src/store && ok || fail "the store reads body HTML as safe HTML"

# No raw bytes into an HTML writer (its buffer, or html_lit_ with a
# non-literal) outside src/render/: everything goes through html_printf's
# conversions or the template.
hits=$(grep -rnE 'buf_[a-z]+\(&?[A-Za-z_]+(\.|->)b\b|html_lit_\(' src | grep -v '^src/render/')
[ -z "$hits" ] && ok || fail "raw writes into an HTML writer: $hits"

finish
