/* kinmap network view: draws kinmap's positions with vis-network (physics off),
 * with filters by kind, search by name and the details panel. Labels are drawn
 * on a canvas and details set with textContent, so no document text is parsed. */
(function () {
  "use strict";
  var panel = window.kinmapPanel;
  var data = panel.data;
  var container = document.getElementById("network");
  var bridgeColour = data.bridgeColour;

  function nodeStyle(n) {
    var style = { id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, size: n.size || 12,
                  font: { size: 13, face: "system-ui, sans-serif", color: "#1f2328",
                          strokeWidth: 3, strokeColor: "#ffffff" },
                  borderWidth: 1.5, color: { background: "#ffffff", border: "#24292f",
                  highlight: { background: "#ddf4ff", border: "#0969da" },
                  hover: { background: "#f6f8fa", border: "#0969da" } } };
    if (n.kind === "agency") {
      style.color = { background: "#ffffff", border: n.colour,
                      highlight: { background: "#ddf4ff", border: "#0969da" },
                      hover: { background: "#f6f8fa", border: n.colour } };
      style.font = { size: 12, face: "system-ui, sans-serif", color: n.colour };
      style.borderWidth = 2;
      style.margin = 6;
      style.widthConstraint = { maximum: 150 };
    } else if (n.kind === "household") {
      style.color = { background: "#e0f2f1", border: "#00796b",
                      highlight: { background: "#b2dfdb", border: "#004d40" },
                      hover: { background: "#b2dfdb", border: "#00796b" } };
      style.font.color = "#00695c";
    }
    if (n.subject) style.borderWidth = 4;
    if (n.bridge) {
      style.borderWidth = 5;
      style.color.border = bridgeColour;
      style.shadow = { enabled: true, color: "rgba(232,89,12,.45)", size: 12, x: 0, y: 0 };
    }
    return style;
  }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var nodes = new vis.DataSet(data.nodes.map(nodeStyle));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: "e" + i, from: e.from, to: e.to, width: e.width, dashes: e.dashes,
             color: { color: e.colour, highlight: "#0969da", hover: "#0969da", inherit: false },
             arrows: e.arrow ? { to: { enabled: true, scaleFactor: 0.6 } } : undefined,
             ref: e.ref };
  }));
  var options = {
    physics: false,
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, hideEdgesOnDrag: data.edges.length > 800, keyboard: { enabled: true, bindToWindow: false },
                   tooltipDelay: 3600000, zoomView: true, dragView: true, dragNodes: false },
    edges: { smooth: false, selectionWidth: 2 },
    nodes: { shapeProperties: { interpolation: false } }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  network.once("afterDrawing", function () {
    document.body.setAttribute("data-drawn", String(performance.now()));
    document.body.setAttribute("data-ready", "1");
  });

  function pointer(params) {
    var r = container.getBoundingClientRect();
    return [r.left + params.pointer.DOM.x, r.top + params.pointer.DOM.y];
  }
  network.on("hoverNode", function (params) {
    var p = pointer(params);
    panel.tip(byId[params.node].ref, p[0], p[1]);
  });
  network.on("hoverEdge", function (params) {
    var p = pointer(params);
    panel.tip(edges.get(params.edge).ref, p[0], p[1]);
  });
  network.on("blurNode", panel.hideTip);
  network.on("blurEdge", panel.hideTip);
  network.on("dragStart", panel.hideTip);
  network.on("click", function (params) {
    if (params.nodes.length) panel.show(byId[params.nodes[0]].ref);
    else if (params.edges.length) panel.show(edges.get(params.edges[0]).ref);
  });

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    panel.show(byId[id].ref);
  }

  /* Filters: kinds shown, and only interconnected families. */
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("[data-kind]"));
  var onlyBridges = document.getElementById("only-bridges");
  function applyFilters() {
    var shown = {};
    kindBoxes.forEach(function (box) { shown[box.getAttribute("data-kind")] = box.checked; });
    var near = null;
    if (onlyBridges && onlyBridges.checked) {
      near = {};
      data.nodes.forEach(function (n) {
        if (!n.bridge) return;
        near[n.id] = true;
        network.getConnectedNodes(n.id).forEach(function (m) { near[m] = true; });
      });
    }
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, hidden: !shown[n.kind] || (near !== null && !near[n.id]) };
    }));
  }
  kindBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
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

  document.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      var action = button.getAttribute("data-action");
      var scale = network.getScale();
      if (action === "zoom-in") network.moveTo({ scale: scale * 1.25 });
      else if (action === "zoom-out") network.moveTo({ scale: scale / 1.25 });
      else if (action === "fit") network.fit({ animation: false });
      else if (action === "print") { network.fit({ animation: false }); window.print(); }
    });
  });
  window.kinmapNetwork = network;
})();
