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
