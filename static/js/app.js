// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var doc = document;

  // On a validation error, move focus to the error summary without scrolling a host page.
  var summary = doc.querySelector("[data-tq-error-summary]");
  if (summary) summary.focus({ preventScroll: true });

  // Error summary links: focus the input itself (its label stays in view).
  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".tq-error-summary a");
    if (!link) return;
    var input = doc.getElementById(link.getAttribute("href").slice(1));
    if (!input) return;
    event.preventDefault();
    input.focus();
  });

  // "None of these" cannot be combined with another checkbox: untick the other side.
  doc.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "checkbox" || !input.checked) return;
    var group = input.closest("[data-tq-exclusive-group]");
    if (!group) return;
    var exclusive = input.hasAttribute("data-tq-exclusive");
    group.querySelectorAll("input[type=checkbox]").forEach(function (other) {
      if (other !== input && other.hasAttribute("data-tq-exclusive") !== exclusive) other.checked = false;
    });
  });

  var print = doc.querySelector("[data-tq-print]");
  if (print) print.addEventListener("click", function () { window.print(); });
})();
