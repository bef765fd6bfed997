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
"$AKHBAR" serve --db "$DB" --listen 127.0.0.1:1 --theme "$TMP/theme" 2>"$TMP/err"
check "a broken template stops the server (exit 1)" test $? -eq 1
check "naming the file and line" grep -q "list.html:2: section not closed" "$TMP/err"
"$AKHBAR" serve --db "$DB" --theme /no/such/dir 2>"$TMP/err"
check "a missing theme folder exits 1" test $? -eq 1
finish
