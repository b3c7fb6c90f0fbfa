/* What the network view and the store overview share: vis-network drawing kinmap's nodes
 * and edges (a failure is shown on the page and marked, never silent), a node's box with
 * its label, and the tip shown while the pointer is on a node or line. */
(function () {
  "use strict";
  window.kinmapVis = {
    draw: function (container, nodes, edges, options, what) {
      try {
        return new vis.Network(container, { nodes: nodes, edges: edges }, options);
      } catch (err) {
        container.textContent = "This " + what + " could not be drawn: " + err;
        document.body.setAttribute("data-error", String(err));
        document.body.setAttribute("data-ready", "1");
        throw err;
      }
    },
    /* The node's box with its label, or its symbol's when vis has not measured it yet. */
    box: function (network, node) {
      var b = network.getBoundingBox(node.id), s = node.size || 12;
      if (!b || !isFinite(b.left) || b.right - b.left <= 0) {
        return { left: node.x - s, right: node.x + s, top: node.y - s, bottom: node.y + s };
      }
      return b;
    },
    /* What a reader sees on a canvas of width x height (drawn `sharp` times over): the
     * scale, the smallest label in CSS px, and how many of the nodes `ids` fall outside.
     * For the tests and benchmarks. */
    measure: function (network, container, ids, byId, groups, width, height, sharp) {
      sharp = sharp || 1;
      width = width || container.clientWidth;
      height = height || container.clientHeight;
      var scale = network.getScale(), smallest = Infinity, outside = 0, box = this.box;
      ids.forEach(function (id) {
        var n = byId[id];
        var group = (groups || {})[n.group] || {};
        smallest = Math.min(smallest, ((n.font || group.font || {}).size) || 14);
        var b = box(network, n);
        var a = network.canvasToDOM({ x: b.left, y: b.top });
        var z = network.canvasToDOM({ x: b.right, y: b.bottom });
        if (a.x < -0.5 || a.y < -0.5 || z.x > width + 0.5 || z.y > height + 0.5) outside += 1;
      });
      return { width: width / sharp, height: height / sharp, scale: scale / sharp,
               labelPx: smallest * scale / sharp, shown: ids.length, outside: outside };
    },
    tips: function (network, container, panel, nodeRef, edgeRef) {
      function at(params, ref) {
        var r = container.getBoundingClientRect();
        panel.tip(ref, r.left + params.pointer.DOM.x, r.top + params.pointer.DOM.y);
      }
      network.on("hoverNode", function (params) { at(params, nodeRef(params.node)); });
      network.on("hoverEdge", function (params) { at(params, edgeRef(params.edge)); });
      network.on("blurNode", panel.hideTip);
      network.on("blurEdge", panel.hideTip);
      network.on("dragStart", panel.hideTip);
    }
  };
})();
