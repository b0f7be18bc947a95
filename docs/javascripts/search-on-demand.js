/* Search on demand. Taken from Material for MkDocs 9.8.1: assets/javascripts/bundle.js
   (fetchSearchIndex, setupSearchWorker; MIT licence), changed to wait for the reader.
   Material starts its search worker on load, and fetches the index on any page with a form named
   "search" (partials/search.html names it no longer). This runs first and gives Material a stand-in
   worker: the real one (from file://, iframe-worker.js's frame) starts when search is first
   focused or opened, and gets the index in Material's own setup message. */
(function () {
  "use strict";
  var settings = document.getElementById("__config");
  if (!settings || !window.Worker || !window.EventTarget) return;
  settings = JSON.parse(settings.textContent);
  if (!settings.search) return;

  var SETUP = 0; // Material's SearchMessageType.SETUP
  var base = new URL(settings.base, location.href);
  var searchWorker = new URL(settings.search, location.href).href;
  var RealWorker = window.Worker; // from the file system, the frame of iframe-worker.js
  var waiting = []; // stand-ins for the search worker, until search is first used
  var loading = null;

  function loadIndex() {
    if (location.protocol === "file:") { // the offline copy ships the index as a script
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("search/search_index.js", base).href;
        script.onload = function () { script.remove(); resolve(window.__index); };
        script.onerror = function () { script.remove(); reject(new Error("search index not loaded")); };
        document.head.appendChild(script);
      });
    }
    return fetch(new URL("search/search_index.json", base)).then(function (response) {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    });
  }

  function say(text) {
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) meta.textContent = text;
  }

  function inUse() {
    var toggle = document.getElementById("__search");
    var active = document.activeElement;
    return (toggle && toggle.checked) || !!(active && active.closest && active.closest("[data-md-component=search]"));
  }

  function start() {
    if (loading || !waiting.length) return;
    loading = loadIndex().then(function (index) {
      var setup = {
        type: SETUP,
        data: {
          config: index.config,
          docs: index.docs,
          options: { suggest: (settings.features || []).indexOf("search.suggest") >= 0 }
        }
      };
      waiting.splice(0).forEach(function (worker) { worker.start(setup); });
    }, function () {
      loading = null;
      say("Search could not load. Check your connection, then try again.");
    });
  }

  class OnDemandWorker extends EventTarget {
    constructor(url, options) {
      super();
      this.url = url;
      this.options = options;
      this.worker = null;
      this.queue = [];
      if (new URL(url, location.href).href !== searchWorker) {
        this.start(); // any other worker starts at once, as usual
        return;
      }
      waiting.push(this);
      if (inUse()) setTimeout(start); // already focused or opened
    }

    start(first) {
      var self = this;
      var worker = (this.worker = new RealWorker(this.url, this.options));
      ["message", "error", "messageerror"].forEach(function (type) {
        worker.addEventListener(type, function (event) {
          var copy = type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data });
          self.dispatchEvent(copy);
          if (typeof self["on" + type] === "function") self["on" + type](copy);
        });
      });
      if (first) worker.postMessage(first);
      this.queue.splice(0).forEach(function (data) { worker.postMessage(data); });
    }

    postMessage(data) {
      if (this.worker) this.worker.postMessage(data);
      else this.queue.push(data);
    }

    terminate() {
      if (this.worker) this.worker.terminate();
      var at = waiting.indexOf(this);
      if (at >= 0) waiting.splice(at, 1);
    }
  }

  window.Worker = OnDemandWorker;

  // First use: focus in search (tap, Tab, or the keys f, s, /), or search opened (a phone's search
  // button, a ?q= address).
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search]")) start();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) start();
  });
})();
