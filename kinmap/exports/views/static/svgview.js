/* kinmap views: zoom, pan, hover and click for an SVG view (genogram, ecomap,
 * timeline), layer switches and the date control. Positions come from kinmap;
 * this script only moves the viewBox and shows or hides elements. */
(function () {
  "use strict";
  var panel = window.kinmapPanel;
  var view = document.getElementById("view");
  var svg = view.querySelector("svg");
  if (!svg) return;
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  var full = svg.getAttribute("viewBox").split(/[\s,]+/).map(Number);
  var box = full.slice();

  function apply() { svg.setAttribute("viewBox", box.join(" ")); }
  function fit() { box = full.slice(); apply(); }

  function toSvg(clientX, clientY) {
    var r = svg.getBoundingClientRect();
    var scale = Math.max(box[2] / r.width, box[3] / r.height);
    var offX = (r.width * scale - box[2]) / 2, offY = (r.height * scale - box[3]) / 2;
    return [box[0] - offX + (clientX - r.left) * scale, box[1] - offY + (clientY - r.top) * scale];
  }

  function zoom(factor, clientX, clientY) {
    var r = svg.getBoundingClientRect();
    if (clientX === undefined) { clientX = r.left + r.width / 2; clientY = r.top + r.height / 2; }
    var p = toSvg(clientX, clientY);
    var w = box[2] * factor, h = box[3] * factor;
    if (w < full[2] / 20 || w > full[2] * 4) return;
    box = [p[0] - (p[0] - box[0]) * factor, p[1] - (p[1] - box[1]) * factor, w, h];
    apply();
  }

  view.addEventListener("wheel", function (e) {
    e.preventDefault();
    zoom(e.deltaY < 0 ? 0.85 : 1 / 0.85, e.clientX, e.clientY);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    // The element pressed: with the pointer captured, later events name the SVG instead.
    drag = { x: e.clientX, y: e.clientY, box: box.slice(), moved: false, target: e.target };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var r = svg.getBoundingClientRect();
    var scale = Math.max(box[2] / r.width, box[3] / r.height);
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; svg.classList.add("dragging"); }
    box = [drag.box[0] - dx * scale, drag.box[1] - dy * scale, box[2], box[3]];
    apply();
  });
  function endDrag(e) {
    if (!drag) return;
    var moved = drag.moved, target = drag.target;
    drag = null;
    svg.classList.remove("dragging");
    if (!moved) select(target);
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", function () { drag = null; svg.classList.remove("dragging"); });

  function refOf(target) {
    var node = target && target.closest ? target.closest("[data-ref]") : null;
    return node && svg.contains(node) ? node : null;
  }

  var selected = null;
  function select(target) {
    var node = refOf(target);
    if (selected) selected.classList.remove("selected");
    selected = node;
    if (!node) return;
    node.classList.add("selected");
    panel.show(node.getAttribute("data-ref"));
  }

  function light(node) {
    var id = node && node.getAttribute("data-person");
    if (!id) return;
    view.classList.add("dim");
    node.classList.add("lit");
    svg.querySelectorAll("[data-ends]").forEach(function (line) {
      var ends = line.getAttribute("data-ends").split(" ");
      if (ends.indexOf(id) >= 0) {
        line.classList.add("lit");
        ends.forEach(function (other) {
          svg.querySelectorAll('[data-person="' + CSS.escape(other) + '"]').forEach(function (p) { p.classList.add("lit"); });
        });
      }
    });
  }
  function unlight() {
    view.classList.remove("dim");
    svg.querySelectorAll(".lit").forEach(function (n) { n.classList.remove("lit"); });
  }

  svg.addEventListener("pointerover", function (e) {
    var node = refOf(e.target);
    if (!node) { panel.hideTip(); return; }
    panel.tip(node.getAttribute("data-ref"), e.clientX, e.clientY);
    if (!drag) light(node);
  });
  svg.addEventListener("pointermove", function (e) {
    var node = refOf(e.target);
    if (node && !drag) panel.tip(node.getAttribute("data-ref"), e.clientX, e.clientY);
  });
  svg.addEventListener("pointerout", function (e) {
    if (!refOf(e.relatedTarget)) { panel.hideTip(); unlight(); }
  });
  svg.addEventListener("focusin", function (e) { select(e.target); });
  view.addEventListener("keydown", function (e) {
    var step = box[2] / 10;
    if (e.key === "+" || e.key === "=") zoom(0.85);
    else if (e.key === "-") zoom(1 / 0.85);
    else if (e.key === "0") fit();
    else if (e.key === "ArrowLeft") { box[0] -= step; apply(); }
    else if (e.key === "ArrowRight") { box[0] += step; apply(); }
    else if (e.key === "ArrowUp") { box[1] -= step; apply(); }
    else if (e.key === "ArrowDown") { box[1] += step; apply(); }
    else return;
    e.preventDefault();
  });

  document.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      var action = button.getAttribute("data-action");
      if (action === "zoom-in") zoom(0.8);
      else if (action === "zoom-out") zoom(1.25);
      else if (action === "fit") fit();
      else if (action === "print") { fit(); window.print(); }
    });
  });
  window.addEventListener("beforeprint", fit);

  document.querySelectorAll("[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      // Every drawing of the page: a view may hold a second one for portrait paper.
      view.querySelectorAll("svg .layer-" + box.getAttribute("data-layer")).forEach(function (g) {
        g.classList.toggle("hidden-layer", !box.checked);
      });
    });
  });

  /* The date control: hide what the review dates outside the chosen date.
   * data-since / data-until: the element's own dates; data-shown: one character
   * per position ("1" shown), where kinmap decided (the home at a date), and at
   * the "all dates" position such an element shows only with data-all="1". */
  var dates = panel.data.dates || [];
  var allDates = !!panel.data.all_dates;
  var range = document.getElementById("at");
  var out = document.getElementById("at-value");
  var printAt = document.getElementById("print-at");
  function first(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function last(d) { return d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d; }
  function atDate(i) {
    var at = i < dates.length ? dates[i] : null;
    view.querySelectorAll("svg [data-since], svg [data-until], svg [data-shown]").forEach(function (node) {
      var since = node.getAttribute("data-since"), until = node.getAttribute("data-until");
      var mask = node.getAttribute("data-shown");
      var hide = at === null ? (mask !== null && node.getAttribute("data-all") !== "1")
        : ((since && first(since) > last(at)) || (until && last(until) < first(at)) ||
           (mask !== null && mask.charAt(i) === "0"));
      node.classList.toggle("hidden-by-date", !!hide);
    });
    var text = at === null ? "all dates" : at;
    if (out) out.textContent = text;
    if (printAt) printAt.textContent = "Shown at " + text + ".";
    document.body.setAttribute("data-at", text);
  }
  if (range && dates.length) {
    range.addEventListener("input", function () { atDate(Number(range.value)); });
    atDate(Number(range.value));
  }

  /* What is switched off on screen stays off on paper, and the printout says so. */
  var printLayers = document.getElementById("print-layers");
  function layersNote() {
    if (!printLayers) return;
    var off = [];
    document.querySelectorAll("[data-layer]").forEach(function (box) {
      if (!box.checked) off.push(box.parentNode.textContent.trim());
    });
    printLayers.textContent = off.length ? "Not shown: " + off.join(", ") + "." : "";
  }
  document.querySelectorAll("[data-layer]").forEach(function (box) {
    box.addEventListener("change", layersNote);
  });
  layersNote();

  document.body.setAttribute("data-ready", "1");
})();
