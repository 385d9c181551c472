/* Material's page helpers, from a file: Material writes them as an inline script
 * in every page's head (partials/javascripts/base.html), and this site's
 * Content-Security-Policy runs no inline script (policysite/csp.py).
 *
 * __md_scope is the site's base address, under which Material keeps a reader's
 * settings in localStorage. Material makes it from the page's base_url; this
 * file is <base>/assets/policy-head.js, so the base is the folder above its own
 * folder. data-md-scope, written when mkdocs.yml sets extra.scope, wins as it
 * does in Material. The three helpers are Material's own, unchanged.
 *
 * On the pages of a language other than the default, data-search-index names
 * that language's own search index (hooks/policy_search.py): Material asks for
 * search/search_index.json at the site's root, and the request is sent to the
 * language's index instead. This runs before Material's script.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var scope = script.getAttribute("data-md-scope");
  window.__md_scope = scope ? new URL(scope, location) : new URL("..", script.src);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, character) {
      return (hash << 5) - hash + character.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    if (storage === undefined) storage = localStorage;
    if (base === undefined) base = window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    if (storage === undefined) storage = localStorage;
    if (base === undefined) base = window.__md_scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) { /* storage full or switched off: the setting is not kept */ }
  };

  var own = script.getAttribute("data-search-index");
  if (own) {
    var index = /\/search\/search_index\.json$/;
    var open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url) {
      var address = String(url);
      if (index.test(address) && address.slice(-own.length) !== own) {
        arguments[1] = address.replace(index, own);
      }
      return open.apply(this, arguments);
    };
  }
})();
