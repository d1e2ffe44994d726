/* Twitching quiz embed loader: <div data-twitch-quiz data-region="uk"></div> plus this script.
   Makes the iframe, keeps it as tall as its content (pages built from answers: as the screen),
   and re-emits the quiz's events on the placeholder as "twitch-quiz:<type>" CustomEvents.
   No answer ever reaches this page. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var app = new URL("../", script.src); // this file is the app's /static/embed.js
  var embeds = [];
  var careLevels = ["self-care", "non-urgent", "urgent", "emergency"];

  function pixels(value, fallback) {
    var number = parseInt(value, 10);
    return number > 0 ? number : fallback;
  }

  function load() {
    document.querySelectorAll("[data-twitch-quiz]").forEach(function (box) {
      if (box.querySelector("iframe")) return; // this script included twice
      var data = box.dataset;
      var url = new URL(app);
      ["region", "lang", "theme", "accent", "compact"].forEach(function (name) {
        if (data[name]) url.searchParams.set(name, data[name]);
      });
      url.searchParams.set("host", location.origin); // the frame posts its events to this origin only
      var frame = document.createElement("iframe");
      frame.title = data.title || "Muscle twitching quiz";
      frame.loading = "lazy";
      frame.referrerPolicy = "no-referrer";
      var embed = { box: box, frame: frame, min: pixels(data.minHeight, 320), max: pixels(data.maxHeight, 12000) };
      frame.style.cssText = "display:block;width:100%;border:0;height:" + embed.min + "px";
      frame.src = url;
      embeds.push(embed);
      box.appendChild(frame);
    });
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (event.origin !== app.origin || !message || message.source !== "twitch-quiz" || message.v !== 1) return;
    embeds.forEach(function (embed) {
      if (event.source !== embed.frame.contentWindow) return;
      var type = message.type;
      var detail = {};
      if (type === "resize") {
        embed.frame.style.height = Math.min(Math.max(Math.ceil(message.height) || 0, embed.min), embed.max) + "px";
        return;
      }
      if (type === "fill") { // a page built from answers: as tall as the screen, whatever it holds
        embed.frame.style.height = "clamp(" + embed.min + "px,90vh," + embed.max + "px)";
        return;
      }
      if (type === "ready") {
        if (embed.ready) {
          // A new page in the frame after a click: show its top if the reader had scrolled past it.
          if (embed.frame.getBoundingClientRect().top < 0) embed.frame.scrollIntoView();
          return;
        }
        embed.ready = true;
      } else if (type === "question") {
        detail.position = message.position;
        if (!Number.isInteger(detail.position) || detail.position < 1) return;
      } else if (type === "completed") {
        detail.careLevel = message.careLevel;
        if (careLevels.indexOf(detail.careLevel) < 0) return;
      } else if (type !== "started" && type !== "emergency") {
        return;
      }
      embed.box.dispatchEvent(new CustomEvent("twitch-quiz:" + type, { bubbles: true, detail: detail }));
    });
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
