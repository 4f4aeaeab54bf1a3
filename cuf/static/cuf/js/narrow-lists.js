// On a phone, each row of an admin list is shown as a card (admin.css): each cell is
// given its column's name (data-label), which the card shows before the value, since the
// column headings are out of sight there. Loaded on every admin page; waits for it.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("#result_list").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.classList.contains("action-checkbox-column") ? "" : th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (names[index] && index > 1) {
          cell.setAttribute("data-label", names[index]);
        }
      });
    });
  });
});
