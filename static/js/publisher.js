/* The publisher page (/embed). Its words come from the page's markup, in the page's language. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-tq-error-summary]");
  var loaderSource = document.querySelector("script[data-tq-loader]").src;
  if (summary) summary.focus();
  // List the preview's events, as a publisher's own listener would see them.
  ["ready", "started", "question", "emergency", "completed"].forEach(function (type) {
    document.addEventListener("twitch-quiz:" + type, function (event) {
      var list = document.querySelector("[data-tq-preview-events]");
      var empty = list && list.querySelector("[data-tq-empty]");
      if (!list) return;
      if (empty) empty.remove();
      var item = document.createElement("li");
      var detail = JSON.stringify(event.detail);
      item.textContent = event.type + (detail === "{}" ? "" : " " + detail);
      list.appendChild(item);
    });
  });

  // Copy: "Copied" on the button; if the clipboard is refused, select the text instead.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-tq-copy]");
    if (!button) return;
    var code = document.getElementById(button.getAttribute("data-tq-copy"));
    var status = button.parentNode.querySelector("[data-tq-copied]");
    var label = button.dataset.label = button.dataset.label || button.textContent;
    function select() {
      var range = document.createRange();
      range.selectNodeContents(code);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      status.textContent = status.dataset.selected;
    }
    function copied() {
      button.textContent = button.dataset.done;
      status.textContent = status.dataset.done;
      setTimeout(function () { button.textContent = label; }, 3000);
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(code.textContent).then(copied, select);
    else select();
  });

  var form = document.querySelector("[data-tq-embed-form]");
  if (!form) return;
  // The picker fills in the hex field, and the field moves the picker.
  var picker = form.querySelector("[data-tq-picker]");
  var accent = form.elements.accent;
  picker.addEventListener("input", function () { accent.value = picker.value; });
  accent.addEventListener("input", function () {
    if (/^#[0-9a-f]{6}$/i.test(accent.value)) picker.value = accent.value.toLowerCase();
  });

  // Live update: fetch this page for the new options and swap in its snippet and preview.
  if (!window.fetch) return;
  form.addEventListener("change", function () {
    var query = new URLSearchParams(new FormData(form)).toString();
    fetch(form.action + "?" + query).then(function (response) {
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      page.querySelectorAll("noscript").forEach(function (element) { element.remove(); });
      // The language switch keeps the options too.
      ["[data-tq-embed-output]", ".tq-language"].forEach(function (selector) {
        var fresh = page.querySelector(selector), shown = document.querySelector(selector);
        if (fresh && shown) shown.replaceWith(fresh);
      });
      history.replaceState(null, "", "?" + query);
      var loader = document.createElement("script"); // loads the new preview's frame
      loader.src = loaderSource;
      document.body.appendChild(loader);
    });
  });
})();
