/* Keyboard use of Material's header controls, scrollable tables and link addresses in print;
 * the name of the version selector on microsites published with versions.
 *
 * Material opens its navigation drawer and search with <label> elements tied
 * to hidden checkboxes: they work with a mouse or a finger, but a keyboard
 * cannot reach a label. Here each becomes a real <button> with aria-expanded;
 * Escape closes what it opened and gives focus back. Without JavaScript the
 * drawer still opens for the keyboard: policy.css slides it in while focus is
 * inside it, and search (which needs JavaScript) is not shown.
 */
(function () {
  "use strict";

  var config = {};
  try {
    config = JSON.parse(document.getElementById("__policy").textContent);
  } catch (error) { /* no words given: the buttons keep the icons' titles */ }

  function toggle(name) {
    return document.querySelector('input[data-md-toggle="' + name + '"]');
  }

  function setToggle(input, value) {
    if (input.checked !== value) {
      input.checked = value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    syncExpanded();
  }

  function focusable(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("a[href], button, input:not([type=hidden]), [tabindex]"),
      function (element) {
        return element.tabIndex >= 0 && !element.disabled && element.getClientRects().length > 0;
      });
  }

  /* A <button> that drives the checkbox a Material <label for=...> was tied to. */
  function buttonFor(label, input, className, name, controls) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-expanded", String(input.checked));
    if (controls) button.setAttribute("aria-controls", controls);
    button.innerHTML = label.innerHTML;
    if (label.id) {
      var id = label.id;
      label.removeAttribute("id");
      button.id = id;
    }
    label.hidden = true;
    label.parentNode.insertBefore(button, label.nextSibling);
    buttons.push([button, input]);
    return button;
  }

  /* aria-expanded follows the checkbox, however it changed (Material sets it without events). */
  var buttons = [];
  function syncExpanded() {
    buttons.forEach(function (pair) {
      var value = String(pair[1].checked);
      if (pair[0].getAttribute("aria-expanded") !== value) pair[0].setAttribute("aria-expanded", value);
    });
  }
  ["click", "keyup", "focusin", "change"].forEach(function (type) {
    document.addEventListener(type, function () { setTimeout(syncExpanded, 0); }, true);
  });

  function headerButton(name, className, label, controls) {
    var old = document.querySelector('label.md-header__button[for="__' + name + '"]');
    var input = toggle(name);
    if (!old || !input) return null;
    return buttonFor(old, input, "md-header__button md-icon " + className, label, controls);
  }

  /* The menu's section toggles are focusable labels with an icon and no name. */
  function setUpSections() {
    document.querySelectorAll("label.md-nav__link[for][tabindex]").forEach(function (label) {
      var input = document.getElementById(label.htmlFor);
      var nav = document.querySelector('nav[aria-labelledby="' + label.id + '"]');
      var title = nav && nav.querySelector(".md-nav__title");
      if (!input || !title || label.textContent.trim()) return;
      var name = title.textContent.trim();
      var button = buttonFor(label, input, label.className + " policy-section-toggle", name, null);
      if (nav) {
        nav.id = nav.id || "policy-" + input.id;
        button.setAttribute("aria-controls", nav.id);
      }
      button.addEventListener("click", function () {
        setToggle(input, !input.checked);
      });
      /* On narrow screens the open section covers the menu; its title leads back. */
      if (title.tagName === "LABEL" && title.htmlFor === input.id) {
        var back = buttonFor(title, input, title.className + " policy-section-back", name, nav.id);
        back.addEventListener("click", function () {
          setToggle(input, false);
          button.focus();
        });
      }
    });
  }

  function setUpDrawer() {
    var input = toggle("drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!input || !drawer) return;
    drawer.id = drawer.id || "policy-drawer";
    var button = headerButton("drawer", "policy-menu-button", config.menu_open || "Menu", drawer.id);
    if (!button) return;
    button.addEventListener("click", function () {
      setToggle(input, !input.checked);
      if (input.checked) {
        var first = focusable(drawer)[0];
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.checked) {
        setToggle(input, false);
        button.focus();
      }
    });
    /* Closed by a link or by the overlay: the drawer's contents leave the tab order with it. */
    drawer.addEventListener("focusout", function (event) {
      if (input.checked && event.relatedTarget && !drawer.contains(event.relatedTarget) &&
          event.relatedTarget !== button) {
        setToggle(input, false);
      }
    });
  }

  function setUpSearch() {
    var input = toggle("search");
    var query = document.querySelector(".md-search__input");
    if (!input || !query) return;
    var button = headerButton("search", "policy-search-button", config.search_open || "Search", null);
    if (!button) return;
    /* Material's search is a dialog without a name; give it the button's. */
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", config.search_open || "Search");
    button.addEventListener("click", function () {
      setToggle(input, true);
      query.focus();
    });
    /* Material closes search on Escape and leaves focus nowhere: give it back to the button. */
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      setTimeout(function () {
        if (!input.checked && (document.activeElement === document.body || !document.activeElement) &&
            button.getClientRects().length) {
          button.focus();
        }
      }, 0);
    });
  }

  /* A wide table scrolls inside its own box; a box that scrolls must be reachable by keyboard. */
  function labelScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (!scrolls) {
        if (wrap.dataset.policyRegion) {
          wrap.removeAttribute("tabindex");
          wrap.removeAttribute("role");
          wrap.removeAttribute("aria-label");
          delete wrap.dataset.policyRegion;
        }
        return;
      }
      if (wrap.hasAttribute("tabindex")) return;
      var caption = wrap.querySelector("caption");
      var heading = caption;
      for (var node = wrap.previousElementSibling; !heading && node; node = node.previousElementSibling) {
        if (/^H[1-6]$/.test(node.tagName)) heading = node;
      }
      var name = heading ? heading.textContent.replace(/¶/g, "").trim() : "";
      wrap.dataset.policyRegion = "1";
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (name) wrap.setAttribute("aria-label", name);
    });
  }

  /* In print, a link's address follows its text (policy.css shows data-print-url). */
  function printAddresses() {
    document.querySelectorAll(".md-content a[href], .policy-footer a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink")) return;
      var text = link.textContent.replace(/\s+/g, "").toLowerCase();
      var target = link.href.replace(/^(https?:\/\/|mailto:|tel:)/, "").replace(/\/$/, "").toLowerCase();
      if (text === target) return;
      link.setAttribute("data-print-url", link.href);
    });
  }

  /* Material's version selector (microsites published with versions) names its button "Vælg
   * version" while the button shows the edition, "2020": someone using speech input says what
   * they see, so the name starts with it (WCAG 2.5.3). Material adds the selector once it has
   * read versions.json, so this waits for it. */
  function nameVersionButton() {
    document.querySelectorAll(".md-version__current:not([data-policy-named])").forEach(function (button) {
      var shown = button.textContent.trim();
      var label = button.getAttribute("aria-label");
      button.setAttribute("aria-label", label && label.indexOf(shown) < 0 ? shown + " – " + label : shown);
      button.setAttribute("data-policy-named", "");
    });
  }
  var versioned = false;
  try {
    versioned = Boolean(JSON.parse(document.getElementById("__config").textContent).version);
  } catch (error) { /* no Material configuration: no selector either */ }
  var header = document.querySelector(".md-header");
  if (versioned && header && window.MutationObserver) {
    new MutationObserver(nameVersionButton).observe(header, { childList: true, subtree: true });
  }

  var tablesTimer = null;
  function init() {
    labelScrollingTables();
    printAddresses();
  }

  setUpDrawer();
  setUpSearch();
  setUpSections();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    init();
  }
  window.addEventListener("resize", function () {
    clearTimeout(tablesTimer);
    tablesTimer = setTimeout(labelScrollingTables, 150);
  });
})();
