/* The fill-in tools (docs/tools/): the self-check, the safety plan and the appointment summary.
 *
 * They keep nothing. Nothing here writes to cookies, local or session storage, IndexedDB or any
 * cache, or sends a request; there is no <form>, so nothing can be submitted or put in the address.
 * Without JavaScript every field still works and prints; this only adds:
 *
 * - the Print and Clear buttons (hidden until this runs);
 * - clearing every field when the reader leaves the page, and again when it is shown, so that the
 *   browser's back-forward cache or a restored tab does not bring back what was written;
 * - text boxes that grow to fit what was typed when printed, in browsers without field-sizing.
 */
(function () {
  "use strict";

  var tools = Array.prototype.slice.call(document.querySelectorAll("[data-tool]"));
  if (!tools.length) return;

  function fields() {
    return Array.prototype.slice.call(document.querySelectorAll(
      "[data-tool] input, [data-tool] textarea, [data-tool] select"));
  }

  function clearAll() {
    fields().forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = false;
      } else if (field.tagName === "SELECT") {
        field.selectedIndex = 0;
      } else {
        field.value = "";
      }
    });
    document.dispatchEvent(new CustomEvent("hic-tool-cleared"));
  }

  function announce(message) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-tool-status]"), function (status) {
      status.textContent = message;
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-tool-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-tool-clear]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      clearAll();
      announce("Everything on this page has been cleared.");
      var first = fields()[0];
      if (first) first.focus();
    });
  });

  // Leaving the page clears it, so Back or the back-forward cache show it empty; a browser that
  // puts back what a restored tab held has done so by the time the page is parsed.
  window.addEventListener("pagehide", clearAll);
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    clearAll();
    announce("");
  });
  clearAll();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", clearAll);

  // Printed text boxes show everything typed in them, not only what fits their box on screen.
  var grows = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
  var sized = [];
  window.addEventListener("beforeprint", function () {
    if (grows) return;
    sized = Array.prototype.slice.call(document.querySelectorAll("[data-tool] textarea"));
    sized.forEach(function (box) {
      if (box.value) box.style.height = box.scrollHeight + 8 + "px";
    });
  });
  window.addEventListener("afterprint", function () {
    sized.forEach(function (box) {
      box.style.height = "";
    });
    sized = [];
  });
})();
