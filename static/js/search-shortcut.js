// "/" anywhere outside a text field puts the focus in the top bar's search box, as on many
// sites; the box is an ordinary GET form, so everything else works without this file.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    var box = document.getElementById("portal-search-q");
    if (box && box.offsetParent !== null) {
      event.preventDefault();
      box.focus();
    }
  });
})();
