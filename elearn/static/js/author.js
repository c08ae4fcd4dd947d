/* The course file editor: line numbers that follow the text, problems marked beside
   their lines, and a live preview, all from the server's compiler (POST .../check).
   Without this script the editor still works: save, and the page shows the same. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-check]");
  if (!form) { return; }
  var text = form.querySelector("textarea");
  var gutter = form.querySelector(".gutter");
  var box = document.getElementById("problems");
  var preview = document.getElementById("preview");
  var token = form.querySelector("input[name=csrf_token]").value;
  var timer = null;
  var sent = 0;

  function drawGutter(problems) {
    var count = text.value.split("\n").length;
    var marks = {};
    problems.forEach(function (p) { if (!marks[p.line]) { marks[p.line] = p; } });
    var items = [];
    for (var n = 1; n <= count; n += 1) {
      var li = document.createElement("li");
      li.id = "baris-" + n;
      li.textContent = String(n);
      if (marks[n]) { li.className = "gutter-" + marks[n].severity; li.title = marks[n].message; }
      items.push(li);
    }
    gutter.replaceChildren.apply(gutter, items);
    gutter.scrollTop = text.scrollTop;
  }

  function drawProblems(problems) {
    if (!problems.length) {
      var none = document.createElement("p");
      none.textContent = box.dataset.none;
      box.replaceChildren(none);
      return;
    }
    var list = document.createElement("ul");
    list.className = "problems";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.className = "problem-" + p.severity;
      var link = document.createElement("a");
      link.href = "#baris-" + p.line;
      link.dataset.line = p.line;
      link.textContent = box.dataset.line.replace("{line}", p.line);
      li.appendChild(link);
      li.appendChild(document.createTextNode(": " + p.message + (p.hint ? " " + p.hint : "")));
      list.appendChild(li);
    });
    box.replaceChildren(list);
  }

  function goToLine(line) {
    var lines = text.value.split("\n");
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i += 1) { start += lines[i].length + 1; }
    text.focus();
    text.setSelectionRange(start, start + (lines[line - 1] || "").length);
    text.scrollTop = Math.max(0, (line - 3) * parseFloat(getComputedStyle(text).lineHeight));
  }

  function check() {
    var mine = ++sent;
    fetch(form.dataset.check, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json" },
      body: JSON.stringify({ path: form.dataset.path, text: text.value })
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (!data || mine !== sent) { return; }
      drawGutter(data.problems);
      drawProblems(data.problems);
      preview.innerHTML = data.preview; /* compiled and sanitised by the server */
    }).catch(function () { /* offline: the saved page shows the same on save */ });
  }

  text.addEventListener("input", function () {
    drawGutter([]);
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  });
  text.addEventListener("scroll", function () { gutter.scrollTop = text.scrollTop; });
  box.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-line]");
    if (!link) { return; }
    event.preventDefault();
    goToLine(parseInt(link.dataset.line, 10));
  });
  if (/^#baris-\d+$/.test(location.hash)) { goToLine(parseInt(location.hash.slice(7), 10)); }
  /* typed before this script arrived (a slow link): check it now */
  if (text.value !== text.defaultValue) { drawGutter([]); check(); }
}());
