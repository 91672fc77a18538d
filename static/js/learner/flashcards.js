// Flashcards: flip with a click or Space (the back is fetched only then), rate with keys 1-4.
(function () {
  "use strict";
  var card = document.querySelector("[data-flashcard]");
  if (!card) { return; }
  var back = card.querySelector("[data-back]");
  var flipLink = document.querySelector("[data-flip]");
  var flipActions = document.querySelector("[data-flip-actions]");
  var ratingForm = document.querySelector("[data-rating-form]");
  var flipped = card.classList.contains("is-flipped");

  function para(cls, text) {
    var p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    return p;
  }

  function showBack(data) {
    back.replaceChildren(para("face-label", "Back"), para("flashcard-text", data.back));
    if (data.evidence) {
      var figure = document.createElement("figure");
      figure.className = "evidence";
      var caption = document.createElement("figcaption");
      caption.textContent = "The sentence that proves it, in its paragraph:";
      var quote = document.createElement("blockquote");
      var mark = document.createElement("mark");
      mark.textContent = data.evidence[1];
      quote.append(document.createTextNode(data.evidence[0]), mark, document.createTextNode(data.evidence[2]));
      figure.append(caption, quote);
      back.append(figure);
    }
    back.hidden = false;
    card.classList.add("is-flipped");
    if (flipActions) { flipActions.hidden = true; }
    ratingForm.hidden = false;
    var good = ratingForm.querySelector("[data-rating='3']");
    if (good) { good.focus(); }
  }

  function flip(event) {
    if (event) { event.preventDefault(); }
    if (flipped) { return; }
    flipped = true;
    fetch(card.dataset.backUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(showBack)
      .catch(function () { window.location.href = flipLink.href; });
  }

  if (!flipped) {
    ratingForm.hidden = true;
    card.setAttribute("tabindex", "0");
    card.setAttribute("role", "button");
    card.setAttribute("aria-label", "Flashcard: press Space or Enter to show the answer");
    card.addEventListener("click", flip);
    if (flipLink) { flipLink.addEventListener("click", flip); }
  }

  ratingForm.addEventListener("submit", function (event) {
    if (ratingForm.dataset.sent === "1") { event.preventDefault(); }
    ratingForm.dataset.sent = "1";
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if ((event.key === " " || event.key === "Enter") && !flipped &&
        (event.target === card || event.target === document.body)) {
      flip(event);
      return;
    }
    if (event.key === " " && !flipped) { flip(event); return; }
    var n = parseInt(event.key, 10);
    if (flipped && n >= 1 && n <= 4 && ratingForm.dataset.sent !== "1") {
      var button = ratingForm.querySelector("[data-rating='" + n + "']");
      if (button) { event.preventDefault(); ratingForm.requestSubmit(button); }
    }
  });
})();
