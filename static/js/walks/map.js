/* Safety-walk maps (Leaflet, no CDN). Works without tiles: taps still place a marker and fill the fields.
 *
 * <div id="walk-map" data-mode="show|pick" data-settings="map-settings" data-points="map-points"
 *      data-no-tiles="…" data-locating="…" data-located="…" data-locate-failed="…" data-outside="…">
 */
(function () {
  "use strict";

  function readJson(id) {
    var node = id && document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function round6(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function insideBounds(bounds, lat, lng) {
    return lat >= bounds[0][0] && lat <= bounds[1][0] && lng >= bounds[0][1] && lng <= bounds[1][1];
  }

  function clusterIcon(count, label) {
    // The element itself, not markup (the CSP forbids style attributes parsed from HTML).
    var circle = document.createElement("span");
    circle.className = "walk-cluster";
    var shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    shown.textContent = "×" + count;
    var spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.textContent = label.replace("{count}", String(count));
    circle.appendChild(shown);
    circle.appendChild(spoken);
    var size = count < 10 ? 36 : count < 100 ? 42 : 48;
    return L.divIcon({ html: circle, className: "walk-cluster-icon", iconSize: [size, size] });
  }

  function init(container) {
    var settings = readJson(container.dataset.settings);
    var points = readJson(container.dataset.points) || [];
    var notice = document.getElementById(container.dataset.notice || "map-notice");
    // maxZoom on the map itself: clustering needs it, and the map may have no tile layer at all.
    var map = L.map(container, { tap: true, zoomControl: true, maxZoom: 19 }).setView(settings.center, settings.zoom);

    function say(text, kind) {
      if (!notice) return;
      notice.textContent = text;
      notice.className = "map-notice small mt-1 " + (kind === "error" ? "text-danger" : "text-body-secondary");
    }

    if (settings.tileUrl) {
      var tilesFailed = false;
      var tiles = L.tileLayer(settings.tileUrl, {
        maxZoom: 19,
        maxNativeZoom: settings.maxNativeZoom || 18,
        attribution: settings.attribution,
      });
      tiles.on("tileerror", function () {
        if (tilesFailed) return;
        tilesFailed = true;
        container.classList.add("no-tiles");
        say(container.dataset.noTiles || "", "info");
      });
      tiles.addTo(map);
    } else {
      container.classList.add("no-tiles");
    }

    // Markers that overlap are gathered in a circle; a click zooms in, or spreads them at the last zoom.
    // The markers are made first and the view set to their bounds, then the layer is added once: with 500
    // observations the map then places each marker once, not once before and again after fitting the view.
    var layer = L.markerClusterGroup
      ? L.markerClusterGroup({
          maxClusterRadius: 22,
          showCoverageOnHover: false,
          spiderfyOnMaxZoom: true,
          iconCreateFunction: function (cluster) {
            return clusterIcon(cluster.getChildCount(), container.dataset.clusterLabel || "{count}");
          },
        })
      : L.featureGroup();
    points.forEach(function (point) {
      // A coloured dot with the observation's number, the same number as in the lists.
      // The element itself, not its markup: a style attribute parsed from HTML would break the CSP.
      var dot = document.createElement("span");
      dot.className = "walk-marker";
      dot.style.background = point.colour;
      dot.textContent = String(point.number);
      var marker = L.marker([point.lat, point.lng], {
        icon: L.divIcon({ html: dot, className: "walk-marker-icon", iconSize: [26, 26], iconAnchor: [13, 13] }),
        title: point.number + ". " + point.category,
        alt: point.number + ". " + point.category,
        riseOnHover: true,
      });
      // The popup's content is made when it opens, not for every marker up front.
      marker.bindPopup(function () {
        var label = document.createElement("div");
        var title = document.createElement(point.url ? "a" : "strong");
        title.textContent = point.number + ". " + point.category;
        if (point.url) title.href = point.url;
        var text = document.createElement("div");
        text.textContent = point.text;
        label.appendChild(title);
        label.appendChild(text);
        return label;
      });
      layer.addLayer(marker);
    });
    if (points.length > 1 && container.dataset.mode !== "pick") {
      map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 17, animate: false });
    } else if (points.length === 1 && container.dataset.mode !== "pick") {
      map.setView([points[0].lat, points[0].lng], 17, { animate: false });
    }
    layer.addTo(map);

    if (container.dataset.mode === "pick") {
      setUpPicking(container, map, settings, say);
    } else if (points.length > 1) {
      // Paper is another size than the screen: fit the points again before printing.
      window.addEventListener("beforeprint", function () {
        map.invalidateSize();
        map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 17, animate: false });
      });
    }
    container.walkMap = map;
  }

  function setUpPicking(container, map, settings, say) {
    var latField = document.querySelector("[data-coordinate=latitude]");
    var lngField = document.querySelector("[data-coordinate=longitude]");
    var marker = null;

    function place(lat, lng, fill) {
      if (!marker) {
        marker = L.marker([lat, lng], { draggable: true, keyboard: false }).addTo(map);
        marker.on("dragend", function () {
          var at = marker.getLatLng();
          place(at.lat, at.lng, true);
        });
      } else {
        marker.setLatLng([lat, lng]);
      }
      if (fill) {
        latField.value = round6(lat).toFixed(6);
        lngField.value = round6(lng).toFixed(6);
      }
      container.dataset.picked = "true";
      if (!insideBounds(settings.bounds, lat, lng)) {
        say(container.dataset.outside || "", "error");
      }
    }

    map.on("click", function (event) {
      place(event.latlng.lat, event.latlng.lng, true);
      say("", "info");
    });

    function fromFields() {
      var lat = parseFloat((latField.value || "").replace(",", "."));
      var lng = parseFloat((lngField.value || "").replace(",", "."));
      if (isFinite(lat) && isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
        place(lat, lng, false);
        map.panTo([lat, lng]);
      }
    }
    latField.addEventListener("change", fromFields);
    lngField.addEventListener("change", fromFields);
    fromFields();

    var locate = document.querySelector("[data-locate]");
    if (locate) {
      if (!("geolocation" in navigator)) {
        locate.hidden = true;
      }
      locate.addEventListener("click", function () {
        say(container.dataset.locating || "", "info");
        navigator.geolocation.getCurrentPosition(
          function (position) {
            var lat = position.coords.latitude;
            var lng = position.coords.longitude;
            place(lat, lng, true);
            map.setView([lat, lng], Math.max(map.getZoom(), 17));
            say(container.dataset.located || "", "info");
          },
          function () {
            say(container.dataset.locateFailed || "", "error");
          },
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 }
        );
      });
    }
  }

  document.querySelectorAll("[data-walk-map]").forEach(init);

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
