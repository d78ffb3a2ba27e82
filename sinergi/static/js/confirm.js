// Confirmation before a destructive or irreversible action.
//
// A form (or its submit button) carries `data-confirm="what will happen"` and may carry
// `data-confirm-yes="label of the go-ahead button"`. On submit the page shows the dialog
// `#confirm-dialog` (base.html) with that text; "Batal" changes nothing, the go-ahead button
// submits the form as the user meant to. The listener runs in the capture phase, before htmx
// sees the submit, so htmx forms are confirmed the same way.
(function () {
  "use strict";
  var confirmed = new WeakSet();

  function ask(text, yes, onYes) {
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") {
      if (window.confirm(text)) onYes();
      return;
    }
    dialog.querySelector("[data-confirm-text]").textContent = text;
    var go = dialog.querySelector("[data-confirm-go]");
    go.textContent = yes || go.getAttribute("data-default-label");
    dialog.returnValue = "";
    dialog.onclose = function () {
      if (dialog.returnValue === "yes") onYes();
    };
    dialog.showModal();
    dialog.querySelector("[data-confirm-cancel]").focus();
  }

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var submitter = event.submitter || null;
      var source =
        submitter && submitter.hasAttribute("data-confirm") ? submitter : form.hasAttribute("data-confirm") ? form : null;
      if (!source) return;
      if (confirmed.has(form)) {
        confirmed.delete(form);
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      event.stopPropagation();
      ask(source.getAttribute("data-confirm"), source.getAttribute("data-confirm-yes"), function () {
        confirmed.add(form);
        if (typeof form.requestSubmit === "function") form.requestSubmit(submitter || undefined);
        else form.submit();
      });
    },
    true
  );
})();
