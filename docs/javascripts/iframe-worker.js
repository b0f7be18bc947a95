// Search in the offline copy. Browsers refuse Web Workers on pages opened from the file system, so
// there Material's search worker runs in a hidden frame (iframe-worker-host.html) instead. Unlike
// the shim Material would fetch from a CDN, this one is a file of the site and runs no inline script.
// The name keeps Material's offline plugin from adding its CDN shim. It must load before
// search-on-demand.js (it does: it is in the page's head), which creates the frame only when search
// is first used.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  var host = document.currentScript.src.replace(/[^/]*$/, "iframe-worker-host.html");

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      var frame = (this.frame = document.createElement("iframe"));
      frame.hidden = true;
      frame.title = "Search";
      frame.src = host + "#" + encodeURIComponent(new URL(url, location.href).href);
      this.ready = new Promise(function (resolve) { frame.addEventListener("load", resolve); });
      this.receive = (function (event) {
        if (event.source !== frame.contentWindow) return;
        var message = new MessageEvent("message", { data: event.data });
        this.dispatchEvent(message);
        if (this.onmessage) this.onmessage(message);
      }).bind(this);
      window.addEventListener("message", this.receive);
      document.body.appendChild(frame);
    }
    postMessage(data) {
      var frame = this.frame;
      this.ready.then(function () { frame.contentWindow.postMessage(data, "*"); });
    }
    terminate() {
      window.removeEventListener("message", this.receive);
      this.frame.remove();
    }
  }
  window.Worker = FrameWorker;
})();
