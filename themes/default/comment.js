// akhbar: the comment form's token. The article page is the same for every
// reader (so that caches can keep it) and carries no token; this script asks
// the server for a fresh one (GET /article/ID/comment/token, never cached)
// when the reader starts on the form, and before it is sent if that has not
// happened yet. Without JavaScript the server answers the first post with a
// page to confirm it, which carries a token.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form || !window.fetch) return;
  var field = form.querySelector('input[name="token"]');
  if (!field) return;
  var pending = null;
  function load() {
    if (!pending) {
      pending = fetch(form.getAttribute("action") + "/token",
                      { cache: "no-store", credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (t) {
          if (/^[0-9a-f]+-[0-9a-f]+$/.test(t)) field.value = t;
          else pending = null;
        }, function () { pending = null; });
    }
    return pending || Promise.resolve();
  }
  form.addEventListener("focusin", load);
  form.addEventListener("submit", function (e) {
    if (field.value) return;
    e.preventDefault();
    var send = function () { form.submit(); };  // without a token: the confirmation page
    load().then(send, send);
  });
})();
