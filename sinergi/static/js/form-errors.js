// A rejected form shows why at the top of the screen, and the keyboard starts there.
//
// On load, the first error summary of the page — an element marked `[data-form-errors]`, else the
// first `.errorlist` inside a form — is scrolled into view and focused, so a screen reader reads it
// and a phone user sees it without hunting for it. A summary's links to fields move the focus to
// that field.
(function () {
  "use strict";
  if (window.sinergiFormErrors) return;
  window.sinergiFormErrors = true;

  function start() {
    var summary = document.querySelector("[data-form-errors]") || document.querySelector("form .errorlist");
    if (!summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.scrollIntoView({ block: "center" });
      field.focus();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
