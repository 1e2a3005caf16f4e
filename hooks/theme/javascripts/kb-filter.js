// Filter of a translation to-do list (hooks/status_page.py): rows whose text contains the query and whose
// state is ticked stay visible. The form is hidden until this script runs (without it, every row shows).
(function () {
  "use strict";
  document.querySelectorAll("[data-kb-filter]").forEach((form) => {
    const table = document.getElementById(form.getAttribute("data-kb-filter"));
    if (!table) return;
    const query = form.querySelector("input[type=search]");
    const states = form.querySelectorAll("input[type=checkbox]");
    const rows = Array.from(table.querySelectorAll("tbody tr"));
    function apply() {
      const text = query.value.trim().toLowerCase();
      const shown = new Set(Array.from(states).filter((box) => box.checked).map((box) => box.value));
      rows.forEach((row) => {
        row.hidden = !(shown.has(row.getAttribute("data-state")) &&
                       (!text || row.textContent.toLowerCase().includes(text)));
      });
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
  });
})();
