/* The directory's instant filters. Without JavaScript the page already lists every service; this
   only shows the filter form, hides what does not match, and says how many services are shown.
   The chosen country is kept on this device only, under "hic-country" (lowercase code, e.g. "gb"),
   which the urgent-help banner on every page also reads. */
(function () {
  "use strict";
  var STORAGE_KEY = "hic-country";
  var form = document.querySelector("form.dir-filters");
  var listing = document.querySelector(".dir-listing");
  if (!form || !listing) return;

  var entries = Array.prototype.slice.call(listing.querySelectorAll(".dir-entry"));
  var groups = Array.prototype.slice.call(listing.querySelectorAll(".dir-group"));
  var count = form.querySelector(".dir-count");
  var none = listing.querySelector(".dir-none");
  var country = form.elements.country;

  function remembered() {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return null; // storage blocked: start with every country
    }
  }

  function remember(code) {
    try {
      if (code) localStorage.setItem(STORAGE_KEY, code);
      else localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      /* storage blocked: the choice lasts until the page is closed */
    }
  }

  function words(element, name) {
    return (element.getAttribute("data-" + name) || "").split(" ");
  }

  function matches(entry, choice) {
    var countries = words(entry, "countries");
    return (!choice.country || countries.indexOf(choice.country) >= 0 || countries.indexOf("international") >= 0) &&
      (!choice.kind || entry.getAttribute("data-kind") === choice.kind) &&
      (!choice.tag || words(entry, "tags").indexOf(choice.tag) >= 0) &&
      (!choice.contact || words(entry, "contacts").indexOf(choice.contact) >= 0) &&
      (!choice.alwaysOpen || entry.getAttribute("data-always-open") === "true") &&
      (!choice.free || entry.getAttribute("data-free") === "true");
  }

  // The chosen country's crisis lines move to the top of the country list.
  function putCountryFirst(code) {
    var section = document.querySelector('.dir-country[data-country="' + code + '"]');
    if (section && section.parentNode.firstElementChild !== section) {
      section.parentNode.insertBefore(section, section.parentNode.firstElementChild);
    }
  }

  function apply() {
    var choice = {
      country: country.value,
      kind: form.elements.kind.value,
      tag: form.elements.tag.value,
      contact: form.elements.contact.value,
      alwaysOpen: form.elements["always-open"].checked,
      free: form.elements.free.checked
    };
    var shown = 0;
    entries.forEach(function (entry) {
      var match = matches(entry, choice);
      entry.hidden = !match;
      if (match) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".dir-entry:not([hidden])");
    });
    none.hidden = shown > 0;
    count.textContent = shown === entries.length
      ? "Showing all " + entries.length + " services."
      : "Showing " + shown + " of " + entries.length + " service" + (entries.length === 1 ? "" : "s") + ".";
  }

  form.hidden = false;
  var stored = remembered();
  if (stored && /^[a-z]{2}$/.test(stored) && country.querySelector('option[value="' + stored + '"]')) {
    country.value = stored;
    putCountryFirst(stored);
  }

  form.addEventListener("change", function (event) {
    if (event.target === country) {
      remember(country.value);
      if (country.value) putCountryFirst(country.value);
    }
    apply();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    // After the browser has reset the fields; the remembered country stays until "Forget" is chosen.
    window.setTimeout(apply, 0);
  });
  form.querySelector(".dir-filters__forget").addEventListener("click", function () {
    remember("");
    country.value = "";
    apply();
  });
  apply();
})();
