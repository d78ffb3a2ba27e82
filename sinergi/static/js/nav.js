// The main menu as a drawer on a phone.
//
// Without this script the menu stays in view and wraps, so every item is reachable anyway. With
// it, at phone width (the stylesheet decides, through `.mainnav.is-collapsible`), the menu folds
// behind the "Menu" button in the top bar and opens below it. It closes on Escape (the focus goes
// back to the button), on a click outside it and on a choice of item.
//
// It also shows the "back" button of the error pages.
(function () {
  "use strict";

  // An error page's "back" button, shown only when the previous page is one of ours.
  function startBack() {
    var back = document.querySelector("[data-history-back]");
    if (!back || !document.referrer || window.history.length < 2) return;
    try {
      if (new URL(document.referrer).origin !== window.location.origin) return;
    } catch (error) {
      return;
    }
    back.hidden = false;
    back.addEventListener("click", function () {
      window.history.back();
    });
  }

  function start() {
    startBack();
    var button = document.querySelector("[data-nav-toggle]");
    var nav = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) return;

    function setOpen(open) {
      nav.classList.toggle("is-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function isOpen() {
      return button.getAttribute("aria-expanded") === "true";
    }

    nav.classList.add("is-collapsible");
    button.hidden = false;
    setOpen(false);

    button.addEventListener("click", function () {
      setOpen(!isOpen());
      if (isOpen()) {
        var first = nav.querySelector("a");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && isOpen()) {
        setOpen(false);
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (isOpen() && !nav.contains(event.target) && !button.contains(event.target)) setOpen(false);
    });
    nav.addEventListener("click", function (event) {
      if (event.target.closest("a")) setOpen(false);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
