/* kinmap views: the details panel and the tooltip, shared by every view.
 * Document text is untrusted: it is only ever set with textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kinmap-data").textContent);
  var details = data.details || {};
  var tooltip = document.getElementById("tooltip");
  var body = document.getElementById("details-body");
  var hint = document.getElementById("details-hint");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function show(ref) {
    var d = details[ref];
    if (!d) return;
    while (body.firstChild) body.removeChild(body.firstChild);
    if (hint) hint.hidden = true;
    body.appendChild(el("h3", null, d.heading));
    if (d.kind) body.appendChild(el("p", "kind", d.kind));
    if (d.facts && d.facts.length) {
      var dl = el("dl");
      d.facts.forEach(function (pair) {
        dl.appendChild(el("dt", null, pair[0]));
        dl.appendChild(el("dd", null, pair[1]));
      });
      body.appendChild(dl);
    }
    if (d.quote) {
      body.appendChild(el("p", "kind", "Source quote"));
      body.appendChild(el("blockquote", "quote", d.quote));
    }
    if (d.notes) {
      body.appendChild(el("p", "kind", "Notes"));
      body.appendChild(el("p", "notes", d.notes));
    }
  }

  function tip(ref, x, y) {
    var d = details[ref];
    if (!d) { hideTip(); return; }
    while (tooltip.firstChild) tooltip.removeChild(tooltip.firstChild);
    tooltip.appendChild(el("strong", null, d.heading));
    if (d.quote) {
      var q = d.quote.length > 280 ? d.quote.slice(0, 279) + "…" : d.quote;
      tooltip.appendChild(el("span", "q", "“" + q + "”"));
    }
    tooltip.hidden = false;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    var left = Math.min(x + 14, window.innerWidth - w - 8);
    var top = y + 16 + h > window.innerHeight ? y - h - 10 : y + 16;
    tooltip.style.left = Math.max(4, left) + "px";
    tooltip.style.top = Math.max(4, top) + "px";
  }

  function hideTip() { tooltip.hidden = true; }

  window.kinmapPanel = { data: data, show: show, tip: tip, hideTip: hideTip, el: el };
})();
