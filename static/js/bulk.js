// "Select all on this page": a check box with data-select-all="<name>" ticks, or clears, the
// check boxes of that name in its form (the rows' boxes belong to the form by its id). Without
// script the rows are ticked one by one.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-all]");
  if (!all || !all.form) return;
  for (const box of all.form.elements) {
    if (box.type === "checkbox" && box.name === all.dataset.selectAll) box.checked = all.checked;
  }
});
