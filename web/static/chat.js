// The web chat, enhanced: Enter sends the answer, Shift+Enter adds a line. Without this
// script everything works the same (the button sends), so it only adds; the hint that says
// so is shown (and describes the text box) only when the script runs.
(function () {
  "use strict";
  var box = document.getElementById("text");
  var hint = document.getElementById("enter-hint");
  if (!box || !box.form) {
    return;
  }
  // Open at the latest turn (the answer just given and what follows, a draft card from its
  // title), not at the text box at the bottom; the box keeps the focus without scrolling.
  var latest = document.getElementById("nieuwste");
  if (latest && latest.children.length && document.getElementById("vraag")) {
    latest.scrollIntoView({ block: "start" });
    box.focus({ preventScroll: true });
  }
  if (hint) {
    hint.hidden = false;
    var described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", described ? described + " " + hint.id : hint.id);
  }
  var sending = false;
  // While an answer is on its way (a draft worded by a language model can take seconds), say
  // so in a status region, as a chat's "typing…"; a second press would only be refused.
  var busy = document.getElementById("bezig");
  Array.prototype.forEach.call(document.querySelectorAll("form[action='/chat']"), function (form) {
    form.addEventListener("submit", function () {
      sending = true;
      if (busy) {
        busy.hidden = false;
      }
    });
  });
  window.addEventListener("pageshow", function () {
    sending = false; // back from the page cache: Enter sends again
    if (busy) {
      busy.hidden = true;
    }
  });
  box.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    event.preventDefault();
    if (sending || box.value.trim() === "") {
      return;
    }
    sending = true; // one answer per press, even when Enter is held down
    if (box.form.requestSubmit) {
      box.form.requestSubmit();
    } else {
      box.form.submit();
    }
  });
})();
