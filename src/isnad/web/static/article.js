// Article view: clicking a highlight (or a claim, event or entity button) shows its details.
// No HTML is built here: the details are server-rendered (escaped) and only shown or hidden.
(function () {
  "use strict";
  var details = document.getElementById("details");
  if (!details) { return; }
  var help = document.getElementById("details-help");

  function refsOf(el) {
    return (el.getAttribute("data-refs") || "").split(/\s+/).filter(Boolean);
  }

  function show(refs) {
    var panels = details.querySelectorAll(".detail");
    for (var i = 0; i < panels.length; i++) { panels[i].hidden = true; }
    var shown = 0;
    refs.forEach(function (ref) {
      var panel = document.getElementById("detail-" + ref);
      if (panel && panel.parentNode === details) {
        details.appendChild(panel);  // in click order: the most specific first
        panel.hidden = false;
        shown++;
      }
    });
    if (help) { help.hidden = shown > 0; }
    var marked = document.querySelectorAll(".selected");
    for (var j = 0; j < marked.length; j++) { marked[j].classList.remove("selected"); }
    var first = refs[0];
    if (first) {
      var spans = document.querySelectorAll("#article-text .hl");
      for (var k = 0; k < spans.length; k++) {
        if (refsOf(spans[k]).indexOf(first) >= 0) { spans[k].classList.add("selected"); }
      }
      var buttons = document.querySelectorAll("button.ref");
      for (var m = 0; m < buttons.length; m++) {
        if (refsOf(buttons[m])[0] === first) { buttons[m].classList.add("selected"); }
      }
    }
    details.scrollTop = 0;
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-refs]");
    if (!target) { return; }
    var refs = refsOf(target);
    if (!refs.length) { return; }
    show(refs);
    if (target.classList.contains("ref")) {
      var span = document.querySelector("#article-text .hl.selected");
      if (span) { span.scrollIntoView({block: "nearest"}); }
    }
  });

  var hash = decodeURIComponent(window.location.hash.slice(1));
  if (/^[a-z][0-9]+$/.test(hash)) { show([hash]); }
})();
