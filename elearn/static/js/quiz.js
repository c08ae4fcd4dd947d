/* Quiz page: save each answer as it is given, and show the time left.
   The page works without this script (its buttons save and submit); with it, a
   dropped connection or a reload loses nothing that was answered. */
(function () {
  "use strict";
  var form = document.querySelector("form.quiz[data-autosave]");
  if (!form) { return; }
  var url = form.getAttribute("data-autosave");
  var revision = form.querySelector("input[name=revision]");
  var token = form.querySelector("input[name=csrf_token]").value;
  var status = document.getElementById("save-status");
  var pending = {};
  var busy = false;
  var retryTimer = null;
  var typingTimers = {};
  var waitingSubmitter = null;

  function say(text, kind) {
    status.textContent = text;
    status.className = "save-status" + (kind ? " save-status-" + kind : "");
  }

  function clock() {
    var now = new Date();
    return ("0" + now.getHours()).slice(-2) + ":" + ("0" + now.getMinutes()).slice(-2);
  }

  function fields(key, data) {
    var section = form.querySelector('[data-question="' + key + '"]');
    data.append("shown", key);
    section.querySelectorAll("input, select, textarea").forEach(function (field) {
      if (!field.name || field.disabled) { return; }
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
      data.append(field.name, field.value);
    });
  }

  function markAnswered(keys) {
    keys.forEach(function (key) {
      var link = document.querySelector('[data-question-link="' + key + '"]');
      if (link) { link.classList.add("answered"); }
    });
  }

  function send() {
    var keys = Object.keys(pending);
    if (busy || keys.length === 0) { return; }
    pending = {};
    busy = true;
    var data = new FormData();
    data.append("revision", revision.value);
    keys.forEach(function (key) { fields(key, data); });
    say(status.getAttribute("data-saving"));
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      busy = false;
      if (result.ok && waitingSubmitter) {
        revision.value = result.body.revision;
        var submitter = waitingSubmitter;
        waitingSubmitter = null;
        form.requestSubmit(submitter);
      } else if (result.ok) {
        revision.value = result.body.revision;
        markAnswered(result.body.saved);
        say(status.getAttribute("data-saved").replace("{time}", clock()), "ok");
        send();
      } else if (result.body.error === "stale-form") {
        say(status.getAttribute("data-stale"), "error");
      } else {
        window.location.reload();  /* time is up or submitted: the server shows why */
      }
    }).catch(function () {
      busy = false;
      keys.forEach(function (key) { pending[key] = true; });
      say(status.getAttribute("data-offline"), "error");
      clearTimeout(retryTimer);
      retryTimer = setTimeout(send, 5000);
    });
  }

  function questionOf(target) {
    var section = target.closest("[data-question]");
    return section ? section.getAttribute("data-question") : null;
  }

  form.addEventListener("change", function (event) {
    var key = questionOf(event.target);
    if (!key) { return; }
    clearTimeout(typingTimers[key]);
    pending[key] = true;
    send();
  });
  form.addEventListener("input", function (event) {
    var key = questionOf(event.target);
    if (!key || (event.target.type !== "text" && event.target.tagName !== "TEXTAREA")) { return; }
    clearTimeout(typingTimers[key]);
    typingTimers[key] = setTimeout(function () { pending[key] = true; send(); }, 800);
  });
  window.addEventListener("online", send);
  /* A button press sends the whole form: let a save in flight land first, so the
     form carries the newest revision and is not refused as out of date. */
  form.addEventListener("submit", function (event) {
    Object.keys(typingTimers).forEach(function (key) { clearTimeout(typingTimers[key]); });
    pending = {};
    if (busy) {
      event.preventDefault();
      waitingSubmitter = event.submitter || null;
    }
  });

  var timer = document.querySelector(".timer[data-deadline]");
  if (!timer) { return; }
  var deadline = Date.parse(timer.getAttribute("data-deadline"));
  var shown = timer.querySelector("[role=timer]");
  var announce = timer.querySelector("[aria-live=polite]");
  var warned = {};
  timer.hidden = false;
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var minutes = Math.floor(left / 60);
    shown.textContent = timer.getAttribute("data-label") + ": " +
      minutes + ":" + ("0" + (left % 60)).slice(-2);
    [5, 1].forEach(function (mark) {
      if (left <= mark * 60 && left > 0 && !warned[mark]) {
        warned[mark] = true;
        timer.classList.add("timer-low");
        announce.textContent = timer.getAttribute("data-warning").replace("{minutes}", mark);
      }
    });
    if (left === 0) {
      clearInterval(interval);
      /* as if the learner pressed Submit: a save in flight lands first */
      form.requestSubmit(form.querySelector('button[value="submit"]'));
    }
  }
  var interval = setInterval(tick, 1000);
  tick();
})();
