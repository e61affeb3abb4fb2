/*
 * The lesson page side of the H5P activity block (lessons/blocks/h5p.html).
 *
 * The player iframe (h5p-player.js) posts messages here; only messages from one of this page's
 * H5P iframes (event.source is its window) and naming that iframe's package are used:
 *   - "resize": the iframe's height follows the activity;
 *   - "xapi":   a result, posted to the iframe's data-h5p-xapi-url with the learner's session and
 *               CSRF token; the outcome is announced in the block's status line.
 * Loaded once per H5P block; it runs once per page.
 */
(function () {
  "use strict";

  if (window.lmsH5PLesson) {
    return;
  }
  window.lmsH5PLesson = true;

  var MAX_HEIGHT = 10000;

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe[data-h5p-xapi-url]"));
  }

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function statusFor(frame) {
    var figure = frame.closest("[data-h5p-activity]");
    return figure ? figure.querySelector("[data-h5p-status]") : null;
  }

  function announce(frame, text) {
    var status = statusFor(frame);
    if (status && text) {
      status.textContent = text;
    }
  }

  function number(value) {
    var lang = document.documentElement.lang || undefined;
    return Number(value).toLocaleString(lang, { maximumFractionDigits: 2 });
  }

  function describe(frame, body) {
    var parts = [];
    if (body.score !== null && body.score !== undefined && body.max_score) {
      parts.push(
        frame.dataset.textScore
          .replace("{score}", number(body.score))
          .replace("{max}", number(body.max_score))
      );
    } else {
      parts.push(frame.dataset.textSaved);
    }
    if (body.completed) {
      parts.push(frame.dataset.textCompleted);
    }
    return parts.join(" ");
  }

  function post(frame, statement) {
    fetch(frame.dataset.h5pXapiUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        "X-CSRFToken": frame.dataset.csrfToken || cookie("csrftoken"),
      },
      body: JSON.stringify({ statement: statement }),
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            if (!response.ok) {
              announce(frame, body.error || frame.dataset.textFailed);
            } else if (body.recorded) {
              announce(frame, describe(frame, body));
              frame.dispatchEvent(new CustomEvent("h5p:recorded", { bubbles: true, detail: body }));
            }
          });
      })
      .catch(function () {
        announce(frame, frame.dataset.textFailed);
      });
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.source !== "lms-h5p") {
      return;
    }
    var frame = frames().find(function (candidate) {
      return candidate.contentWindow === event.source;
    });
    if (!frame || data.packageId !== frame.dataset.h5pPackage) {
      return;
    }
    if (data.type === "resize") {
      var height = Number(data.height);
      if (height > 0) {
        frame.style.height = Math.min(height, MAX_HEIGHT) + "px";
      }
    } else if (data.type === "xapi" && data.statement && typeof data.statement === "object") {
      post(frame, data.statement);
    }
  });
})();
