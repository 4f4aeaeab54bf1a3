// Merging themes: the sentence under the choice says what merging into the theme chosen
// will do (each theme's sentence is in the page; the others stay hidden).
// Loaded in the admin's <head>: it waits for the page.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var radios = document.querySelectorAll(".cuf-merge input[type=radio]");
  var summaries = document.querySelectorAll("[data-merge-summary]");
  function show() {
    var chosen = document.querySelector(".cuf-merge input[type=radio]:checked");
    if (!chosen) {
      return;
    }
    summaries.forEach(function (summary) {
      summary.hidden = summary.getAttribute("data-merge-summary") !== chosen.value;
    });
  }
  radios.forEach(function (radio) {
    radio.addEventListener("change", show);
  });
  show();
});
