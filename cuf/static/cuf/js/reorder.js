// "Monter" / "Descendre" beside each saved document of a communiqué: the keyboard's way
// to reorder what django-admin-sortable2 reorders by dragging. The document moves past its
// neighbour, the hidden positions are renumbered as sortable2 does after a drag, the focus
// stays on the button pressed and the new position is said in the status region.
// Loaded in the admin's <head>: it waits for the page.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("fieldset[data-cuf-reorder]").forEach(function (fieldset) {
    var status = document.getElementById(fieldset.getAttribute("data-cuf-reorder"));
    var selector = ".inline-related.has_original";

    function renumber() {
      fieldset.querySelectorAll(selector).forEach(function (item, index) {
        var position = item.querySelector("input._reorder_");
        if (position) {
          position.value = String(index + 1);
        }
      });
    }

    // A drag ends with sortable2's own renumbering; say where the document landed too.
    fieldset.addEventListener("drop", function () {
      window.setTimeout(renumber, 0);
    });

    fieldset.addEventListener("click", function (event) {
      var button = event.target.closest("button.cuf-move");
      if (!button) {
        return;
      }
      var item = button.closest(selector);
      var items = Array.prototype.slice.call(fieldset.querySelectorAll(selector));
      var index = items.indexOf(item);
      var name = item.querySelector(".inline_label").textContent.trim();
      var up = button.getAttribute("data-move") === "up";
      if (up && index === 0) {
        status.textContent = "« " + name + " » est déjà le premier document.";
        return;
      }
      if (!up && index === items.length - 1) {
        status.textContent = "« " + name + " » est déjà le dernier document.";
        return;
      }
      if (up) {
        items[index - 1].insertAdjacentElement("beforebegin", item);
      } else {
        items[index + 1].insertAdjacentElement("afterend", item);
      }
      renumber();
      button.focus();
      var position = index + (up ? 0 : 2);
      status.textContent =
        "« " + name + " » est maintenant en position " + position + " sur " + items.length +
        " ; enregistrez pour garder cet ordre.";
    });
  });
});
