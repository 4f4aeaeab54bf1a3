// The header's menu on small screens: the search and the navigation fold behind a
// "Menu" button (the stylesheet hides the button on wide screens, where both stay
// shown). A file, not an inline script: the Content-Security-Policy forbids those.
(() => {
  const button = document.querySelector("[data-menu-button]");
  const panel = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!panel) return;
  const header = button.closest(".site-header");

  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  };

  header.classList.add("has-menu");
  button.hidden = false;
  setOpen(false);

  button.addEventListener("click", () => {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      if (button.offsetParent !== null) button.focus();
    }
  });
})();
