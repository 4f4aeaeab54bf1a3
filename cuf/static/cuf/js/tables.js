// A table wider than the screen scrolls sideways inside its figure (site.css): the
// keyboard must be able to reach that scrolling box, and a screen reader say what it is.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll(".prose figure.table").forEach(function (figure) {
    if (figure.scrollWidth > figure.clientWidth) {
      figure.tabIndex = 0;
      figure.setAttribute("role", "region");
      figure.setAttribute("aria-label", "Tableau, à faire défiler horizontalement");
    }
  });
});
