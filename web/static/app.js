// A little progressive enhancement for dangjian's page; every feature works without it.
(function () {
  "use strict";
  var q = document.getElementById("q");

  // "/" jumps to the search box, as on most search sites.
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "/" && q && t.tagName !== "INPUT" && t.tagName !== "TEXTAREA") {
      e.preventDefault();
      q.focus();
      q.select();
    }
  });

  // The examples under "query syntax" fill the box instead of leaving the page.
  document.querySelectorAll("[data-example]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      if (!q) return;
      e.preventDefault();
      q.value = a.getAttribute("data-example");
      q.focus();
    });
  });

  // Heatmap cells show their count in a tooltip that follows the pointer (the SVG <title>
  // is the fallback, and what touch screens get).
  var cells = document.querySelectorAll(".heatmap .cell");
  if (cells.length) {
    var tip = document.createElement("div");
    tip.className = "tip";
    tip.id = "heattip";
    tip.hidden = true;
    document.body.appendChild(tip);
    var move = function (e) {
      tip.style.left = e.clientX + 12 + "px";
      tip.style.top = e.clientY + 14 + "px";
    };
    cells.forEach(function (c) {
      c.addEventListener("mouseenter", function (e) {
        var n = c.getAttribute("data-count");
        tip.textContent = c.getAttribute("data-province") + " · " + c.getAttribute("data-year") +
          ": " + n + (n === "1" ? " passage" : " passages");
        tip.hidden = false;
        move(e);
      });
      c.addEventListener("mousemove", move);
      c.addEventListener("mouseleave", function () { tip.hidden = true; });
    });
  }
})();
