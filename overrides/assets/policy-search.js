/* The portal's national search (hooks/policy_national_search.py, overrides/policy/national_search.html).
 *
 * Pagefind's own script (pagefind/pagefind.js, written by the build) finds the pages; this script is the
 * whole interface: a form, a status line read out by screen readers, and the results as a list of links
 * with the municipality and an excerpt. Everything is made with DOM methods and inserted as text; the
 * only markup taken from the index is Pagefind's <mark> around the words found, rebuilt as elements.
 * Pagefind loads when the reader first searches: its script, the WebAssembly for the page's language
 * and the index chunks of the words searched for, then one fragment per result shown.
 * Without JavaScript the form stays hidden and the page's message and theme links stand alone.
 */
(function () {
  "use strict";

  var PAGE = 10;
  // The query in the address (?find=...), so a search can be reloaded, bookmarked and shared; not ?q=,
  // which opens Material's own search of the portal.
  var PARAMETER = "find";
  var section = document.querySelector(".policy-search[data-policy-index]");
  if (!section) return;
  var words = {};
  try {
    words = JSON.parse(document.getElementById("__policy").textContent) || {};
  } catch (error) {
    words = {};
  }
  var form = section.querySelector(".policy-search__form");
  var input = section.querySelector(".policy-search__input");
  var status = section.querySelector(".policy-search__status");
  var list = section.querySelector(".policy-search__results");
  var more = section.querySelector(".policy-search__more");
  var fallback = document.querySelector(".policy-search-nojs");
  var entry = new URL(section.getAttribute("data-policy-index"), document.baseURI);
  var root = new URL("../", entry);  // the portal: Pagefind's addresses are paths from the top of the site

  var loading = null;
  var results = [];
  var shown = 0;
  var query = "";
  var generation = 0;

  function say(key, values) {
    var text = words[key] || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  }

  function pagefind() {
    if (!loading) {
      loading = import(entry.href).then(function (module) {
        return Promise.resolve(module.options({ baseUrl: root.pathname, excerptLength: 30 }))
          .then(function () { return module.init(); })
          .then(function () { return module; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // Pagefind's excerpt is the page's text with < and > escaped and <mark> around the words found.
  function excerpt(text, into) {
    var marked = false;
    text.split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      if (!part) return;
      var plain = document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(plain);
        into.appendChild(mark);
      } else {
        into.appendChild(plain);
      }
    });
  }

  function item(data) {
    var address = new URL(data.url, root);
    if (address.origin !== root.origin) return null;  // results lead only to pages of the site
    var li = document.createElement("li");
    li.className = "policy-search__result";
    var heading = document.createElement("h2");
    heading.className = "policy-search__title";
    var link = document.createElement("a");
    link.href = address.href;
    link.textContent = (data.meta && data.meta.title) || address.pathname;
    heading.appendChild(link);
    li.appendChild(heading);
    if (data.meta && data.meta.municipality) {
      var who = document.createElement("p");
      who.className = "policy-search__municipality";
      who.textContent = say("search_in_municipality") + " " + data.meta.municipality;
      li.appendChild(who);
    }
    var text = document.createElement("p");
    text.className = "policy-search__excerpt";
    excerpt(data.excerpt || "", text);
    li.appendChild(text);
    return li;
  }

  function summary() {
    var count = results.length;
    var line = say(count === 1 ? "search_count_one" : "search_count_many", { count: count, query: query });
    if (shown < count) line += " " + say("search_shown", { shown: shown, count: count });
    status.textContent = line;
  }

  function showMore(focusFirst) {
    var mine = generation;
    var next = results.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== generation) return;
      var first = null;
      pages.forEach(function (data) {
        var li = item(data);
        if (li) {
          list.appendChild(li);
          first = first || li.querySelector("a");
        }
      });
      shown += next.length;
      more.hidden = shown >= results.length;
      summary();
      if (focusFirst && first) first.focus();
    });
  }

  function failed() {
    status.textContent = say("search_failed");
    if (fallback) fallback.hidden = false;
  }

  function search(text) {
    query = text.trim();
    var mine = ++generation;
    list.replaceChildren();
    more.hidden = true;
    results = [];
    shown = 0;
    if (!query) {
      status.textContent = say("search_empty");
      return Promise.resolve();
    }
    status.textContent = say("search_searching");
    return pagefind().then(function (module) {
      return module.search(query);
    }).then(function (found) {
      if (mine !== generation || !found) return;
      results = found.results || [];
      if (!results.length) {
        status.textContent = say("search_none", { query: query });
        return;
      }
      return showMore(false);
    }).catch(failed);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var address = new URL(window.location.href);
    if (input.value.trim()) address.searchParams.set(PARAMETER, input.value.trim());
    else address.searchParams.delete(PARAMETER);
    window.history.replaceState(null, "", address.href);  // a search can be reloaded, bookmarked, shared
    search(input.value);
  });
  more.addEventListener("click", function () {
    showMore(true).catch(failed);
  });

  section.hidden = false;
  if (fallback) fallback.hidden = true;
  var asked = new URL(window.location.href).searchParams.get(PARAMETER);
  if (asked) {
    input.value = asked;
    search(asked);
  }
})();
