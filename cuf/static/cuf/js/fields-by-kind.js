// A form whose fields depend on a choice (a resource's kind): each row marked
// data-shown-for shows only for the kinds it lists. A hidden row's field is disabled, so
// that it is not sent (the server refuses a text alternative for anything but a photo, a
// transcription for anything but a sound or a video). A row with an error always shows.
// Rows are marked by the form (cuf.admin.publishable.PublishableAdmin.fields_by_kind).
// Loaded in the admin's <head>: it waits for the page.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var config = document.getElementById("cuf-fields-by-kind");
  if (!config) {
    return;
  }
  var rules = JSON.parse(config.textContent);
  var chooser = document.getElementById("id_" + rules.chooser);
  if (!chooser) {
    return; // read-only: the server shows only the fields of the item's kind
  }
  function apply() {
    Object.keys(rules.fields).forEach(function (name) {
      var row = document.querySelector(".form-row.field-" + name);
      if (!row) {
        return;
      }
      var shown =
        rules.fields[name].indexOf(chooser.value) !== -1 || row.classList.contains("errors");
      row.hidden = !shown;
      row.querySelectorAll("input, textarea, select").forEach(function (input) {
        input.disabled = !shown;
      });
    });
  }
  function mark() {
    // A field required for some kinds only ("Texte alternatif" for a photo) is marked
    // required (the asterisk, and for screen readers) when one of them is chosen.
    Object.keys(rules.required || {}).forEach(function (name) {
      var input = document.getElementById("id_" + name);
      var label = document.querySelector('label[for="id_' + name + '"]');
      var required = rules.required[name].indexOf(chooser.value) !== -1;
      if (input) {
        input.required = required;
      }
      if (label) {
        label.classList.toggle("required", required);
      }
    });
  }
  chooser.addEventListener("change", apply);
  chooser.addEventListener("change", mark);
  mark();
  apply();
});
