/* Taken from Material for MkDocs 9.8.1: partials/javascripts/content.html
   Material's script (MIT licence), moved out of the page for the Content Security Policy:
   when the address points at a content tab, open that tab. */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
