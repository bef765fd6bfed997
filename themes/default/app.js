// akhbar: small improvements on top of pages that work without JavaScript.
// The back-to-top link floats in the corner (style.css); here it hides
// while the reader is within a screen of the top, and scrolls smoothly.
(function () {
  "use strict";
  var btn = document.querySelector(".to-top");
  if (!btn || !window.addEventListener) return;
  function update() {
    btn.classList.toggle("is-near-top", window.scrollY < window.innerHeight);
  }
  window.addEventListener("scroll", update, { passive: true });
  update();
  btn.addEventListener("click", function (e) {
    e.preventDefault();
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollTo({ top: 0, behavior: reduce ? "auto" : "smooth" });
    var top = document.getElementById("top");
    if (top && history.replaceState) history.replaceState(null, "", location.pathname + location.search);
    var skip = document.querySelector(".skip");
    if (skip) skip.focus({ preventScroll: true });
  });
})();
// The share list's "copy link": without JavaScript a plain link to the
// article; here it copies the address and says so.
(function () {
  "use strict";
  var link = document.querySelector(".share-copy");
  if (!link || !navigator.clipboard) return;
  link.addEventListener("click", function (e) {
    e.preventDefault();
    navigator.clipboard.writeText(link.href).then(function () {
      var label = link.textContent;
      link.textContent = "نُسخ الرابط";
      setTimeout(function () { link.textContent = label; }, 2000);
    });
  });
})();
