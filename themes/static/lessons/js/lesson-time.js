// Tells the server, every 30 seconds while the lesson is on screen, that the
// learner is still studying it; the server counts the time and completes the
// lesson once the required minutes are reached.
(function () {
  "use strict";
  var status = document.getElementById("time-status");
  if (!status) return;
  var url = status.dataset.heartbeatUrl;
  var token = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  var interval = 30;

  function beat() {
    if (document.visibilityState !== "visible") return;
    var body = new URLSearchParams({ seconds: String(interval) });
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": decodeURIComponent(token) },
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.completed) {
          window.clearInterval(timer);
          status.classList.add("done");
          status.textContent = status.dataset.doneText || status.textContent;
        }
      })
      .catch(function () {});
  }
  var timer = window.setInterval(beat, interval * 1000);
})();
