// Quiz and review answer forms: keyboard shortcuts and no double submits. The forms work without this.
(function () {
  "use strict";

  function typing(target) {
    return target && (target.tagName === "INPUT" && target.type === "text" || target.tagName === "TEXTAREA" ||
      target.tagName === "SELECT");
  }

  document.querySelectorAll("[data-quiz-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent === "1") { event.preventDefault(); return; }
      form.dataset.sent = "1";
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
    });
    var first = form.querySelector("input[type=text], input[type=radio], select");
    if (first && !document.querySelector(".flashes .flash-error")) { first.focus(); }
  });

  var next = document.querySelector("[data-shortcut=next]");
  if (next) { next.focus(); }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var options = document.querySelectorAll("[data-shortcuts=options] input[type=radio]");
    var n = parseInt(event.key, 10);
    if (options.length && n >= 1 && n <= options.length) {
      options[n - 1].checked = true;
      options[n - 1].focus();
      event.preventDefault();
    }
  });
})();
