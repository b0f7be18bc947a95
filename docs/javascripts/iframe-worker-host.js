// Inside the search frame of the offline copy (see iframe-worker.js): give the worker script what a
// worker has, a postMessage that reaches its page and importScripts, then load it. Messages from
// the page arrive as ordinary window messages, which the worker script already listens for.
(function () {
  "use strict";
  var post = window.postMessage.bind(window);
  var page = window.parent;
  // The worker asks `"IFrameWorker" in parent`, which throws across origins (each file:// page is
  // its own origin); without a parent it takes the plain path, as in a real worker.
  window.parent = undefined;
  // The worker calls postMessage(data); the page, when frames share an origin, calls (data, "*").
  window.postMessage = function (data, targetOrigin) {
    if (arguments.length > 1) return post(data, targetOrigin);
    page.postMessage(data, "*");
  };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (loaded, src) {
      return loaded.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          script.onerror = reject;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  var worker = document.createElement("script");
  worker.src = decodeURIComponent(location.hash.slice(1));
  document.body.appendChild(worker);
})();
