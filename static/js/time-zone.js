// The browser's time zone as the default of a time-zone choice: it fills the hidden field the
// server falls back on, and preselects it in the list while the person has chosen nothing.
// Without this file the form still works: the university's zone is used.
(function () {
  "use strict";
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!zone) {
    return;
  }
  document.querySelectorAll("input[data-browser-time-zone]").forEach(function (input) {
    input.value = zone;
  });
  document.querySelectorAll("select[data-time-zone-choice]").forEach(function (select) {
    if (select.value === "" && select.querySelector('option[value="' + CSS.escape(zone) + '"]')) {
      select.value = zone;
    }
  });
})();
