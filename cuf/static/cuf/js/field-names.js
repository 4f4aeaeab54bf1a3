// Select2 (the admin's autocomplete for themes and authors) draws its own boxes, which
// do not carry the label of the field they replace: give them its name, for screen
// readers (RGAA 11.1). Boxes are drawn by the admin's own script, at a time of its
// choosing and again for added rows: each one is named as it appears.
(function () {
  "use strict";

  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      if (!label || !container || !container.classList.contains("select2")) {
        return;
      }
      var name = label.textContent.replace(/\s*:\s*$/, "").trim();
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        if (field.getAttribute("aria-label") !== name) {
          field.setAttribute("aria-label", name);
        }
      });
      container.querySelectorAll('.select2-selection[role="combobox"]').forEach(function (box) {
        if (box.getAttribute("aria-label") !== name) {
          box.setAttribute("aria-label", name);
        }
        if (box.hasAttribute("aria-labelledby")) {
          box.removeAttribute("aria-labelledby");
        }
      });
      container.querySelectorAll(".select2-selection__rendered").forEach(function (shown) {
        if (shown.getAttribute("aria-label") !== name) {
          shown.setAttribute("aria-label", name);
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameBoxes();
    new MutationObserver(nameBoxes).observe(document.body, { childList: true, subtree: true });
  });
})();
