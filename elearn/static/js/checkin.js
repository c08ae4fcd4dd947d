// The organiser's check-in page: reload when the code it shows is replaced, so the
// projector always shows the current code and how many have checked in.
(function () {
  "use strict";
  var code = document.querySelector("[data-refresh]");
  if (!code) return;
  var seconds = parseInt(code.getAttribute("data-refresh"), 10);
  if (seconds > 0) {
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
})();
