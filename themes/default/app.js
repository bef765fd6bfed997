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
