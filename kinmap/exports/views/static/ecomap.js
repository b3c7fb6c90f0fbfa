/* kinmap ecomap: show the drawing ("frame") of the home the child lived in at the chosen date.
 * The ecomap is drawn once per home; each frame carries data-shown, one character per date
 * of the control ("1": this frame is the one at that date), and the frame of the latest home
 * carries data-all, shown when the control is at "all dates". Everything else that is dated
 * is shown or hidden by svgview.js from its data-since / data-until. */
(function () {
  "use strict";
  var panel = window.kinmapPanel;
  var range = document.getElementById("at");
  var frames = document.querySelectorAll("#view svg .ecomap-frame[data-shown]");
  if (!range || !frames.length) return;
  var dates = panel.data.dates || [];
  function show() {
    var i = Number(range.value);
    frames.forEach(function (frame) {
      var on = i >= dates.length ? frame.getAttribute("data-all") === "1"
                                 : frame.getAttribute("data-shown").charAt(i) === "1";
      frame.classList.toggle("hidden-by-date", !on);
    });
  }
  range.addEventListener("input", show);
  show();
})();
