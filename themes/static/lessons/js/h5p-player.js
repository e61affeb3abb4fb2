/*
 * The H5P player page (lessons/h5p/embed.html), inside the lesson's sandboxed iframe.
 *
 * Boots the vendored h5p-standalone with the configuration the server wrote into
 * <script type="application/json" id="h5p-config">, then tells the lesson page (the parent
 * window, at config.parentOrigin only) about:
 *   - results: top-level xAPI "answered"/"completed" statements, trimmed to what the server reads
 *     (no actor: the server knows who the learner is);
 *   - its height, so the iframe fits the activity without a scroll bar.
 * The lesson page (h5p-lesson.js) posts results to the server with the learner's session.
 */
(function () {
  "use strict";

  var RECORDED_VERBS = [
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/completed",
  ];
  var SUB_CONTENT = "http://h5p.org/x-api/h5p-subContentId";

  var configElement = document.getElementById("h5p-config");
  var container = document.getElementById("h5p-container");
  var status = document.getElementById("h5p-status");
  if (!configElement || !container || typeof H5PStandalone === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var framed = window.parent && window.parent !== window;

  function send(message) {
    if (!framed) {
      return;
    }
    message.source = "lms-h5p";
    message.packageId = config.packageId;
    window.parent.postMessage(message, config.parentOrigin);
  }

  function isSubContent(statement) {
    var context = statement.context || {};
    if (context.contextActivities && context.contextActivities.parent) {
      return true;
    }
    var definition = (statement.object && statement.object.definition) || {};
    return Boolean(definition.extensions && SUB_CONTENT in definition.extensions);
  }

  function trim(statement) {
    return {
      verb: { id: statement.verb.id },
      object: { id: statement.object && statement.object.id },
      result: statement.result,
    };
  }

  function onXAPI(event) {
    var statement = event && event.data && event.data.statement;
    if (!statement || !statement.verb || RECORDED_VERBS.indexOf(statement.verb.id) === -1) {
      return;
    }
    if (!statement.result || isSubContent(statement)) {
      return;
    }
    send({ type: "xapi", statement: trim(statement) });
  }

  var lastHeight = 0;
  var pending = false;
  function reportHeight() {
    pending = false;
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height && Math.abs(height - lastHeight) > 2) {
      lastHeight = height;
      send({ type: "resize", height: height });
    }
  }
  function scheduleHeight() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(reportHeight);
    }
  }

  var options = {};
  Object.keys(config).forEach(function (key) {
    if (key !== "parentOrigin" && key !== "packageId") {
      options[key] = config[key];
    }
  });

  new H5PStandalone.H5P(container, options)
    .then(function () {
      if (status) {
        status.remove();
      }
      window.H5P.externalDispatcher.on("xAPI", onXAPI);
      if (window.ResizeObserver) {
        new ResizeObserver(scheduleHeight).observe(document.body);
      }
      window.addEventListener("resize", scheduleHeight);
      scheduleHeight();
    })
    .catch(function (error) {
      if (status) {
        status.textContent = container.dataset.textFailed;
        status.classList.add("h5p-player-status--error");
      }
      scheduleHeight();
      if (window.console) {
        window.console.error("H5P player:", error);
      }
    });
})();
