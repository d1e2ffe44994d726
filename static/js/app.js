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

// ---------------------------------------------------------------------------------------------
// Inside a publisher's iframe (see static/embed.js): report this page's height and a few events
// to the host page. Messages are namespaced and versioned ({source, v, type}) and are posted only
// to the host origin the loader put in the URL (validated by the server), never to "*"; without
// it nothing is sent. They never carry an answer: the page kind, a question's position, and on
// the explainer the care level. Pages say what they are in data-tq-* attributes on <body>.
(function () {
  "use strict";
  var body = document.body;
  var host = body.getAttribute("data-tq-host");
  if (!host || window.parent === window) return;
  var page = body.dataset;

  function send(type, fields) {
    var message = { source: "twitch-quiz", v: 1, type: type };
    for (var name in fields) message[name] = fields[name];
    window.parent.postMessage(message, host);
  }

  send("ready");
  if (page.tqStarted !== undefined) send("started");
  if (page.tqPage === "question") send("question", { position: parseInt(page.tqPosition, 10) });
  if (page.tqPage === "interruption") send("emergency");
  if (page.tqPage === "result") send("completed", { careLevel: page.tqCareLevel });

  // Only a page that is the same for everyone reports its height; on one built from answers the
  // height would tell the host about them, so the loader makes the frame screen-tall instead.
  if (page.tqFitsContent === undefined) return send("fill");

  // The root element is as tall as the content. (scrollHeight never drops below the frame's own
  // height, so a frame sized by it could only ever grow.)
  if (!window.ResizeObserver) return;
  var reported = 0;
  new ResizeObserver(function () {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== reported) {
      reported = height;
      send("resize", { height: height });
    }
  }).observe(document.documentElement);
})();
