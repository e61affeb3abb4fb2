// The attempt page: autosave, answers kept while offline, flags and the timer.
//
// Each question carries the sequence number the server stored for it. Every
// change raises the page's number by one and is sent with it; the server
// refuses a number older than its own (another window saved later), so a stale
// tab never overwrites a newer answer. Unsaved answers are kept in memory and
// in localStorage until the server has them. The form still works without
// this script: it posts the page's answers with the stored numbers.
(function () {
  "use strict";

  var form = document.getElementById("attempt-form");
  var timerBox = document.getElementById("quiz-timer");
  var submitting = false;

  if (form) setUpAutosave(form);
  if (timerBox) setUpTimer(timerBox);

  function setUpAutosave(form) {
    var data = form.dataset;
    var statusEl = document.getElementById("save-status");
    var conflictEl = document.getElementById("save-conflict");
    var tokenField = form.querySelector("input[name=csrfmiddlewaretoken]");
    var token = tokenField ? tokenField.value : "";
    var slots = {};
    var retryDelay = 5000;
    var retryTimer = null;

    Array.prototype.forEach.call(form.querySelectorAll(".question[data-slot]"), function (el) {
      var field = el.querySelector("[data-sequence-field]");
      if (!field) return;
      var slot = el.dataset.slot;
      slots[slot] = {
        slot: slot,
        el: el,
        type: el.dataset.qtype,
        seq: parseInt(el.dataset.sequence, 10) || 0,
        field: field,
        answer: null,
        dirty: false,
        inflight: false,
        conflict: false,
        timer: null,
      };
    });

    eachSlot(function (s) {
      var kept = recall(s);
      if (kept && kept.seq > s.seq) {
        // An answer this browser could not save last time: show it and send it again.
        applyAnswer(s, kept.answer);
        s.seq = kept.seq;
        s.field.value = String(s.seq);
        s.answer = kept.answer;
        s.dirty = true;
      } else {
        if (kept) forget(s);
        s.answer = readAnswer(s);
      }
      updateBox(s);
    });
    setStatus("idle", data.textAuto || statusEl.textContent);
    flushAll();

    form.addEventListener("input", function (event) {
      var s = slotFor(event.target);
      if (s && isTextField(event.target)) changed(s, 1000);
    });
    form.addEventListener("change", function (event) {
      var s = slotFor(event.target);
      if (!s) return;
      if (event.target.matches("[data-upload-input]")) return uploadNow(event.target);
      changed(s, 0);
    });
    form.addEventListener("submit", function () {
      submitting = true;
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-flag-slot]");
      if (button) {
        event.preventDefault();
        toggleFlag(button);
      }
    });
    if (conflictEl) {
      conflictEl.querySelector("[data-reload]").addEventListener("click", function () {
        window.location.reload();
      });
    }
    window.addEventListener("online", flushAll);
    // At least every 30 seconds while something is unsaved.
    window.setInterval(flushAll, 30000);
    window.addEventListener("beforeunload", function (event) {
      if (submitting) return;
      var unsaved = false;
      eachSlot(function (s) {
        if (s.dirty || s.inflight) unsaved = true;
      });
      if (unsaved) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    function eachSlot(callback) {
      Object.keys(slots).forEach(function (key) {
        callback(slots[key]);
      });
    }

    function slotFor(target) {
      var section = target.closest ? target.closest(".question[data-slot]") : null;
      return section ? slots[section.dataset.slot] : null;
    }

    function isTextField(target) {
      return target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type === "text");
    }

    function changed(s, delay) {
      var answer = readAnswer(s);
      if (JSON.stringify(answer) !== JSON.stringify(s.answer)) {
        s.seq += 1;
        // The form posts this number plus one, so a later form post wins; after a
        // conflict it keeps the number the page came with, so the server refuses it too.
        if (!s.conflict) s.field.value = String(s.seq);
        s.answer = answer;
        s.dirty = true;
        keep(s);
        updateBox(s);
      }
      if (!s.dirty) return;
      window.clearTimeout(s.timer);
      s.timer = window.setTimeout(function () {
        send(s);
      }, delay);
    }

    function flushAll() {
      eachSlot(function (s) {
        if (s.dirty) send(s);
      });
    }

    function send(s) {
      if (s.inflight || s.conflict || !s.dirty) return;
      var seq = s.seq;
      s.inflight = true;
      setStatus("saving", data.textSaving);
      fetch(data.saveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": token,
        },
        body: JSON.stringify({ slot: Number(s.slot), answer: s.answer, sequence: seq }),
      })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (body) {
              return { status: response.status, body: body };
            });
        })
        .then(function (result) {
          s.inflight = false;
          handleResult(s, seq, result);
        })
        .catch(function () {
          s.inflight = false;
          offline();
        });
    }

    function handleResult(s, seq, result) {
      var body = result.body || {};
      if (result.status === 200) {
        if (s.seq === seq) {
          s.dirty = false;
          forget(s);
        }
        showError(s, "");
        retryDelay = 5000;
        if (s.dirty) return send(s);
        if (!anyUnsaved()) {
          setStatus("saved", data.textSaved.replace("__TIME__", clock(body.saved_at)));
        }
      } else if (result.status === 409) {
        // Another window saved a newer answer: keep it, and do not send this one again.
        s.conflict = true;
        s.dirty = false;
        s.field.value = s.el.dataset.sequence;
        forget(s);
        setStatus("conflict", "");
        if (conflictEl) conflictEl.hidden = false;
      } else if (result.status === 400 && (body.code === "closed" || body.code === "time_up")) {
        eachSlot(function (other) {
          other.dirty = false;
        });
        setStatus("error", data.textClosed);
      } else if (result.status === 400) {
        s.dirty = false;
        showError(s, data.textInvalid + " " + (body.error || ""));
        setStatus("error", data.textInvalid + " " + (body.error || ""));
      } else if (result.status === 403) {
        s.dirty = false;
        setStatus("error", body.error || data.textRefused);
      } else {
        offline();
      }
    }

    function anyUnsaved() {
      var unsaved = false;
      eachSlot(function (s) {
        if (s.dirty || s.inflight) unsaved = true;
      });
      return unsaved;
    }

    function offline() {
      setStatus("offline", data.textOffline);
      window.clearTimeout(retryTimer);
      retryTimer = window.setTimeout(flushAll, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }

    function setStatus(state, text) {
      statusEl.dataset.state = state;
      if (text) statusEl.textContent = text;
    }

    function showError(s, text) {
      var box = document.getElementById("q-" + s.slot + "-error");
      if (!box) return;
      box.textContent = text;
      box.hidden = !text;
    }

    function clock(iso) {
      // The server sends its local time (ISO 8601); show HH:MM:SS of it.
      var match = /T(\d\d:\d\d:\d\d)/.exec(iso || "");
      if (match) return match[1];
      var now = new Date();
      return [now.getHours(), now.getMinutes(), now.getSeconds()].map(pad).join(":");
    }

    function storageKey(s) {
      return "lms-quiz:" + data.attempt + ":" + s.slot;
    }

    function keep(s) {
      try {
        window.localStorage.setItem(storageKey(s), JSON.stringify({ seq: s.seq, answer: s.answer }));
      } catch (error) {
        // Storage full or disabled: the answer is still kept in memory.
      }
    }

    function recall(s) {
      try {
        return JSON.parse(window.localStorage.getItem(storageKey(s)) || "null");
      } catch (error) {
        return null;
      }
    }

    function forget(s) {
      try {
        window.localStorage.removeItem(storageKey(s));
      } catch (error) {
        // Nothing to do.
      }
    }

    function field(s, name) {
      return s.el.querySelector("[name='q" + s.slot + "-" + name + "']");
    }

    function checked(s, name) {
      return Array.prototype.map.call(
        s.el.querySelectorAll("[name='q" + s.slot + "-" + name + "']:checked"),
        function (input) {
          return input.value;
        }
      );
    }

    function readAnswer(s) {
      switch (s.type) {
        case "single":
          return checked(s, "choice").length ? { choice: checked(s, "choice")[0] } : null;
        case "multiple":
          return checked(s, "choices").length ? { choices: checked(s, "choices") } : null;
        case "truefalse":
          return checked(s, "value").length ? { value: checked(s, "value")[0] } : null;
        case "numerical":
          return { number: field(s, "number").value };
        case "matching":
          var pairs = {};
          var prefix = "q" + s.slot + "-pair-";
          Array.prototype.forEach.call(s.el.querySelectorAll("select"), function (select) {
            if (select.name.indexOf(prefix) === 0 && select.value) {
              pairs[select.name.slice(prefix.length)] = select.value;
            }
          });
          return { pairs: pairs };
        default:
          var text = field(s, "text");
          return text ? { text: text.value } : null;
      }
    }

    function applyAnswer(s, answer) {
      answer = answer || {};
      var prefix = "q" + s.slot + "-";
      Array.prototype.forEach.call(s.el.querySelectorAll("input, select, textarea"), function (input) {
        if (input.name.indexOf(prefix) !== 0) return;
        var name = input.name.slice(prefix.length);
        if (s.type === "single" && name === "choice") input.checked = input.value === String(answer.choice);
        if (s.type === "multiple") input.checked = (answer.choices || []).indexOf(input.value) !== -1;
        if (s.type === "truefalse") input.checked = input.value === String(answer.value);
        if (name === "text" || name === "number") input.value = answer[name] || "";
        if (name.indexOf("pair-") === 0) input.value = (answer.pairs || {})[name.slice(5)] || "";
      });
    }

    function answered(s) {
      var answer = s.answer;
      if (s.el.querySelector(".answer-files__list li")) return true;
      if (!answer) return false;
      if (answer.choice || answer.value) return true;
      if (answer.choices) return answer.choices.length > 0;
      if (answer.pairs) return Object.keys(answer.pairs).length > 0;
      return Boolean((answer.text || answer.number || "").trim());
    }

    function updateBox(s) {
      var box = document.getElementById("qnav-" + s.slot);
      if (box) box.classList.toggle("is-answered", answered(s));
    }

    function toggleFlag(button) {
      var slot = button.dataset.flagSlot;
      var flagged = button.getAttribute("aria-pressed") !== "true";
      fetch(data.flagUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": token,
        },
        body: JSON.stringify({ slot: Number(slot), flagged: flagged }),
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          button.setAttribute("aria-pressed", flagged ? "true" : "false");
          button.value = slot + ":" + (flagged ? "0" : "1");
          var box = document.getElementById("qnav-" + slot);
          if (box) box.classList.toggle("is-flagged", flagged);
        })
        .catch(offline);
    }

    function uploadNow(input) {
      // Choosing a file sends it at once (with the page's answers), as the upload button would.
      var button = input.closest(".answer-files").querySelector("[data-upload-button]");
      if (button && input.files && input.files.length) button.click();
    }
  }

  function setUpTimer(box) {
    var deadline = Date.parse(box.dataset.deadline);
    // The server's clock decides: correct for a browser clock that is wrong.
    var skew = Date.parse(box.dataset.now) - Date.now();
    var valueEl = document.getElementById("timer-value");
    var announcer = document.getElementById("timer-announce");
    if (isNaN(deadline) || isNaN(skew)) return;
    var initial = secondsLeft();
    var handle = window.setInterval(tick, 1000);
    tick();

    function secondsLeft() {
      return Math.max(0, Math.floor((deadline - (Date.now() + skew)) / 1000));
    }

    function tick() {
      var left = secondsLeft();
      valueEl.textContent = format(left);
      if (left <= 300) box.classList.add("timer--urgent");
      // Screen readers hear the time only when it matters, not every second.
      if (initial > 300 && left <= 300 && left > 60) announce("five", box.dataset.textFive);
      if (initial > 60 && left <= 60 && left > 0) announce("one", box.dataset.textOne);
      if (left === 0) {
        window.clearInterval(handle);
        announce("up", box.dataset.textUp);
        timeUp();
      }
    }

    function announce(key, text) {
      if (announce[key]) return;
      announce[key] = true;
      if (announcer && text) announcer.textContent = text;
    }

    function timeUp() {
      var target = document.querySelector("[data-timeup-form]");
      if (!target) return;
      if (target.dataset.timeupAlways !== "1" && box.dataset.autosubmit !== "1") return;
      var flag = target.querySelector("[data-timeup-field]");
      if (flag) flag.value = "1";
      submitting = true;
      HTMLFormElement.prototype.submit.call(target);
    }
  }

  function format(seconds) {
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    return hours + ":" + pad(minutes) + ":" + pad(seconds % 60);
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }
})();
