/* The site's own script, in place of the theme's (which weighs more than a whole page of
   ours): the colour scheme switch and the search. Everything else the pages do works without
   JavaScript. No framework. */

/* The colour scheme: the reader's choice, or the system's (Material's markup and storage). */
(function () {
  "use strict";
  function apply(inputs, index) {
    var input = inputs[index];
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, input.getAttribute("data-md-color-" + key));
    });
    inputs.forEach(function (other, i) {
      var label = other.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
    input.checked = true;
    return {
      index: index,
      color: { media: input.getAttribute("data-md-color-media"), scheme: input.getAttribute("data-md-color-scheme"),
               primary: input.getAttribute("data-md-color-primary"), accent: input.getAttribute("data-md-color-accent") }
    };
  }
  function init() {
    var inputs = Array.prototype.slice.call(document.querySelectorAll("input[name=__palette]"));
    if (!inputs.length) return;
    var stored = window.__md_get && __md_get("__palette");
    var index = stored && typeof stored.index === "number" ? stored.index
      : inputs.findIndex(function (i) { return matchMedia(i.getAttribute("data-md-color-media")).matches; });
    apply(inputs, Math.max(0, Math.min(index, inputs.length - 1)));
    inputs.forEach(function (input, i) {
      input.addEventListener("change", function () {
        var chosen = apply(inputs, i);
        if (window.__md_set) __md_set("__palette", chosen);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

/* Site search with Pagefind, loaded only when the reader opens the search: its script,
   its WebAssembly and, for each query, only the pieces of the index that hold the query's
   words (the index of the page's own language). Results are drawn with Material's classes.
   Keys: "/" or "s" opens the search, Escape closes it. */
(function () {
  "use strict";
  /* The "site-js" class that shows the search button is set in the page's head
     (overrides/main.html), before the first paint. */
  var dialog, input, meta, list, toggle, pagefind, timer, last = "";

  function load() {
    if (!pagefind) {
      var bundle = new URL(dialog.dataset.bundle, window.location.href);
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
        /* Result addresses are relative to the site's root, where the bundle's folder is. */
        return module.options({ baseUrl: new URL("../", bundle).pathname }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return pagefind;
  }

  function sentence(count) {
    if (count === 0) return dialog.dataset.none;
    if (count === 1) return dialog.dataset.one;
    return dialog.dataset.other.replace("#", count);
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = data.meta && data.meta.title ? data.meta.title : data.url;
    var excerpt = document.createElement("p");
    /* Pagefind's excerpt is the page's text, escaped, with the matches in <mark>. */
    excerpt.innerHTML = data.excerpt;
    article.appendChild(title);
    article.appendChild(excerpt);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function search(query) {
    last = query;
    if (!query.trim()) {
      list.replaceChildren();
      return;
    }
    load().then(function (module) {
      return module.search(query);
    }).then(function (found) {
      if (!found || query !== last) return null;
      return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (pages) {
        if (query !== last) return;
        meta.textContent = sentence(found.results.length);
        list.replaceChildren.apply(list, pages.map(item));
      });
    });
  }

  function open() {
    toggle.checked = true;
    input.focus();
  }

  function init() {
    dialog = document.querySelector("[data-site-search]");
    if (!dialog || dialog.dataset.ready) return;
    dialog.dataset.ready = "1";
    input = dialog.querySelector("input[name=query]");
    meta = dialog.querySelector(".md-search-result__meta");
    list = dialog.querySelector(".md-search-result__list");
    toggle = document.getElementById("__search");
    dialog.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      search(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value); }, 120);
    });
    input.addEventListener("focus", load);
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        input.blur();
      } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
        event.preventDefault();
        open();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
