/* Timeline filters: narrow the list and the visual by theme and by actor, keep the
   choice in the address (so it can be shared) and announce the count to screen readers.
   Without this script the theme and actor pages are the filters. No framework. */
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("timeline-filter");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var status = document.getElementById("timeline-status");
    var items = document.querySelectorAll(".tl-list > li");
    var total = items.length;
    /* A dot on the visual follows its event's item in the list (the item holds the themes
       and actors; the dot only links to its event, ../events/<id>/, and the item's id is
       that event's). */
    var marks = document.querySelectorAll(".tl__mark");
    function eventOf(mark) {
      var parts = (mark.getAttribute("href") || "").split("/");
      return parts[parts.length - 2] || "";
    }
    var params = new URLSearchParams(window.location.search);
    ["theme", "actor"].forEach(function (name) {
      var value = params.get(name);
      if (value && form.elements[name].querySelector('option[value="' + CSS.escape(value) + '"]')) {
        form.elements[name].value = value;
      }
    });
    function has(el, name, value) {
      return !value || (" " + (el.getAttribute("data-" + name) || "") + " ").indexOf(" " + value + " ") >= 0;
    }
    function apply(announce) {
      var theme = form.elements.theme.value, actor = form.elements.actor.value, shown = 0;
      items.forEach(function (el) {
        var match = has(el, "themes", theme) && has(el, "actors", actor);
        el.classList.toggle("tl-hidden", !match);
        if (match) shown++;
      });
      marks.forEach(function (mark) {
        var item = document.getElementById(eventOf(mark));
        mark.classList.toggle("tl-hidden", !item || item.classList.contains("tl-hidden"));
      });
      document.querySelectorAll(".tl-list").forEach(function (list) {
        var empty = !list.querySelector("li:not(.tl-hidden)"), note = list.nextElementSibling;
        if (note && note.classList.contains("tl-empty")) note.hidden = !empty;  // in the page's language
      });
      var query = new URLSearchParams();
      if (theme) query.set("theme", theme);
      if (actor) query.set("actor", actor);
      var search = query.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      if (announce || theme || actor) {
        /* The sentences come from the page, in its edition's language. */
        var sentence = theme || actor ? form.dataset.statusSome : form.dataset.statusAll;
        status.textContent = sentence.replace("{shown}", shown).replace("{total}", total);
      }
    }
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.hidden = false;
    apply(false);
    /* Open the visual on its latest, densest years; earlier ones are a scroll away. */
    var scroller = document.querySelector(".tl__scroll");
    if (scroller) scroller.scrollLeft = scroller.scrollWidth;
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); /* Material's instant navigation */
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
