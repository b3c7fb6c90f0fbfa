// kinmap workbench: copy the words a reviewer selects in the document into the add form,
// so the quote of a new element is the document's own words. The only script of the pages.
(function () {
  "use strict";
  var doc = document.getElementById("doc-text");
  var field = document.getElementById("add-quote");
  var shown = document.getElementById("add-quote-shown");
  if (!doc || !field) { return; }
  function take() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!doc.contains(range.commonAncestorContainer)) { return; }
    var words = selection.toString();
    if (!words.trim()) { return; }
    field.value = words;
    if (shown) { shown.textContent = words; }
  }
  doc.addEventListener("mouseup", take);
  doc.addEventListener("keyup", take);
}());
