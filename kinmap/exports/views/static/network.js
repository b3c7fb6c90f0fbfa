/* kinmap network view: draws the nodes, edges and options kinmap built with pyvis,
 * at kinmap's positions with physics off, with filters by kind, search by name,
 * captions for each review's cluster, the details panel, and a print of the fitted
 * network. Labels and captions are drawn on a canvas and details set with
 * textContent, so no document text is ever parsed as HTML. */
(function () {
  "use strict";
  var panel = window.kinmapPanel;
  var data = panel.data;
  var container = document.getElementById("network");
  var clusters = data.clusters || [];
  var state = { captions: [], printedAt: null, fits: 0 };
  window.kinmapNetworkState = state;

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var shown = {};
  data.nodes.forEach(function (n) { shown[n.id] = true; });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = kinmapVis.draw(container, nodes, edges, data.options, "network");

  /* Fit: the visible nodes with their labels, and room above each cluster for its
   * caption. vis-network's own fit leaves the captions out. */
  function visibleIds() {
    return data.nodes.filter(function (n) { return shown[n.id]; })
      .map(function (n) { return n.id; });
  }
  function box(id) { return kinmapVis.box(network, byId[id]); }
  function fitView(width, height) {
    var ids = visibleIds();
    if (!ids.length) return;
    var w = width || container.clientWidth, h = height || container.clientHeight;
    var r = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var b = box(id);
      r.left = Math.min(r.left, b.left); r.right = Math.max(r.right, b.right);
      r.top = Math.min(r.top, b.top); r.bottom = Math.max(r.bottom, b.bottom);
    });
    if (clusters.length) r.top -= data.captionBand;
    var spanX = Math.max(r.right - r.left, 1), spanY = Math.max(r.bottom - r.top, 1);
    var scale = Math.min(w / (spanX * 1.06), h / (spanY * 1.06), 1.6);
    network.moveTo({ position: { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 },
                     scale: scale, animation: false });
    state.fits += 1;
  }

  /* Captions: one per review, above the top of its visible nodes, in screen pixels
   * whatever the zoom, wrapped to the width of the review's cell. */
  var captionScale = 1;
  function anchorCaptions() {
    clusters.forEach(function (c) {
      var top = Infinity;
      c.nodes.forEach(function (id) { if (shown[id]) top = Math.min(top, box(id).top); });
      c.anchor = top;
    });
  }
  function wrapped(ctx, text, width, most) {
    var words = text.split(" "), lines = [], line = "", i = 0;
    for (; i < words.length; i++) {
      var next = line ? line + " " + words[i] : words[i];
      if (!line || ctx.measureText(next).width <= width) { line = next; continue; }
      if (lines.length === most - 1) break;      /* no room for another line */
      lines.push(line);
      line = words[i];
    }
    var cut = i < words.length;
    lines.push(line);
    return lines.map(function (l, k) {
      if (ctx.measureText(l).width <= width && !(cut && k === lines.length - 1)) return l;
      while (l.length > 1 && ctx.measureText(l + "\u2026").width > width) l = l.slice(0, -1);
      return l.replace(/[\s,;:\u2013-]+$/, "") + "\u2026";
    });
  }
  /* Line styles of a caption: its first part bold (up to two lines), the rest
   * smaller (one line). */
  var CAPTION = [{ size: 15, weight: "600", colour: "#0b3d91", lines: 2 },
                 { size: 13, weight: "400", colour: "#24292f", lines: 1 }];
  function drawCaptions(ctx) {
    state.captions = [];
    if (!clusters.length) return;
    var ratio = ctx.canvas.width / (ctx.canvas.clientWidth || ctx.canvas.width);
    var scale = network.getScale();
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.lineJoin = "round";
    clusters.forEach(function (c) {
      if (!isFinite(c.anchor)) return;
      /* The caption keeps to its review's column, and to the canvas. */
      var at = network.canvasToDOM({ x: c.x, y: c.anchor });
      var left = Math.max(0, at.x - c.width * scale / 2);
      var right = Math.min(ctx.canvas.width / ratio, at.x + c.width * scale / 2);
      at.x = (left + right) / 2;
      var width = Math.max(right - left - 10 * captionScale, 40 * captionScale);
      var rows = [];
      c.caption.forEach(function (text, part) {
        var style = CAPTION[Math.min(part, CAPTION.length - 1)];
        var px = style.size;
        var font = function () {
          return style.weight + " " + px * captionScale + "px system-ui, sans-serif";
        };
        ctx.font = font();
        /* A name too wide for its column is set smaller, down to 12 px, before it is cut. */
        var longest = Math.max.apply(null, text.split(" ").map(function (w) {
          return ctx.measureText(w).width;
        }));
        if (part === 0 && longest > width) {
          px = Math.max(12, Math.floor(px * width / longest));
          ctx.font = font();
        }
        wrapped(ctx, text, width, style.lines).forEach(function (line) {
          rows.push({ text: line, font: font(), colour: style.colour,
                      size: px * captionScale, px: px, width: ctx.measureText(line).width });
        });
      });
      var bottom = at.y - 8 * captionScale, y = bottom, widest = 0;
      for (var i = rows.length - 1; i >= 0; i--) {
        var row = rows[i];
        ctx.font = row.font;
        ctx.lineWidth = 5 * captionScale;
        ctx.strokeStyle = "rgba(255,255,255,0.95)";
        ctx.strokeText(row.text, at.x, y - row.size * 0.22);
        ctx.fillStyle = row.colour;
        ctx.fillText(row.text, at.x, y - row.size * 0.22);
        y -= Math.round(row.size * 1.22);
        widest = Math.max(widest, row.width);
      }
      state.captions.push({ review: c.number, lines: rows.map(function (r) { return r.text; }),
                            px: Math.min.apply(null, rows.map(function (r) { return r.px; })),
                            left: at.x - widest / 2, right: at.x + widest / 2,
                            top: y, bottom: bottom });
    });
    ctx.restore();
  }
  network.on("afterDrawing", drawCaptions);

  var first = true;
  network.on("afterDrawing", function () {
    if (!first) return;
    first = false;
    anchorCaptions();
    fitView();
    document.body.setAttribute("data-drawn", String(performance.now()));
    document.body.setAttribute("data-ready", "1");
  });

  kinmapVis.tips(network, container, panel, function (id) { return byId[id].ref; },
                 function (id) { return edges.get(id).ref; });
  network.on("click", function (params) {
    if (params.nodes.length) panel.show(byId[params.nodes[0]].ref);
    else if (params.edges.length) panel.show(edges.get(params.edges[0]).ref);
  });

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    panel.show(byId[id].ref);
  }

  /* Filters: kinds shown, and only interconnected families; the view re-fits to
   * what is left. */
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("[data-kind]"));
  var onlyBridges = document.getElementById("only-bridges");
  function applyFilters() {
    var kinds = {};
    kindBoxes.forEach(function (b) { kinds[b.getAttribute("data-kind")] = b.checked; });
    var near = null;
    if (onlyBridges && onlyBridges.checked) {
      near = {};
      data.nodes.forEach(function (n) {
        if (!n.bridge) return;
        near[n.id] = true;
        network.getConnectedNodes(n.id).forEach(function (m) { near[m] = true; });
      });
    }
    data.nodes.forEach(function (n) {
      shown[n.id] = kinds[n.kind] && (near === null || near[n.id] === true);
    });
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !shown[n.id] }; }));
    anchorCaptions();
    fitView();
  }
  kindBoxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  if (onlyBridges) onlyBridges.addEventListener("change", applyFilters);

  /* Search by name. */
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  var list = document.getElementById("matches");
  var section = document.getElementById("matches-section");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!q) { section.hidden = true; count.textContent = ""; network.unselectAll(); return; }
    var found = data.nodes.filter(function (n) { return n.search.indexOf(q) >= 0; });
    count.textContent = found.length + (found.length === 1 ? " match" : " matches");
    section.hidden = found.length === 0;
    found.slice(0, 100).forEach(function (n) {
      var li = document.createElement("li");
      var b = panel.el("button", "link", n.label);
      b.type = "button";
      b.addEventListener("click", function () { focusNode(n.id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    network.selectNodes(found.map(function (n) { return n.id; }));
  });
  search.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    var first = list.querySelector("button");
    if (first) first.click();
  });

  document.querySelectorAll("[data-node]").forEach(function (b) {
    b.addEventListener("click", function () { focusNode(b.getAttribute("data-node")); });
  });

  /* What a reader sees of the network on a canvas of width x height (drawn `sharp`
   * times over): the scale, the smallest label in CSS px, how many visible nodes
   * fall outside, and the captions drawn. For the tests and benchmarks. */
  function measure(width, height, sharp) {
    sharp = sharp || 1;
    var seen = kinmapVis.measure(network, container, visibleIds(), byId, data.options.groups,
                                 width, height, sharp);
    seen.captions = state.captions.map(function (c) {
      return { review: c.review, lines: c.lines, px: c.px * (captionScale / sharp),
               left: c.left / sharp, right: c.right / sharp,
               top: c.top / sharp, bottom: c.bottom / sharp };
    });
    return seen;
  }
  state.measure = function () { return measure(); };

  /* Print: the network fitted into the printed figure's size (twice over, for a
   * sharp picture), drawn to an image shown in place of the canvas on paper. */
  var MM = 96 / 25.4;
  function preparePrint() {
    var mm = (container.getAttribute("data-print-mm") || "196 156").split(" ");
    var width = Math.round(parseFloat(mm[0]) * MM), height = Math.round(parseFloat(mm[1]) * MM);
    var printed = document.getElementById("network-print");
    if (!printed) {
      printed = document.createElement("img");
      printed.id = "network-print";
      printed.alt = "The network, fitted, as printed";
      container.parentNode.appendChild(printed);
    }
    var sharp = 2;
    var saved = { position: network.getViewPosition(), scale: network.getScale() };
    network.setSize(width * sharp + "px", height * sharp + "px");
    captionScale = sharp * 0.8;   /* 12 px captions: 9 pt on paper */
    network.redraw();
    fitView(width * sharp, height * sharp);
    network.redraw();
    state.printedAt = measure(width * sharp, height * sharp, sharp);
    var canvas = container.querySelector("canvas");
    printed.src = canvas.toDataURL("image/png");
    printed.width = width;
    printed.height = height;
    network.setSize("100%", "100%");
    captionScale = 1;
    network.moveTo({ position: saved.position, scale: saved.scale, animation: false });
    network.redraw();
  }
  window.addEventListener("beforeprint", preparePrint);

  document.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      var action = button.getAttribute("data-action");
      var scale = network.getScale();
      if (action === "zoom-in") network.moveTo({ scale: scale * 1.25 });
      else if (action === "zoom-out") network.moveTo({ scale: scale / 1.25 });
      else if (action === "fit") fitView();
      else if (action === "print") window.print();
    });
  });
  window.kinmapNetwork = network;
})();
