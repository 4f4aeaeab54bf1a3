// The "Imprimer" button: hidden in the HTML, shown here because it needs JavaScript.
// A file, not an inline script: the Content-Security-Policy forbids inline scripts.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
