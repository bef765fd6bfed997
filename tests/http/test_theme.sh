# --theme DIR overrides the compiled-in theme file by file; a broken template
# stops the server at start with the file and line at fault.
. tests/http/lib.sh
mkdir -p "$TMP/theme"
cat > "$TMP/theme/foot.html" <<'HTML'
</main>
<footer class="custom-footer"><p>تذييل مخصص لـ {{site.name}}</p></footer>
</body>
</html>
HTML
printf 'body { color: #123456; }\n' > "$TMP/theme/extra.css"
start_server --demo --theme "$TMP/theme"
fetch /
expect_status 200 "home with a theme folder"
body_has 'تذييل مخصص لـ أخبار' "overridden partial used"
body_has 'class="lead"' "other templates from the default theme"
fetch /static/extra.css
expect_status 200 "the theme folder adds assets"
body_has '#123456' "added asset served"
fetch /static/style.css
expect_status 200 "default assets still served"
stop_server

# A template that cannot render (a partial that includes itself) gives the
# Arabic 500 page, and the server goes on.
printf '{{>head}}{{>article}}' > "$TMP/theme/article.html"
start_server --theme "$TMP/theme"
fetch /article/1
loc=$(sed -n 's/^[Ll]ocation: *//p' "$TMP/headers" | tr -d '\r')
fetch "$loc"
expect_status 500 "a page that fails to render"
body_has 'خطأ في الخادم' "500 page in Arabic"
body_has 'dir="rtl"' "500 page is RTL"
fetch /latest
expect_status 200 "the server goes on"
stop_server
rm "$TMP/theme/article.html"

printf '<p>\n{{#nav}}\n<li>{{name}}</li>\n' > "$TMP/theme/list.html"
"$AKHBAR" serve --db "$DB" $(media_opt) --listen 127.0.0.1:1 --theme "$TMP/theme" 2>"$TMP/err"
check "a broken template stops the server (exit 1)" test $? -eq 1
check "naming the file and line" grep -q "list.html:2: section not closed" "$TMP/err"
"$AKHBAR" serve --db "$DB" $(media_opt) --theme /no/such/dir 2>"$TMP/err"
check "a missing theme folder exits 1" test $? -eq 1

# Limits are named, not taken for a lack of memory: 64 files in all (the
# default theme's and the folder's), 4 MB a file.
mkdir "$TMP/many"
i=0
while [ $i -lt 40 ]; do printf 'x' >"$TMP/many/extra$i.css"; i=$((i + 1)); done
"$AKHBAR" serve --db "$DB" $(media_opt) --listen 127.0.0.1:1 --theme "$TMP/many" 2>"$TMP/err"
check "a theme folder with too many files exits 1" test $? -eq 1
check "naming the limit and the folder" grep -q "theme: more than 64 files in $TMP/many" "$TMP/err"
check "not out of memory" sh -c "! grep -q 'out of memory' '$TMP/err'"
mkdir "$TMP/big"
head -c 5000000 /dev/zero | tr '\0' 'x' >"$TMP/big/style.css"
"$AKHBAR" serve --db "$DB" $(media_opt) --listen 127.0.0.1:1 --theme "$TMP/big" 2>"$TMP/err"
check "a theme file over 4 MB exits 1 (it was silently left out)" test $? -eq 1
check "naming the file and the limit" \
    grep -q "theme: $TMP/big/style.css: 5000000 bytes, more than a theme file's 4194304" "$TMP/err"
mkdir "$TMP/sub" "$TMP/sub/images"
start_server --theme "$TMP/sub"
fetch /
expect_status 200 "a folder inside the theme's is skipped"
stop_server
finish
