/* Quick exit, after GOV.UK's "Exit this page" pattern.
 *
 * - The button and the hidden skip link are plain links to a neutral site, so they work without
 *   JavaScript. With it, leaving first covers the page with a blank "Loading." overlay, at once,
 *   then goes to the same address.
 * - Pressing Shift three times leaves too. Each press must come within 5 seconds of the last;
 *   any other key, or Shift held with another key, starts the count again. Dots in the button show
 *   the count, and a status message tells screen reader users how many presses are left.
 * - The page stays in the browser's history (leaving does not erase it). When the reader comes
 *   back to it, the overlay is taken away.
 */
(function () {
  "use strict";

  var PRESSES_TO_EXIT = 3;
  var PRESS_WINDOW_MS = 5000;

  var links = document.querySelectorAll("[data-hic-exit]");
  var button = document.querySelector(".hic-exit__button");
  var status = document.querySelector("[data-hic-exit-status]");
  if (!links.length) return;
  var destination = links[0].href;

  var presses = 0;
  var expiry = null;
  var shiftAlone = false;
  var overlay = null;

  function announce(message) {
    if (status) status.textContent = message;
  }

  function showCount() {
    if (button) button.setAttribute("data-presses", String(presses));
  }

  function resetCount() {
    clearTimeout(expiry);
    presses = 0;
    showCount();
  }

  function leave() {
    resetCount();
    overlay = document.createElement("div");
    overlay.className = "hic-exit-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = "Loading.";
    document.body.appendChild(overlay);
    window.location.href = destination;
  }

  function countShift() {
    presses += 1;
    clearTimeout(expiry);
    showCount();
    if (presses >= PRESSES_TO_EXIT) {
      leave();
      return;
    }
    var left = PRESSES_TO_EXIT - presses;
    announce("Shift pressed. Press Shift " + left + (left === 1 ? " more time" : " more times") +
      " to exit this page.");
    expiry = setTimeout(function () {
      resetCount();
      announce("Exit this page expired.");
    }, PRESS_WINDOW_MS);
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
  });

  // Capture phase: the count must see every key, even ones the page's own widgets handle.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) shiftAlone = true;
      return;
    }
    shiftAlone = false;
    if (presses > 0) {
      resetCount();
      announce("");
    }
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone) return;
    shiftAlone = false;
    countShift();
  }, true);

  // Coming back with Back (possibly from the back-forward cache): show the page again.
  window.addEventListener("pageshow", function () {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    resetCount();
    announce("");
  });
})();
