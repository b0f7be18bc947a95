/* The self-check (docs/tools/self-check.md): counts the reader's "yes" answers on the page and shows
 * what the count means. Nothing is stored or sent. Without JavaScript the page gives the counting
 * rule in words and the meaning of each count, so a reader can count by hand or on paper.
 *
 * The rule, as the page states it: "no" to the event question gives 0; otherwise, the number of
 * "yes" answers to questions 1 to 5. Bands: 3 to 5, 1 or 2, and 0.
 */
(function () {
  "use strict";

  var tool = document.querySelector('[data-tool="self-check"]');
  if (!tool) return;
  var button = tool.querySelector("[data-self-check-show]");
  var result = tool.querySelector("[data-self-check-result]");
  var count = tool.querySelector("#sc-count");
  var bands = Array.prototype.slice.call(document.querySelectorAll(".tool-band[data-band]"));
  var QUESTIONS = ["sc-q1", "sc-q2", "sc-q3", "sc-q4", "sc-q5"];
  var shown = false;

  function answer(name) {
    var chosen = tool.querySelector('input[name="' + name + '"]:checked');
    return chosen ? chosen.value : null;
  }

  function band(total) {
    if (total >= 3) return "3";
    if (total >= 1) return "1";
    return "0";
  }

  function paragraph(text) {
    var element = document.createElement("p");
    element.textContent = text;
    return element;
  }

  function score() {
    var event = answer("sc-event");
    var yes = 0;
    var unanswered = [];
    QUESTIONS.forEach(function (name, index) {
      var value = answer(name);
      if (value === "yes") yes += 1;
      if (value === null) unanswered.push(String(index + 1));
    });
    return { event: event, total: event === "no" ? 0 : yes, unanswered: unanswered };
  }

  function describe(found) {
    var parts = [];
    if (found.event === "no") {
      parts.push("You answered “no” in Part 1, so your count is 0.");
    } else {
      parts.push("You answered “yes” to " + found.total + " of the 5 questions about the past month.");
      if (found.event === null) parts.push("You did not answer Part 1. This count uses your other answers.");
      if (found.unanswered.length) {
        parts.push("You did not answer question" + (found.unanswered.length > 1 ? "s " : " ") +
          found.unanswered.join(", ") + ". Only “yes” answers are counted.");
      }
    }
    return parts;
  }

  function show() {
    var found = score();
    var chosen = band(found.total);
    var match = null;
    bands.forEach(function (element) {
      var mine = element.getAttribute("data-band") === chosen;
      element.classList.toggle("tool-band--yours", mine);
      if (mine) match = element;
    });
    count.value = String(found.total);

    result.textContent = "";
    var heading = document.createElement("h3");
    heading.textContent = "Your result";
    result.appendChild(heading);
    describe(found).forEach(function (text) { result.appendChild(paragraph(text)); });
    if (match) {
      Array.prototype.forEach.call(match.querySelectorAll("p"), function (text) {
        result.appendChild(text.cloneNode(true));
      });
    }
    result.appendChild(paragraph("Only a trained professional can diagnose PTSD. " +
      "Whatever your answers, you can reach out for support."));
    result.hidden = false;
    shown = true;
  }

  function reset() {
    shown = false;
    result.hidden = true;
    result.textContent = "";
    bands.forEach(function (element) { element.classList.remove("tool-band--yours"); });
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    show();
    result.focus();
  });
  // Once shown, the result follows any answer the reader changes.
  tool.addEventListener("change", function (event) {
    if (shown && event.target.type === "radio") show();
  });
  document.addEventListener("hic-tool-cleared", reset);
})();
