/* Small progressive enhancements. Everything works without this file. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  var wide = window.matchMedia("(min-width: 64em)");

  /* Main navigation: folded behind a "Menu" button on small screens. */
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("main-nav");
  if (toggle && nav) {
    var setExpanded = function (expanded) {
      toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
      nav.setAttribute("data-collapsed", expanded ? "false" : "true");
    };
    toggle.hidden = false;
    setExpanded(false);
    toggle.addEventListener("click", function () {
      setExpanded(toggle.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !wide.matches) {
        setExpanded(false);
        toggle.focus();
      }
    });
  }

  /* Legal library: the filters beside the results on wide screens; on a phone, the results come
     first and "Filters (N active)" opens the filters, chosen together then applied with the button
     (a reload after each box would close them again, or put the 45 options before the results). */
  var facets = document.querySelector("[data-facets]");
  var facetsWide = window.matchMedia("(min-width: 60em)");
  if (facets) {
    var syncFacets = function () {
      facets.open = facetsWide.matches;
    };
    syncFacets();
    if (facetsWide.addEventListener) {
      facetsWide.addEventListener("change", syncFacets);
    }
  }

  var FOCUS_KEY = "site:refocus";
  var form = document.querySelector("form[data-autosubmit]");
  if (form) {
    /* Give the focus back to the control that was changed before the reload. */
    try {
      var previous = window.sessionStorage.getItem(FOCUS_KEY);
      if (previous) {
        window.sessionStorage.removeItem(FOCUS_KEY);
        var target = document.getElementById(previous);
        if (target) {
          if (facets && target.closest(".facets__content")) {
            facets.open = true; /* a filter ticked on a wide screen: the filters stay in view */
          }
          target.focus({ preventScroll: false });
        }
      }
    } catch (error) {
      /* sessionStorage may be unavailable: nothing to restore. */
    }

    /* Filters applied on a phone: back on "Filters (N active)", the results right below it. */
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (facets && !facetsWide.matches && submitter && submitter.closest("[data-facets]")) {
        try {
          window.sessionStorage.setItem(FOCUS_KEY, "library-filters-toggle");
        } catch (error) {
          /* ignore */
        }
      }
    });

    form.addEventListener("change", function (event) {
      var control = event.target;
      if (!control.matches || !control.matches("[data-autosubmit-control]")) {
        return;
      }
      if (facets && !facetsWide.matches && control.closest("[data-facets]")) {
        return; /* a phone: the filters are applied together, with "Apply filters" */
      }
      try {
        if (control.id) {
          window.sessionStorage.setItem(FOCUS_KEY, control.id);
        }
      } catch (error) {
        /* ignore */
      }
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  }

  /* Minutes: a "Print" button (hidden without this file: the browser's own menu prints too). */
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
