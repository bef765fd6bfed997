// akhbar's newsroom: small improvements on pages that work without
// JavaScript. Loaded by admin_head.html only (CSP: script-src 'self').
//  - Moderation: the "select all" link (?all=1, a page with every box
//    checked) becomes a checkbox that checks the list in place.
//  - Editor: the word count follows the typing (the server writes the
//    count at load), and drafts are saved to the server every 20 seconds
//    while they change, and when a changed field is left (POST
//    /admin/articles/autosave, with the session's token), without a
//    revision; the page says when.
(function () {
  "use strict";
  if (!document.querySelector || !window.addEventListener) return;

  var all = document.getElementById("select-all");
  if (all) {
    var list = document.getElementById(all.getAttribute("data-controls"));
    var boxes = list ? list.querySelectorAll("input[type=checkbox]") : [];
    var link = document.querySelector(".select-all-link");
    all.parentNode.hidden = false;
    if (link) link.hidden = true;
    var sync = function () {
      var n = 0;
      for (var i = 0; i < boxes.length; i++) n += boxes[i].checked ? 1 : 0;
      all.checked = n > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    };
    all.addEventListener("change", function () {
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = all.checked;
    });
    for (var i = 0; i < boxes.length; i++) boxes[i].addEventListener("change", sync);
    sync();
  }

  var form = document.querySelector("form.editor");
  if (!form) return;
  var body = form.querySelector("#e-body");
  var count = document.getElementById("word-count");
  function words(s) {
    var m = s.match(/[^\s\u200c\u200f\u200e.,;:!?؟،؛()\[\]{}"'«»#*_>`~|\-]+/g);
    return m ? m.length : 0;
  }
  if (body && count) {
    var show = function () { count.value = String(words(body.value)); };
    body.addEventListener("input", show);
    show();
  }

  var note = document.getElementById("autosave-note");
  if (!note || !window.fetch || !window.FormData || !window.URLSearchParams) return;
  var last = new URLSearchParams(new FormData(form)).toString();
  var busy = false, again = false, leaving = false;
  function save() {
    var data = new URLSearchParams(new FormData(form));
    data.delete("action");
    var now = data.toString();
    if (leaving || now === last) return;
    if (busy) { again = true; return; }       // saved when this one ends
    busy = true;
    fetch("/admin/articles/autosave", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: now
    }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (t) {
      last = now;
      note.textContent = t;
      note.hidden = false;
    }).catch(function () {
      note.textContent = "تعذّر الحفظ التلقائي؛ احفظ المسودة بنفسك.";
      note.hidden = false;
    }).then(function () {
      busy = false;
      if (again) { again = false; save(); }
    });
  }
  setInterval(save, 20000);
  form.addEventListener("change", save);      // a field left after a change
  // A save or an action leaves the page: stop. The preview opens beside it.
  form.addEventListener("submit", function (e) {
    if (e.submitter && e.submitter.formTarget === "_blank") return;
    leaving = true;
  });
})();
