// Event map: the OCHA governorate boundaries as the base layer (no tile server) and the events as
// points coloured by status. Popups are built with DOM methods (textContent), never from HTML.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var lang = el.getAttribute("data-lang") || "en";
  var colours = {reported: "#2e86c1", denied: "#c0392b", negated: "#7f8c8d", predicted: "#d68910", threatened: "#8e44ad"};

  var map = L.map(el, {zoomSnap: 0.25, attributionControl: true}).fitBounds([[32.3, 35.6], [37.4, 42.4]]);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(String(el.getAttribute("data-attribution") || "OCHA Syria COD").replace(/[<>&"']/g, ""));

  function text(tag, value, cls) {
    var node = document.createElement(tag);
    node.textContent = value == null ? "" : String(value);
    if (cls) { node.className = cls; }
    return node;
  }

  function row(dl, label, value) {
    if (value == null || value === "") { return; }
    dl.appendChild(text("dt", label));
    dl.appendChild(text("dd", value));
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "popup";
    box.setAttribute("dir", "auto");
    box.appendChild(text("strong", p.event_type + (p.sub_event_type ? " / " + p.sub_event_type : "")));
    var dl = document.createElement("dl");
    row(dl, "status", p.status);
    row(dl, "actors", [p.actor1, p.actor2].filter(Boolean).join(" ⟷ "));
    row(dl, "place", p.place);
    row(dl, "date", p.date_start === p.date_end || !p.date_end ? p.date_start : p.date_start + " … " + p.date_end);
    row(dl, "trigger", p.trigger);
    row(dl, "source", [p.outlet, p.published].filter(Boolean).join(" "));
    box.appendChild(dl);
    if (typeof p.link === "string" && /^\/articles\/[A-Za-z0-9]+#[a-z0-9]+$/.test(p.link)) {
      var a = text("a", p.title || el.getAttribute("data-open") || p.link);
      a.href = p.link;
      a.setAttribute("dir", "auto");
      box.appendChild(a);
    }
    return box;
  }

  function getJSON(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }

  getJSON(el.getAttribute("data-basemap-url")).then(function (data) {
    L.geoJSON(data, {
      style: {color: "#7b8a97", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1},
      interactive: false,
      onEachFeature: function (feature, layer) {
        var name = lang === "ar" ? feature.properties.name_ar : feature.properties.name_en;
        layer.bindTooltip(text("span", name), {permanent: true, direction: "center", className: "gov-label", interactive: false});
      }
    }).addTo(map).bringToBack();
  }).catch(function (err) { el.setAttribute("data-basemap-error", String(err)); });

  getJSON(el.getAttribute("data-events-url")).then(function (data) {
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var status = String(feature.properties.status || "reported").replace(/[^a-z]/g, "");
        return L.circleMarker(latlng, {radius: 7, color: "#fff", weight: 1.5, fillColor: colours[status] || "#555",
                                       fillOpacity: 0.9, className: "event-marker status-" + status});
      },
      onEachFeature: function (feature, layer) { layer.bindPopup(popup(feature.properties)); }
    }).addTo(map);
    el.setAttribute("data-loaded", String(data.features.length));
  }).catch(function (err) { el.setAttribute("data-events-error", String(err)); });
})();
