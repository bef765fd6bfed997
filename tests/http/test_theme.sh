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

printf '<p>\n{{#nav}}\n<li>{{name}}</li>\n' > "$TMP/theme/list.html"
"$AKHBAR" serve --db "$DB" --listen 127.0.0.1:1 --theme "$TMP/theme" 2>"$TMP/err"
check "a broken template stops the server (exit 1)" test $? -eq 1
check "naming the file and line" grep -q "list.html:2: section not closed" "$TMP/err"
"$AKHBAR" serve --db "$DB" --theme /no/such/dir 2>"$TMP/err"
check "a missing theme folder exits 1" test $? -eq 1
finish
