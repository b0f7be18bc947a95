/* The urgent-help banner links to the directory's list of countries. Once the reader has chosen a
   country in the directory (stored on this device as "hic-country", e.g. "gb"), point the banner
   straight at that country's crisis lines. */
(function () {
  "use strict";
  var link = document.querySelector("[data-hic-crisis-link]");
  var country = null;
  try {
    country = localStorage.getItem("hic-country");
  } catch (error) {
    return; // storage blocked: keep the link to the list of countries
  }
  if (!link || !country || !/^[a-z]{2}$/.test(country)) return;
  link.href = link.getAttribute("data-hic-country-page").replace("{cc}", country);
  var name = country.toUpperCase();
  try {
    name = new Intl.DisplayNames(["en"], { type: "region" }).of(name) || name;
  } catch (error) {
    /* no region names in this browser: the code will do */
  }
  link.textContent = "Crisis lines and emergency numbers: " + name;
})();
