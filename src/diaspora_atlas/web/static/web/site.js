// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Facets: open on wide screens, collapsed on phones (the <details> stays keyboard-usable).
  var boxes = document.querySelectorAll("details[data-collapse-below]");
  boxes.forEach(function (box) {
    var width = parseInt(box.getAttribute("data-collapse-below"), 10) || 760;
    if (window.matchMedia("(max-width: " + width + "px)").matches) {
      box.removeAttribute("open");
    }
  });

  // Maps: zoom (buttons, + and - keys) and pan (drag, arrow keys) by changing the viewBox.
  function zoomable(frame, index) {
    var svg = frame.querySelector("svg");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) { return; }
    var box = svg.viewBox.baseVal;
    var base = { x: box.x, y: box.y, w: box.width, h: box.height };
    var view = { x: base.x, y: base.y, w: base.w, h: base.h };
    var MAX = 8;
    function apply() {
      var w = Math.min(base.w, Math.max(base.w / MAX, view.w));
      var h = w * base.h / base.w;
      view.x = Math.min(base.x + base.w - w, Math.max(base.x, view.x + (view.w - w) / 2));
      view.y = Math.min(base.y + base.h - h, Math.max(base.y, view.y + (view.h - h) / 2));
      view.w = w; view.h = h;
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
      status.textContent = "Zoom " + Math.round(100 * base.w / view.w) + "%";
    }
    function zoom(factor) { view.x += view.w * (1 - factor) / 2; view.y += view.h * (1 - factor) / 2;
      view.w *= factor; view.h *= factor; apply(); }
    function pan(dx, dy) { view.x += dx; view.y += dy; apply(); }
    function button(text, label, action) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = text; b.setAttribute("aria-label", label);
      b.addEventListener("click", action);
      return b;
    }
    var tools = document.createElement("div");
    tools.className = "map-tools";
    var status = document.createElement("span");
    status.className = "map-help"; status.setAttribute("aria-live", "polite");
    tools.appendChild(button("+", "Zoom in", function () { zoom(0.67); }));
    tools.appendChild(button("−", "Zoom out", function () { zoom(1.5); }));
    tools.appendChild(button("Reset", "Show the whole map", function () {
      view = { x: base.x, y: base.y, w: base.w, h: base.h }; apply(); }));
    var help = document.createElement("span");
    help.className = "map-help"; help.id = "map-help-" + index;
    help.textContent = "Drag the map, or focus it and use the arrow keys, to move it.";
    tools.appendChild(help);
    tools.appendChild(status);
    frame.parentNode.insertBefore(tools, frame);
    frame.setAttribute("tabindex", "0");
    frame.setAttribute("role", "region");
    frame.setAttribute("aria-label", "Zoomable map");
    frame.setAttribute("aria-describedby", help.id);
    frame.setAttribute("data-zoom-ready", "");
    frame.addEventListener("keydown", function (e) {
      var step = view.w / 10;
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (moves[e.key]) { pan(moves[e.key][0], moves[e.key][1]); e.preventDefault(); }
      else if (e.key === "+" || e.key === "=") { zoom(0.67); e.preventDefault(); }
      else if (e.key === "-") { zoom(1.5); e.preventDefault(); }
      else if (e.key === "0") { view = { x: base.x, y: base.y, w: base.w, h: base.h }; apply(); }
    });
    var drag = null, moved = false;
    frame.addEventListener("pointerdown", function (e) {
      if (view.w >= base.w) { return; }
      drag = { x: e.clientX, y: e.clientY }; moved = false;
    });
    frame.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var scale = view.w / frame.clientWidth;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 5) { return; }
      moved = true; frame.classList.add("dragging");
      pan(-dx * scale, -dy * scale);
      drag = { x: e.clientX, y: e.clientY };
    });
    function stop() { drag = null; frame.classList.remove("dragging"); }
    frame.addEventListener("pointerup", stop);
    frame.addEventListener("pointerleave", stop);
    frame.addEventListener("click", function (e) { if (moved) { e.preventDefault(); moved = false; } }, true);
  }
  document.querySelectorAll(".map-frame[data-zoom]").forEach(zoomable);
})();
