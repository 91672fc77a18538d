// Quiz and review answer forms, enhanced: answers are sent with fetch and the server's next screen
// (feedback, or the next question) replaces the page's main part without a reload; keys 1-9 pick an
// option; a form is never sent twice. Without JavaScript (or if fetch fails) the plain form post does
// the same job, and the server records a repeated submission only once either way.
(function () {
  "use strict";

  var live = document.createElement("div");
  live.className = "sr-only";
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  function typing(target) {
    return target && (target.tagName === "INPUT" && target.type === "text" || target.tagName === "TEXTAREA" ||
      target.tagName === "SELECT");
  }

  function swap(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("main");
    var current = document.getElementById("main");
    if (!fresh || !current) { window.location.href = url || window.location.href; return; }
    current.replaceWith(fresh);
    document.title = doc.title;
    if (url && url !== window.location.href) { window.history.pushState({ quiz: true }, "", url); }
    var verdict = fresh.querySelector(".verdict");
    live.textContent = verdict ? verdict.textContent.replace(/\s+/g, " ").trim() : "";
    init(fresh);
    window.scrollTo(0, 0);
  }

  function send(form, event) {
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
    if (!window.fetch || !window.DOMParser || form.dataset.fetch !== "1") { return; }  // plain post
    event.preventDefault();
    var token = form.querySelector("input[name=csrf_token]");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: token ? { "X-CSRFToken": token.value } : {}
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      // only a redirect's target can be loaded again; a page answered to the POST itself keeps the URL
      return response.text().then(function (html) { swap(html, response.redirected ? response.url : ""); });
    }).catch(function () {
      form.submit();  // the same submission id again: recorded once
    });
  }

  function init(root) {
    root.querySelectorAll("[data-quiz-form]").forEach(function (form) {
      form.addEventListener("submit", function (event) { send(form, event); });
      var first = form.querySelector("input[type=text], input[type=radio], select");
      if (first && !root.querySelector(".flash-error")) { first.focus(); }
    });
    var next = root.querySelector("[data-shortcut=next]");
    if (next) { next.focus(); }
  }

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

  window.addEventListener("popstate", function () { window.location.reload(); });
  init(document);
})();
