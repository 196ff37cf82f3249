// The OpenAPI docs with the vendored Swagger UI (loaded from this server, no inline script).
(function () {
  "use strict";
  var el = document.getElementById("swagger-ui");
  if (!el || typeof SwaggerUIBundle === "undefined") { return; }
  SwaggerUIBundle({url: el.getAttribute("data-spec-url"), dom_id: "#swagger-ui", deepLinking: true,
                   presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"});
})();
