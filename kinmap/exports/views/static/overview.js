/* kinmap overview: kinds of family and agencies across reviews, drawn by vis-network at
 * kinmap's positions with physics off; a second layer of families linked across reviews;
 * line kinds switched on and off; clicking a node or line shows its counts and its reviews,
 * with the command that draws one review's own network. Text from the store (review ids,
 * titles, names) is only ever set with textContent or drawn on the canvas. */
(function () {
  "use strict";
  var panel = window.kinmapPanel;
  var data = panel.data;
  var container = document.getElementById("network");
  var state = { fits: 0, layer: "kinds", printedAt: null, drill: null };
  window.kinmapOverviewState = state;

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = kinmapVis.draw(container, nodes, edges, data.options, "overview");

  /* What is shown: the nodes of one layer, and the lines of the families switched on. */
  var families = {};
  var familyBoxes = Array.prototype.slice.call(document.querySelectorAll("[data-family]"));
  function readFamilies() {
    familyBoxes.forEach(function (b) { families[b.getAttribute("data-family")] = b.checked; });
  }
  readFamilies();
  function shownNode(n) { return n.layer === state.layer; }
  function shownEdge(e) {
    return e.layer === state.layer && (e.layer === "linked" || families[e.family] !== false);
  }
  function visibleIds() {
    return data.nodes.filter(shownNode).map(function (n) { return n.id; });
  }
  function apply() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !shownNode(n) }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: !shownEdge(e) }; }));
    document.querySelectorAll("#caption [data-layer]").forEach(function (span) {
      span.hidden = span.getAttribute("data-layer") !== state.layer;
    });
    familyBoxes.forEach(function (b) { b.disabled = state.layer !== "kinds"; });
  }

  function box(id) { return kinmapVis.box(network, byId[id]); }
  function extent(ids) {
    var r = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var b = box(id);
      r.left = Math.min(r.left, b.left); r.right = Math.max(r.right, b.right);
      r.top = Math.min(r.top, b.top); r.bottom = Math.max(r.bottom, b.bottom);
    });
    return r;
  }
  /* Fit: every visible node with its label; curved lines bulge a little past them. */
  function fitView(width, height) {
    var ids = visibleIds();
    if (!ids.length) return;
    var w = width || container.clientWidth, h = height || container.clientHeight;
    var r = extent(ids);
    var spanX = Math.max(r.right - r.left, 1), spanY = Math.max(r.bottom - r.top, 1);
    var scale = Math.min(w / (spanX * 1.08), h / (spanY * 1.06), 1.4);
    network.moveTo({ position: { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 },
                     scale: scale, animation: false });
    state.fits += 1;
  }

  var first = true;
  network.on("afterDrawing", function () {
    if (!first) return;
    first = false;
    fitView();
    document.body.setAttribute("data-drawn", String(performance.now()));
    document.body.setAttribute("data-ready", "1");
  });

  document.querySelectorAll("input[name=layer]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) return;
      state.layer = radio.value;
      network.unselectAll();
      apply();
      fitView();
    });
  });
  familyBoxes.forEach(function (b) {
    b.addEventListener("change", function () { readFamilies(); apply(); });
  });

  /* Drill-down: the reviews behind a node or line, and the command for one of them. */
  var drillSection = document.getElementById("drill");
  var drillHeading = document.getElementById("drill-heading");
  var drillHint = document.getElementById("drill-hint");
  var drillCommand = document.getElementById("drill-command");
  var drillList = document.getElementById("drill-list");
  var drillMore = document.getElementById("drill-more");
  var FIRST = 30;
  var PLAIN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

  function reviewsOf(ref) {
    var d = data.drill[ref] || {};
    if (d.reviews) return d.reviews;
    if (!d.both) return [];
    var other = {};
    reviewsOf(d.both[1]).forEach(function (r) { other[r] = true; });
    return reviewsOf(d.both[0]).filter(function (r) { return other[r]; });
  }
  function reviewName(i) {
    if (data.pseudonymised) return "Review " + (i + 1);
    var r = data.reviews[i];
    return r[1] ? r[0] + " \u2013 " + r[1] : r[0];
  }
  function quoted(text) {
    return PLAIN.test(text) ? text : "'" + text.replace(/'/g, "'\\''") + "'";
  }
  function commandFor(list) {
    var ids = list.map(function (i) { return quoted(data.reviews[i][0]); });
    var out = ids.length === 1 ? ids[0] + "-network.html" : "selected-reviews-network.html";
    return data.command + " network " + ids.map(function (id) {
      return "--review " + id;
    }).join(" ") + " -o " + quoted(out);
  }
  var commandBox = null;   /* the command shown, above the drill-down's own buttons */
  function showCommand(list, label) {
    while (commandBox.firstChild) commandBox.removeChild(commandBox.firstChild);
    commandBox.appendChild(panel.el("p", "kind", label));
    var code = panel.el("code", "command", commandFor(list));
    code.id = "command";
    commandBox.appendChild(code);
    var copy = panel.el("button", null, "Copy");
    copy.type = "button";
    copy.addEventListener("click", function () {
      var text = code.textContent;
      var done = function () { copy.textContent = "Copied"; };
      var select = function () {
        var range = document.createRange();
        range.selectNodeContents(code);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        copy.textContent = "Selected: press Ctrl+C";
      };
      try {
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, select);
        } else { select(); }
      } catch (err) { select(); }
    });
    commandBox.appendChild(copy);
    state.drill.command = code.textContent;
  }
  function drill(ref) {
    var d = data.details[ref];
    var list = reviewsOf(ref);
    drillSection.hidden = false;
    drillHeading.textContent = "Reviews (" + list.length.toLocaleString("en-GB") + ")";
    while (drillList.firstChild) drillList.removeChild(drillList.firstChild);
    while (drillCommand.firstChild) drillCommand.removeChild(drillCommand.firstChild);
    commandBox = document.createElement("div");
    drillCommand.appendChild(commandBox);
    state.drill = { ref: ref, heading: d ? d.heading : "", reviews: list.slice(),
                    listed: [], command: null };
    if (data.listed === "none") {
      drillHint.textContent = "Too many reviews to list in one page: " +
        "kinmap query overview --detail --format csv lists every review with what it shows.";
    } else if (data.pseudonymised) {
      drillHint.textContent = "Pseudonymised: reviews are numbered in the order " +
        "`kinmap reviews` lists them, as in the pseudonymised full network " +
        "(kinmap network --full --pseudonymise). Whoever made this overview opens review N " +
        "with kinmap network --review ID --pseudonymise, ID being the Nth in kinmap reviews.";
    } else {
      drillHint.textContent = "Choose a review for the command that draws its own network " +
        "(people, households and agencies, with the source quotes).";
      if (list.length) {
        showCommand([list[0]], "Its first review's network:");
        if (list.length > 1 && list.length <= 12) {
          var all = panel.el("button", "link", "Command for all " + list.length +
                             " in one network");
          all.type = "button";
          all.addEventListener("click", function () {
            showCommand(list, "These " + list.length + " reviews' network:");
          });
          drillCommand.appendChild(all);
        }
      }
    }
    function add(i) {
      var li = document.createElement("li");
      var name = reviewName(i);
      if (data.listed === "none") {
      drillHint.textContent = "Too many reviews to list in one page: " +
        "kinmap query overview --detail --format csv lists every review with what it shows.";
    } else if (data.pseudonymised) {
        li.appendChild(panel.el("span", null, name));
      } else {
        var b = panel.el("button", "link", name);
        b.type = "button";
        b.setAttribute("data-review", data.reviews[i][0]);
        b.addEventListener("click", function () {
          drillList.querySelectorAll(".chosen").forEach(function (c) {
            c.classList.remove("chosen");
          });
          b.classList.add("chosen");
          showCommand([i], data.reviews[i][0] + ":");
        });
        li.appendChild(b);
      }
      drillList.appendChild(li);
      state.drill.listed.push(name);
    }
    list.slice(0, FIRST).forEach(add);
    drillMore.hidden = list.length <= FIRST;
    drillMore.textContent = "Show all " + list.length.toLocaleString("en-GB");
    drillMore.onclick = function () {
      list.slice(FIRST).forEach(add);
      drillMore.hidden = true;
    };
  }

  kinmapVis.tips(network, container, panel, function (id) { return byId[id].ref; },
                 function (id) { return edgeById[id].ref; });
  function choose(ref) {
    panel.show(ref);
    drill(ref);
  }
  network.on("click", function (params) {
    if (params.nodes.length) choose(byId[params.nodes[0]].ref);
    else if (params.edges.length) choose(edgeById[params.edges[0]].ref);
  });
  state.choose = function (id) {
    var item = byId[id] || edgeById[id];
    if (item) choose(item.ref);
  };

  /* For the tests and benchmarks: the scale, the smallest label in CSS px, nodes outside. */
  function measure(width, height, sharp) {
    var seen = kinmapVis.measure(network, container, visibleIds(), byId, data.options.groups,
                                 width, height, sharp);
    seen.edges = data.edges.filter(shownEdge).length;
    return seen;
  }
  state.measure = function () { return measure(); };
  /* Where a node is on screen (CSS px of the page), for a test's click. */
  state.where = function (id) {
    var p = network.canvasToDOM(network.getPosition(id));
    var r = container.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  };

  /* Print: the fitted overview drawn to an image in place of the canvas. */
  var MM = 96 / 25.4;
  window.addEventListener("beforeprint", function () {
    var mm = (container.getAttribute("data-print-mm") || "196 150").split(" ");
    var width = Math.round(parseFloat(mm[0]) * MM), height = Math.round(parseFloat(mm[1]) * MM);
    var printed = document.getElementById("network-print");
    if (!printed) {
      printed = document.createElement("img");
      printed.id = "network-print";
      printed.alt = "The overview, fitted, as printed";
      container.parentNode.appendChild(printed);
    }
    var sharp = 2;
    var saved = { position: network.getViewPosition(), scale: network.getScale() };
    network.setSize(width * sharp + "px", height * sharp + "px");
    network.redraw();
    fitView(width * sharp, height * sharp);
    network.redraw();
    state.printedAt = measure(width * sharp, height * sharp, sharp);
    printed.src = container.querySelector("canvas").toDataURL("image/png");
    printed.width = width;
    printed.height = height;
    network.setSize("100%", "100%");
    network.moveTo({ position: saved.position, scale: saved.scale, animation: false });
    network.redraw();
  });

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
  apply();
  window.kinmapNetwork = network;
})();
