/* Taken from Material for MkDocs 9.8.1: partials/javascripts/base.html
   Material's storage helpers (MIT licence), moved out of the page so that the
   Content Security Policy can forbid inline scripts. Material keys everything it stores by the
   site's path, e.g. "/.__palette". */
var __md_scope = new URL(document.currentScript.dataset.scope, location);
var __md_hash = function (text) {
  return [...text].reduce(function (hash, char) { return (hash << 5) - hash + char.charCodeAt(0); }, 0);
};
var __md_get = function (key, storage = localStorage, scope = __md_scope) {
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
};
var __md_set = function (key, value, storage = localStorage, scope = __md_scope) {
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    /* storage full or blocked: the choice is simply not remembered */
  }
};
