// Body map on the "where" question: each region mirrors one checkbox, both ways.
// The checkboxes remain the form; a region only ticks or unticks its checkbox.
(function () {
  "use strict";
  var map = document.querySelector("[data-tq-bodymap]");
  if (!map) return;
  var regions = map.querySelectorAll("[data-tq-input]");

  function inputOf(region) {
    return document.getElementById(region.getAttribute("data-tq-input"));
  }

  function sync() {
    regions.forEach(function (region) {
      var input = inputOf(region);
      region.setAttribute("aria-checked", input && input.checked ? "true" : "false");
    });
  }

  function toggle(region) {
    var input = inputOf(region);
    if (!input) return;
    input.checked = !input.checked;
    // A real change event, so every other listener (and sync below) sees it.
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function regionOf(event) {
    return event.target.closest && event.target.closest("[data-tq-input]");
  }

  map.addEventListener("click", function (event) {
    var region = regionOf(event);
    if (region) toggle(region);
  });
  map.addEventListener("keydown", function (event) {
    var region = regionOf(event);
    if (!region || (event.key !== " " && event.key !== "Enter")) return;
    event.preventDefault(); // Space would scroll; Enter would do nothing useful
    toggle(region);
  });
  document.addEventListener("change", sync);
  window.addEventListener("pageshow", sync); // the browser may restore ticks after Back
  sync();
})();
