// Small enhancements for the reader. Everything works without them.
// Material's instant navigation swaps pages without reloading, so run on every page it shows.
function readerInit() {
  // Name the search dialog for screen readers (Material's markup leaves it unnamed).
  const search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");

  // Sortable tables: each column heading becomes a button; a second press reverses the order.
  document.querySelectorAll(".reader-sortable table").forEach((table) => {
    const headings = table.querySelectorAll("thead th");
    headings.forEach((th, column) => {
      if (th.querySelector("button")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "reader-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headings.forEach((other) => other.setAttribute("aria-sort", "none"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        const key = (row) => row.cells[column].textContent.trim();
        const numeric = rows.every((row) => key(row) === "" || !isNaN(Number(key(row).replace(/,/g, ""))));
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          const order = numeric ? Number(x.replace(/,/g, "") || 0) - Number(y.replace(/,/g, "") || 0) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach((row) => body.appendChild(row));
      });
    });
  });
}

if (typeof document$ !== "undefined") {
  document$.subscribe(readerInit);
} else {
  document.addEventListener("DOMContentLoaded", readerInit);
}
