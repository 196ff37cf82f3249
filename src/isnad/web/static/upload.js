// Upload form: sends the chosen file as the request body of POST /api/articles; shows the result
// with DOM methods (textContent), never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form) { return; }
  var input = document.getElementById("upload-file");
  var out = document.getElementById("upload-result");

  function say(text, links) {
    out.textContent = text;
    (links || []).forEach(function (href) {
      if (!/^\/articles\/[A-Za-z0-9]+$/.test(href)) { return; }
      var a = document.createElement("a");
      a.href = href;
      a.textContent = href;
      out.appendChild(document.createElement("br"));
      out.appendChild(a);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var file = input.files && input.files[0];
    if (!file) { return; }
    say("…");
    fetch("/api/articles?filename=" + encodeURIComponent(file.name), {
      method: "POST", body: file, headers: {"Content-Type": file.type || "text/plain"}, credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return {status: response.status, data: data}; });
    }).then(function (r) {
      var d = r.data || {};
      if (r.status >= 400 && !d.errors) { say(r.status + ": " + (d.detail || "error")); return; }
      say(r.status + ": " + (d.added || []).length + " added, " + (d.skipped || 0) + " already stored" +
          ((d.errors || []).length ? "; " + d.errors.join("; ") : ""), d.links);
    }).catch(function (err) { say(String(err)); });
  });
})();
