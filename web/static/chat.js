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
  if (hint) {
    hint.hidden = false;
    var described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", described ? described + " " + hint.id : hint.id);
  }
  var sending = false;
  window.addEventListener("pageshow", function () {
    sending = false; // back from the page cache: Enter sends again
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
