// Material's bundle requests `sitemap.xml` under the URL of every <link rel="alternate" hreflang> of a page
// (to redirect its language selector), and under the site's root. Our hreflang links name each page's own
// translations, so those sitemaps do not exist: every page made a failed request per language. Our language
// selector already links each translation, so those requests are answered "failed" here without leaving
// the browser. Loaded in <head>, before Material's bundle (hooks/theme/main.html).
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.kbNoSitemap = /\/sitemap\.xml(?:[?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.kbNoSitemap) return send.apply(this, arguments);
    var request = this;
    setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); }, 0);
  };
})();
