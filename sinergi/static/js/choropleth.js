/* Choropleth map: places coloured by class, legend, hover figure, click to drill down.
 *
 * Draws with the vendored Leaflet and no tile layer, so it works offline. Every element carrying
 * `data-choropleth` is drawn when the page loads:
 *
 *   <link rel="stylesheet" href="{% static 'vendor/leaflet/leaflet.css' %}">
 *   {{ map_data|json_script:"map-data" }}          (sinergi.insights.maps.choropleth_data)
 *   <div class="choropleth" data-choropleth
 *        data-geojson-url="{% url '…' %}?tingkat=kecamatan&induk=32.01"
 *        data-values-id="map-data" role="region" aria-label="{% translate 'Peta …' %}"></div>
 *   <script src="{% static 'vendor/leaflet/leaflet.js' %}" defer></script>
 *   <script src="{% static 'js/choropleth.js' %}" defer></script>
 *
 * The GeoJSON features carry `properties.code` (dotted Kemendagri code) and `properties.name`. The
 * values JSON holds `values` (code → number or null), `breaks` (upper edge of each class),
 * `classes` ([{low, high, colour}], lowest first), `no_data` ({colour, label}), `links` (code → drill-down URL), `title` and `decimals`.
 * `window.SinergiChoropleth.draw(element, geojson, data)` draws one map from objects directly.
 *
 * The content security policy allows no inline style attribute. Leaflet positions its own panes
 * through the style object (CSSOM), which the policy permits; this module only sets classes and
 * SVG presentation attributes (fill, stroke), legend swatches included.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  function formatter(decimals) {
    // Indonesian separators whatever the interface language: 1.234.567,5.
    return new Intl.NumberFormat("id-ID", {
      minimumFractionDigits: 0,
      maximumFractionDigits: decimals || 0
    });
  }

  function classOf(value, breaks) {
    // `breaks` are the classes' upper edges, lowest first (sinergi.insights.classify).
    if (value === null || value === undefined || isNaN(value) || !breaks.length) { return -1; }
    for (var i = 0; i < breaks.length; i++) {
      if (value <= breaks[i]) { return i; }
    }
    return breaks.length - 1;
  }

  function rangeLabel(cls, fmt) {
    return cls.low === cls.high ? fmt.format(cls.low) : fmt.format(cls.low) + "\u2013" + fmt.format(cls.high);
  }

  function swatch(colour) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "choropleth-swatch");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    var rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("width", "16");
    rect.setAttribute("height", "16");
    rect.setAttribute("fill", colour);
    rect.setAttribute("stroke", "#555555");
    svg.appendChild(rect);
    return svg;
  }

  // The legend sits below the map, not on it: on a phone a legend box would cover the places.
  function legend(data, fmt) {
    var box = document.createElement("div");
    box.className = "choropleth-legend";
    if (data.title) {
      var title = document.createElement("p");
      title.className = "choropleth-legend-title";
      title.textContent = data.title;
      box.appendChild(title);
    }
    var list = document.createElement("ul");
    data.classes.forEach(function (cls) {
      var item = document.createElement("li");
      item.appendChild(swatch(cls.colour));
      item.appendChild(document.createTextNode(rangeLabel(cls, fmt)));
      list.appendChild(item);
    });
    var none = document.createElement("li");
    none.appendChild(swatch(data.no_data.colour));
    none.appendChild(document.createTextNode(data.no_data.label));
    list.appendChild(none);
    box.appendChild(list);
    return box;
  }

  function draw(element, geojson, data) {
    var L = window.L;
    var fmt = formatter(data.decimals);
    var links = data.links || {};
    var values = data.values || {};
    var map = L.map(element, {
      zoomSnap: 0.25,
      zoomControl: false,
      attributionControl: false,
      keyboard: true,
      scrollWheelZoom: false
    });

    // Leaflet's own button titles are English; the page supplies them in the user's language.
    var labels = data.labels || {};
    L.control.zoom({
      zoomInTitle: labels.zoom_in || "+",
      zoomOutTitle: labels.zoom_out || "\u2212"
    }).addTo(map);

    function figure(code) {
      var value = values[code];
      return value === null || value === undefined ? data.no_data.label : fmt.format(value);
    }

    function colour(code) {
      var index = classOf(values[code], data.breaks || []);
      return index < 0 ? data.no_data.colour : data.classes[index].colour;
    }

    function go(code) {
      if (links[code]) { window.location.assign(links[code]); }
    }

    var layer = L.geoJSON(geojson, {
      style: function (feature) {
        var code = feature.properties.code;
        return {
          fillColor: colour(code),
          fillOpacity: 0.9,
          color: "#4d4d4d",
          weight: 1,
          className: "choropleth-area" + (links[code] ? " choropleth-link" : "")
        };
      },
      onEachFeature: function (feature, area) {
        var code = feature.properties.code;
        var text = feature.properties.name + ": " + figure(code);
        area.bindTooltip(text, { sticky: true, className: "choropleth-tip" });
        area.on({
          mouseover: function () { area.setStyle({ weight: 3 }); area.bringToFront(); },
          mouseout: function () { area.setStyle({ weight: 1 }); },
          click: function () { go(code); }
        });
        area.on("add", function () {
          var path = area.getElement();
          if (!path) { return; }
          // Leaflet's vector areas are not focusable: make each one a stop in the tab order.
          path.setAttribute("tabindex", "0");
          path.setAttribute("role", links[code] ? "link" : "img");
          path.setAttribute("aria-label", text);
          path.setAttribute("data-code", code);
          path.addEventListener("focus", function () {
            area.setStyle({ weight: 3 });
            area.openTooltip(area.getBounds().getCenter());
          });
          path.addEventListener("blur", function () { area.setStyle({ weight: 1 }); area.closeTooltip(); });
          path.addEventListener("keydown", function (event) {
            if (event.key === "Enter" || event.key === " ") { event.preventDefault(); go(code); }
          });
        });
      }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [8, 8] }); } else { map.setView([-6.9, 107.6], 8); }
    element.insertAdjacentElement("afterend", legend(data, fmt));
    element.classList.add("choropleth-ready");
    return map;
  }

  function start(element) {
    var source = document.getElementById(element.getAttribute("data-values-id"));
    var url = element.getAttribute("data-geojson-url");
    if (!source || !url || typeof window.L === "undefined" || element.hasAttribute("data-choropleth-started")) {
      return;
    }
    element.setAttribute("data-choropleth-started", "");
    var data = JSON.parse(source.textContent);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("boundaries " + response.status); }
        return response.json();
      })
      .then(function (geojson) { draw(element, geojson, data); })
      .catch(function () { element.classList.add("choropleth-failed"); });
  }

  function init(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches("[data-choropleth]")) { start(scope); }
    Array.prototype.forEach.call(scope.querySelectorAll("[data-choropleth]"), start);
  }

  // A map swapped in by htmx (a new indicator or level) is drawn when it arrives.
  document.addEventListener("htmx:load", function (event) { init(event.target); });

  window.SinergiChoropleth = { draw: draw, classOf: classOf };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
