/* The directory's filters, "open now", and the reader's country. Without JavaScript every page
   already lists every service; this only shows the filters, hides what does not match, and says
   how many services are shown. Nothing is sent anywhere: the country is guessed on this device
   from the browser's time zone and language, and a country the reader chooses is kept on this
   device only, under "hic-country" (lowercase code, e.g. "gb"), which the urgent-help banner on
   every page also reads. "Open now" uses each service's published hours and this device's clock. */
(function () {
  "use strict";
  var STORAGE_KEY = "hic-country";

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

  // Minutes since Monday 00:00 in a time zone, from this device's clock.
  function minuteOfWeek(zone, now) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(now).forEach(function (part) { parts[part.type] = part.value; });
    var day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday);
    return day * 1440 + parseInt(parts.hour, 10) * 60 + parseInt(parts.minute, 10);
  }

  // Whether an element's data-hours (a schedule) or data-always-open says it is open now.
  function isOpen(element, now) {
    if (element.getAttribute("data-always-open") === "true") return true;
    var hours = element.getAttribute("data-hours");
    if (!hours) return false; // hours in plain words never count as open now
    var schedule = JSON.parse(hours);
    var minute = minuteOfWeek(schedule.zone, now);
    return schedule.spans.some(function (span) {
      return (span[0] <= minute && minute < span[1]) ||
        (span[0] <= minute + schedule.week && minute + schedule.week < span[1]);
    });
  }

  // "Open now" and "Closed now" on an entry's own page.
  Array.prototype.forEach.call(document.querySelectorAll(".dir-open-now[data-hours]"), function (note) {
    note.textContent = isOpen(note, new Date()) ? "Open now, by its published hours." :
      "Closed now, by its published hours.";
    note.hidden = false;
  });

  // The reader's country first, wherever a page lists every country's crisis lines.
  function putCountryFirst(code) {
    Array.prototype.forEach.call(
      document.querySelectorAll('.dir-country[data-country="' + code + '"], .crisis-lines__country[data-country="' +
        code + '"]'),
      function (section) {
        var first = section.parentNode.querySelector(section.classList.contains("dir-country") ?
          ".dir-country" : ".crisis-lines__country");
        if (first !== section) section.parentNode.insertBefore(section, first);
      });
  }

  // A country from this device alone: its time zone, then the region of its language.
  function guess(options) {
    var zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) { /* no time zone */ }
    var byZone = options.filter(function (option) {
      return (option.getAttribute("data-zones") || "").split(" ").indexOf(zone) >= 0;
    })[0];
    if (byZone) return { code: byZone.value, from: "your device's time zone (" + zone + ")" };
    var language = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    var region = (language.split("-")[1] || "").toLowerCase();
    var byLanguage = options.filter(function (option) { return option.value === region; })[0];
    if (byLanguage) return { code: byLanguage.value, from: "your browser's language (" + language + ")" };
    return null;
  }

  var stored = remembered();
  if (stored && /^[a-z]{2}$/.test(stored)) putCountryFirst(stored);
  var guessNote = document.querySelector(".dir-guess");

  // The directory home: with no country chosen yet, guess one on this device and say so.
  var countryRows = Array.prototype.slice.call(document.querySelectorAll(".dir-country"));
  if (countryRows.length && !stored) {
    var rowGuess = guess(countryRows.map(function (row) {
      return { value: row.getAttribute("data-country"), getAttribute: function (name) {
        return row.getAttribute(name); } };
    }));
    if (rowGuess) {
      putCountryFirst(rowGuess.code);
      var named = document.querySelector('.dir-country[data-country="' + rowGuess.code + '"] a');
      if (guessNote && named) {
        guessNote.textContent = "We guessed " + named.textContent + " from " + rowGuess.from +
          ", on this device only, and put it first. Every other country is below.";
        guessNote.hidden = false;
      }
    }
  }

  // The directory home's filters: the link to every service carries the reader's choices, which
  // that page's filters then start from. Nothing is sent anywhere: it is only an address.
  var finder = document.querySelector(".dir-find");
  if (finder) {
    var go = finder.querySelector(".dir-find__go");
    var allServices = go.getAttribute("href");
    var findCountry = finder.querySelector('[name="country"]');
    var homeChoice = stored || (rowGuess && rowGuess.code);
    if (findCountry && homeChoice && findCountry.querySelector('option[value="' + homeChoice + '"]')) {
      findCountry.value = homeChoice;
    }
    var chosen = function () {
      var query = new URLSearchParams();
      Array.prototype.forEach.call(finder.querySelectorAll("select"), function (select) {
        if (select.value) query.set(select.name, select.value);
      });
      Array.prototype.forEach.call(finder.querySelectorAll("input[type=checkbox]"), function (box) {
        if (box.checked) query.set(box.name, "true");
      });
      var text = query.toString();
      go.setAttribute("href", allServices + (text ? "?" + text : ""));
    };
    finder.addEventListener("change", chosen);
    finder.hidden = false;
    chosen();
  }

  var filters = document.querySelector(".dir-filters:not(.dir-find)");
  var listing = document.querySelector(".dir-listing");
  if (!filters || !listing) return;

  var entries = Array.prototype.slice.call(listing.querySelectorAll(".dir-entry"));
  var groups = Array.prototype.slice.call(listing.querySelectorAll(".dir-group"));
  var count = filters.querySelector(".dir-count");
  var none = listing.querySelector(".dir-none");
  function field(name) { return filters.querySelector('[name="' + name + '"]'); }
  // The directory home chooses a country; a country's own page has no country to choose.
  var country = field("country") || { value: "", options: [], querySelector: function () { return null; } };
  var countryOptions = Array.prototype.slice.call(country.options).filter(function (o) { return o.value; });

  function words(element, name) {
    return (element.getAttribute("data-" + name) || "").split(" ");
  }

  function matches(entry, choice, now) {
    var countries = words(entry, "countries");
    var audiences = words(entry, "audiences");
    return (!choice.country || countries.indexOf(choice.country) >= 0 || countries.indexOf("international") >= 0) &&
      (!choice.audience || audiences.indexOf(choice.audience) >= 0) &&
      (!choice.kind || entry.getAttribute("data-kind") === choice.kind) &&
      (!choice.tag || words(entry, "tags").indexOf(choice.tag) >= 0) &&
      (!choice.language || words(entry, "languages").indexOf(choice.language) >= 0) &&
      (!choice.contact || words(entry, "contacts").indexOf(choice.contact) >= 0) &&
      (!choice.openNow || isOpen(entry, now)) &&
      (!choice.alwaysOpen || entry.getAttribute("data-always-open") === "true") &&
      (!choice.free || entry.getAttribute("data-free") === "true");
  }

  function apply() {
    var choice = {
      country: country.value, audience: field("audience").value, kind: field("kind").value,
      tag: field("tag").value, language: field("language").value, contact: field("contact").value,
      openNow: field("open-now").checked, alwaysOpen: field("always-open").checked, free: field("free").checked
    };
    var now = new Date();
    var shown = {};
    entries.forEach(function (entry) {
      if (matches(entry, choice, now)) shown[entry.getAttribute("data-entry")] = true;
    });
    // Services that belong together (an adult and a youth line) are shown together.
    entries.forEach(function (entry) {
      if (!shown[entry.getAttribute("data-entry")]) return;
      words(entry, "pair").forEach(function (partner) {
        if (partner && listing.querySelector('.dir-entry[data-entry="' + partner + '"]')) shown[partner] = true;
      });
    });
    var total = 0;
    entries.forEach(function (entry) {
      entry.hidden = !shown[entry.getAttribute("data-entry")];
      if (!entry.hidden) total += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".dir-entry:not([hidden])");
    });
    none.hidden = total > 0;
    count.textContent = total === entries.length
      ? "Showing all " + entries.length + " services."
      : "Showing " + total + " of " + entries.length + " service" + (entries.length === 1 ? "" : "s") + ".";
  }

  filters.hidden = false;
  // Choices made on the directory home arrive in the address; each selects only an option there is.
  var asked = new URLSearchParams(window.location.search);
  Array.prototype.forEach.call(filters.querySelectorAll("select"), function (select) {
    Array.prototype.forEach.call(select.options, function (option) {
      if (option.value && option.value === asked.get(select.name)) select.value = option.value;
    });
  });
  Array.prototype.forEach.call(filters.querySelectorAll("input[type=checkbox]"), function (box) {
    if (asked.get(box.name) === "true") box.checked = true;
  });
  // A country chosen on the home page is the reader's choice: nothing to remember or guess.
  var countryAsked = Boolean(country.value) && country.value === asked.get("country");
  var storedKnown = stored && /^[a-z]{2}$/.test(stored) && country.querySelector('option[value="' + stored + '"]');
  if (countryAsked) {
    putCountryFirst(country.value);
  } else if (storedKnown) {
    country.value = stored;
  } else if (countryOptions.length) {
    var guessed = guess(countryOptions);
    if (guessed) {
      country.value = guessed.code;
      putCountryFirst(guessed.code);
      if (guessNote) {
        guessNote.textContent = "We guessed " + country.options[country.selectedIndex].text + " from " +
          guessed.from + ", on this device only. Choose another country below if that is wrong.";
        guessNote.hidden = false;
      }
    }
  }

  filters.addEventListener("change", function (event) {
    if (event.target === country) {
      remember(country.value);
      if (country.value) putCountryFirst(country.value);
      if (guessNote) guessNote.hidden = true;
    }
    apply();
  });
  filters.querySelector(".dir-filters__reset").addEventListener("click", function () {
    // Every filter back to "all", country too; the remembered country stays until "Forget" is chosen.
    Array.prototype.forEach.call(filters.querySelectorAll("select"), function (select) {
      select.value = "";
    });
    Array.prototype.forEach.call(filters.querySelectorAll("input[type=checkbox]"), function (box) {
      box.checked = false;
    });
    apply();
  });
  filters.querySelector(".dir-filters__forget").addEventListener("click", function () {
    remember("");
    country.value = "";
    if (guessNote) guessNote.hidden = true;
    apply();
  });
  apply();
})();
