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
// Relative times ("منذ ساعتين") are written by the server when the page is
// made; a page kept by a cache in front may be older. Here they are worked
// out again from their datetime (the same words as page/side.c's page_ago);
// past a day the date (the element's title) replaces them.
(function () {
  "use strict";
  function count(n, one, two, few, many) {
    if (n === 1) return one;
    if (n === 2) return two;
    var last = n % 100;
    return n + " " + (last >= 3 && last <= 10 ? few : many);
  }
  function ago(d) {
    if (d < 60) return "الآن";
    if (d < 3600) return "منذ " + count(Math.floor(d / 60), "دقيقة", "دقيقتين", "دقائق", "دقيقة");
    return "منذ " + count(Math.floor(d / 3600), "ساعة", "ساعتين", "ساعات", "ساعة");
  }
  var times = document.querySelectorAll("time[datetime][title]");
  var now = Date.now() / 1000;
  for (var i = 0; i < times.length; i++) {
    var t = times[i], text = t.textContent;
    if (text !== "الآن" && text.indexOf("منذ ") !== 0) continue;
    var d = now - Date.parse(t.getAttribute("datetime")) / 1000;
    if (!(d >= 0)) continue;
    t.textContent = d < 86400 ? ago(d) : t.getAttribute("title");
  }
})();
