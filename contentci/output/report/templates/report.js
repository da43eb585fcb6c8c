// Sort the articles table by a column: click a header, click again to reverse.
(function () {
  var table = document.getElementById("articles");
  if (!table) { return; }
  var body = table.tBodies[0];
  var headers = table.querySelectorAll("th[data-key]");
  // A cell's sort value: its number, its text, or "" for a missing value ("–"), which sorts last.
  function value(row, column) {
    var cell = row.cells[column];
    var raw = cell ? cell.textContent.trim() : "";
    if (raw === "\u2013") { return ""; }
    return /^-?\d+(\.\d+)?$/.test(raw) ? parseFloat(raw) : raw;
  }
  function sortBy(th) {
    var key = th.cellIndex;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, key), y = value(b, key);
      if (x === y) { return 0; }
      if (x === "") { return 1; }
      if (y === "") { return -1; }
      if (typeof x !== typeof y) { x = String(x); y = String(y); }
      return (x < y ? -1 : 1) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  headers.forEach(function (th) {
    var button = th.querySelector("button");
    button.addEventListener("click", function () { sortBy(th); });
  });
})();
