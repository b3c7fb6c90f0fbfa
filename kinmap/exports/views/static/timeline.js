/* kinmap chronology: the portrait copy of the drawing (shown only on portrait paper)
 * follows what the screen shows: the same items hidden by the date control and the
 * same layers switched off. It runs after svgview.js, so it sees the result. */
(function () {
  "use strict";
  var view = document.getElementById("view");
  var screen = view.querySelector("svg");
  var paper = view.querySelector("svg.print-portrait");
  if (!screen || !paper || screen === paper) return;

  function follow() {
    var hidden = {};
    screen.querySelectorAll("[data-ref][data-since]").forEach(function (node) {
      hidden[node.getAttribute("data-ref")] = node.classList.contains("hidden-by-date");
    });
    paper.querySelectorAll("[data-ref][data-since]").forEach(function (node) {
      node.classList.toggle("hidden-by-date", !!hidden[node.getAttribute("data-ref")]);
    });
    screen.querySelectorAll("[class^='layer-']").forEach(function (layer) {
      var name = layer.getAttribute("class").split(" ")[0];
      paper.querySelectorAll("." + name).forEach(function (copy) {
        copy.classList.toggle("hidden-layer", layer.classList.contains("hidden-layer"));
      });
    });
  }
  var range = document.getElementById("at");
  if (range) range.addEventListener("input", follow);
  document.querySelectorAll("[data-layer]").forEach(function (box) {
    box.addEventListener("change", follow);
  });
  window.addEventListener("beforeprint", follow);
  follow();
})();
