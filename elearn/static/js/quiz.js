/* Quiz page: save each answer as it is given, and show the time left.
   The page works without this script (its buttons save and submit); with it nothing
   answered is lost: not an answer given before the script loaded (a slow phone), not
   one given while the connection was down, and not one given after the session ended
   (the learner signs in again, in another tab or through the sign-in page, and the
   answers this tab kept are put back and saved). */
(function () {
  "use strict";
  var form = document.querySelector("form.quiz[data-autosave]");
  if (!form) { return; }
  var url = form.getAttribute("data-autosave");
  var tokenUrl = form.getAttribute("data-token");
  var revision = form.querySelector("input[name=revision]");
  var tokenField = form.querySelector("input[name=csrf_token]");
  var status = document.getElementById("save-status");
  var signIn = document.getElementById("save-sign-in");
  var draftKey = "elearn-attempt-" + form.getAttribute("data-attempt");
  var unsaved = {};   /* answered here, not yet acknowledged by the server */
  var pending = {};   /* of those, waiting to be sent */
  var busy = false;
  var signedOut = false;
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

  function section(key) { return form.querySelector('[data-question="' + key + '"]'); }

  function controls(key) {
    var box = section(key);
    if (!box) { return []; }
    return Array.prototype.filter.call(box.querySelectorAll("input, select, textarea"),
      function (field) {
        /* a scenario's choice is final once sent: it goes with a button, not a click */
        return field.name && !field.disabled && !field.closest('[data-autosave="off"]');
      });
  }

  function entries(key) {
    var list = [];
    controls(key).forEach(function (field) {
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
      list.push([field.name, field.value]);
    });
    return list;
  }

  function writeDraft() {
    var keys = Object.keys(unsaved);
    try {
      if (!keys.length) { sessionStorage.removeItem(draftKey); return; }
      var fields = {};
      keys.forEach(function (key) { fields[key] = entries(key); });
      sessionStorage.setItem(draftKey, JSON.stringify({ revision: revision.value, fields: fields }));
    } catch (e) { /* no storage: the page itself still holds the answers */ }
  }

  function answered(key, now) {
    unsaved[key] = true;
    if (now) { pending[key] = true; }
    writeDraft();
  }

  function requeue(keys) { keys.forEach(function (key) { pending[key] = true; }); }

  function retry(action) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(action, 5000);
  }

  function markAnswered(keys) {
    keys.forEach(function (key) {
      var link = document.querySelector('[data-question-link="' + key + '"]');
      if (link) { link.classList.add("answered"); }
    });
  }

  function call(address, options) {
    options.credentials = "same-origin";
    options.headers = options.headers || {};
    options.headers.Accept = "application/json";
    return fetch(address, options).then(function (response) {
      return response.json().then(function (body) {
        return { ok: response.ok, status: response.status, body: body };
      }, function () { return { ok: false, status: response.status, body: {} }; });
    });
  }

  function endedSession() {
    signedOut = true;
    say(status.getAttribute("data-signed-out"), "error");
    if (signIn) { signIn.hidden = false; }
    retry(renew);
  }

  /* Signed in again (in another tab): take the new session's token, then save. */
  function renew() {
    call(tokenUrl, { method: "GET" }).then(function (result) {
      if (result.status === 401) { endedSession(); return; }
      if (!result.ok || !result.body.open) { window.location.reload(); return; }
      signedOut = false;
      if (signIn) { signIn.hidden = true; }
      tokenField.value = result.body.csrf_token;
      if (Object.keys(pending).length) { send(); } else { submitIfAsked(); }
    }).catch(function () {
      say(status.getAttribute("data-offline"), "error");
      retry(renew);
    });
  }

  /* A button pressed while a save was in flight, or while signed out, is pressed again
     once the answers are saved. */
  function submitIfAsked() {
    if (!waitingSubmitter) { return false; }
    var submitter = waitingSubmitter;
    waitingSubmitter = null;
    form.requestSubmit(submitter);
    return true;
  }

  function send() {
    var keys = Object.keys(pending);
    if (busy || signedOut || keys.length === 0) { return; }
    pending = {};
    busy = true;
    var data = new FormData();
    data.append("revision", revision.value);
    keys.forEach(function (key) {
      data.append("shown", key);
      entries(key).forEach(function (pair) { data.append(pair[0], pair[1]); });
    });
    say(status.getAttribute("data-saving"));
    call(url, { method: "POST", body: data, headers: { "X-CSRFToken": tokenField.value } })
      .then(function (result) {
        busy = false;
        if (result.ok) {
          var refused = result.body.refused || [];
          revision.value = result.body.revision;
          keys.forEach(function (key) { delete unsaved[key]; });
          refused.forEach(function (item) { unsaved[item.key] = true; });
          writeDraft();
          markAnswered(result.body.saved);
          if (refused.length) {
            waitingSubmitter = null;
            say(refused[0].message, "error");
          } else if (submitIfAsked()) {
            return;
          } else {
            say(status.getAttribute("data-saved").replace("{time}", clock()), "ok");
          }
          send();
        } else if (result.status === 401) {
          requeue(keys);
          endedSession();
        } else if (result.body.error === "csrf") {
          requeue(keys);
          renew();
        } else if (result.body.error === "stale-form") {
          say(status.getAttribute("data-stale"), "error");
        } else {
          window.location.reload();  /* time is up or submitted: the server shows why */
        }
      })
      .catch(function () {
        busy = false;
        requeue(keys);
        say(status.getAttribute("data-offline"), "error");
        retry(send);
      });
  }

  function questionOf(target) {
    if (target.closest('[data-autosave="off"]')) { return null; }
    var box = target.closest("[data-question]");
    return box ? box.getAttribute("data-question") : null;
  }

  form.addEventListener("change", function (event) {
    var key = questionOf(event.target);
    if (!key) { return; }
    clearTimeout(typingTimers[key]);
    answered(key, true);
    send();
  });
  form.addEventListener("input", function (event) {
    var key = questionOf(event.target);
    if (!key || (event.target.type !== "text" && event.target.tagName !== "TEXTAREA")) { return; }
    answered(key, false);
    clearTimeout(typingTimers[key]);
    typingTimers[key] = setTimeout(function () { answered(key, true); send(); }, 800);
  });
  window.addEventListener("online", send);
  /* A button press sends the whole form: let a save in flight land first, so the
     form carries the newest revision and is not refused as out of date. */
  form.addEventListener("submit", function (event) {
    Object.keys(typingTimers).forEach(function (key) { clearTimeout(typingTimers[key]); });
    writeDraft();  /* kept until the server has them, should the session have ended */
    if (signedOut) {
      event.preventDefault();
      waitingSubmitter = event.submitter || null;
      endedSession();
      return;
    }
    pending = {};
    if (busy) {
      event.preventDefault();
      waitingSubmitter = event.submitter || null;
    }
  });

  /* Answers this tab kept from before (the session ended and the learner signed in
     again), then answers given before this script ran: put back, and saved. */
  function restoreDraft() {
    var draft = null;
    try { draft = JSON.parse(sessionStorage.getItem(draftKey)); } catch (e) { draft = null; }
    if (!draft || draft.revision !== revision.value) { return; }
    Object.keys(draft.fields || {}).forEach(function (key) {
      var given = draft.fields[key];
      controls(key).forEach(function (field) {
        var values = given.filter(function (pair) { return pair[0] === field.name; })
          .map(function (pair) { return pair[1]; });
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = values.indexOf(field.value) !== -1;
        } else if (field.type !== "hidden") {
          field.value = values.length ? values[0] : "";
        }
      });
    });
  }

  function changedSinceLoad(key) {
    return controls(key).some(function (field) {
      if (field.type === "radio" || field.type === "checkbox") {
        return field.checked !== field.defaultChecked;
      }
      if (field.tagName === "SELECT") {  /* without a selected option, the first shows */
        var initial = Array.prototype.filter.call(field.options, function (option) {
          return option.defaultSelected;
        })[0] || field.options[0];
        return initial ? field.value !== initial.value : false;
      }
      return field.type !== "hidden" && field.value !== field.defaultValue;
    });
  }

  restoreDraft();
  form.querySelectorAll("[data-question]").forEach(function (box) {
    var key = box.getAttribute("data-question");
    if (changedSinceLoad(key)) { answered(key, true); }
  });
  send();

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
      /* as if the learner pressed Submit, without the check of unanswered questions:
         a save in flight lands first */
      var late = document.createElement("input");
      late.type = "hidden";
      late.name = "timeout";
      late.value = "1";
      form.appendChild(late);
      form.requestSubmit(form.querySelector('button[value="submit"]'));
    }
  }
  var interval = setInterval(tick, 1000);
  tick();
})();
