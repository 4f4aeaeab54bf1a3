// "Copier le lien" beside a shareable preview link: copies its full address and says so
// to everyone, screen readers included (the status region next to the button).
// Loaded in the admin's <head>: it waits for the page.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var link = document.getElementById(button.getAttribute("data-copy-link"));
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    if (!link || !status || !navigator.clipboard) {
      return; // the link stays there to copy by hand
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(link.href).then(
        function () {
          status.textContent = "Lien copié : vous pouvez le coller dans un message.";
        },
        function () {
          status.textContent =
            "Copie impossible : cliquez sur le lien avec le bouton droit, puis « Copier l’adresse du lien ».";
        }
      );
    });
  });
});
