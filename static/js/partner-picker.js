// The searchable partner picker of the agreement forms (tom-select, served from node_modules),
// started here rather than by an inline script (the CSP allows none). Without JavaScript the
// list stays a plain multiple select.
// - The options come from the server (data-picker-search: JSON {results: [{value, text}]}),
//   which normalizes the query as every search of the portal does (ي/ی, ك/ک, digits, ZWNJ),
//   so the picker keeps the server's answer as it is instead of filtering it again.
// - A missing institution is added in a dialog (data-picker-add: the id of its Bootstrap
//   modal) that posts to the server; the new option is chosen, or the translated reasons are
//   shown under the dialog's fields, what was typed kept.
(function () {
  "use strict";

  function fetchJson(url, options) {
    return fetch(url, Object.assign({ credentials: "same-origin", headers: { Accept: "application/json" } }, options || {}))
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      });
  }

  function clearErrors(form) {
    form.querySelectorAll(".is-invalid").forEach(function (field) {
      field.classList.remove("is-invalid");
      field.removeAttribute("aria-invalid");
    });
    form.querySelectorAll("[data-picker-error]").forEach(function (node) {
      node.remove();
    });
    var summary = form.querySelector("[data-dialog-error]");
    summary.hidden = true;
    summary.textContent = "";
  }

  function showErrors(form, errors) {
    var first = null;
    var summary = form.querySelector("[data-dialog-error]");
    Object.keys(errors).forEach(function (name) {
      var field = form.querySelector('[name="' + form.dataset.prefix + "-" + name + '"]');
      var text = errors[name].join(" ");
      if (!field) {
        summary.textContent = (summary.textContent + " " + text).trim();
        summary.hidden = false;
        return;
      }
      var feedback = document.createElement("div");
      feedback.className = "invalid-feedback d-block";
      feedback.id = field.id + "-error";
      feedback.setAttribute("data-picker-error", "");
      feedback.textContent = text;
      field.classList.add("is-invalid");
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", feedback.id);
      field.insertAdjacentElement("afterend", feedback);
      first = first || field;
    });
    (first || summary).focus();
  }

  function startDialog(picker, dialogId, opener) {
    var dialog = document.getElementById(dialogId);
    if (!dialog || !window.bootstrap) {
      return; // the link opens the institution's own page instead
    }
    var form = dialog.querySelector("form");
    var modal = window.bootstrap.Modal.getOrCreateInstance(dialog);
    opener.addEventListener("click", function (event) {
      event.preventDefault();
      clearErrors(form);
      modal.show();
    });
    dialog.addEventListener("shown.bs.modal", function () {
      var first = form.querySelector("input:not([type=hidden]), select");
      if (first) {
        first.focus();
      }
    });
    dialog.addEventListener("hidden.bs.modal", function () {
      picker.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors(form);
      var submit = form.querySelector("[type=submit]");
      submit.disabled = true;
      fetchJson(form.action, { method: "POST", body: new FormData(form) })
        .then(function (answer) {
          if (!answer.ok) {
            showErrors(form, answer.data.errors || {});
            return;
          }
          picker.addOption(answer.data);
          picker.addItem(answer.data.value);
          form.reset();
          modal.hide();
        })
        .catch(function () {
          showErrors(form, { __all__: [form.dataset.failed] });
        })
        .finally(function () {
          submit.disabled = false;
        });
    });
  }

  function start(select) {
    // The values the server answered for the query it was asked last: only these are shown,
    // never options left from an earlier query (nor the form's whole list).
    var answered = { query: null, values: new Set() };
    var picker = new window.TomSelect(select, {
      plugins: ["remove_button"],
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: null,
      loadThrottle: 250,
      preload: "focus",
      // The server has matched the query: its options are shown as they are, in its order.
      score: function (query) {
        return function (option) {
          return query === answered.query && answered.values.has(option.value) ? 1 : 0;
        };
      },
      load: function (query, callback) {
        var url = select.dataset.pickerSearch + "?q=" + encodeURIComponent(query);
        fetchJson(url)
          .then(function (answer) {
            var results = answer.ok ? answer.data.results : [];
            answered = {
              query: query,
              values: new Set(results.map(function (option) { return option.value; })),
            };
            picker.clearOptions();
            callback(results);
          })
          .catch(function () {
            callback();
          });
      },
      render: {
        no_results: function (data, escape) {
          return '<div class="no-results">' + escape(select.dataset.pickerNone) + "</div>";
        },
      },
    });
    // The combobox stands for the list now (tom-select gave it the list's label); the list
    // stays in the form, out of the tab order, and is hidden from assistive technology too.
    select.setAttribute("aria-hidden", "true");
    // Only the chosen partners stay as options: the rest come from the server's search.
    picker.clearOptions();
    var opener = document.querySelector('[data-picker-opens="' + select.id + '"]');
    if (opener && select.dataset.pickerAdd) {
      startDialog(picker, select.dataset.pickerAdd, opener);
    }
  }

  function startAll() {
    if (!window.TomSelect) {
      return;
    }
    document.querySelectorAll("select[data-picker-search]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
