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
})();
