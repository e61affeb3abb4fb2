// Rich-text essay answers: a Quill editor in place of the answer textarea.
//
// Without this script the textarea works alone and the server turns its plain
// text into paragraphs (quizzes/forms.py). With it, the editor writes its HTML
// into the hidden textarea and fires "input" there, so attempt.js saves it like
// any typed answer and the no-JavaScript form post sends it too. The server
// sanitises whatever arrives. Quill is loaded only on pages with such an essay.
(function () {
  "use strict";

  // The essay template adds this script once per essay; one run is enough.
  if (window.lmsEssayEditor) return;
  window.lmsEssayEditor = true;

  var FORMATS = ["bold", "italic", "underline", "list"];
  // The same test as quizzes.forms.HTML_MARKUP: editor HTML has closing tags or <br>.
  var HTML_MARKUP = /<\/[a-z][a-z0-9]*\s*>|<br\s*\/?>/i;
  // A start tag with its attributes (a quoted value may hold ">"), and the ones to drop.
  var START_TAG = /<([a-z][a-z0-9-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/gi;
  var INLINE_ATTRIBUTE = /\s+(style|on[a-z]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)/gi;
  var STYLE_FORMATS = {
    bold: /font-weight\s*:\s*(bold|[6-9]00)/,
    italic: /font-style\s*:\s*italic/,
    underline: /text-decoration[^;]*underline/,
  };

  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-essay-editor]"));
  if (!boxes.length) return;
  loadStyle(boxes[0].dataset.quillCss);
  loadScript(boxes[0].dataset.quillJs, function () {
    boxes.forEach(setUp);
  });

  function loadStyle(href) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }

  function loadScript(src, done) {
    if (window.Quill) return done();
    var script = document.createElement("script");
    script.src = src;
    // If Quill cannot be loaded the plain textarea simply stays.
    script.addEventListener("load", done);
    document.head.appendChild(script);
  }

  function setUp(box) {
    var textarea = document.getElementById(box.dataset.essayEditor);
    var toolbar = box.querySelector("[role=toolbar]");
    var area = box.querySelector(".essay-editor__area");
    if (!textarea || !toolbar || !area || !window.Quill) return;
    var hadFocus = document.activeElement === textarea;
    var quill = new window.Quill(area, {
      theme: "snow",
      formats: FORMATS,
      modules: {
        toolbar: { container: toolbar },
        // Tab leaves the editor (no keyboard trap) instead of inserting a tab or indenting.
        keyboard: { bindings: { tab: null, indent: null, outdent: null, "remove tab": null } },
        history: { userOnly: true },
      },
    });
    cleanPastes(quill);
    var typedAsText = load(quill, textarea);
    quill.history.clear();
    quill.on("text-change", function () {
      changed(quill, textarea);
    });
    if (typedAsText) changed(quill, textarea);
    describe(quill, textarea);
    historyButtons(toolbar, quill);
    rovingFocus(toolbar);
    textarea.hidden = true;
    box.hidden = false;
    if (hadFocus) quill.focus();
  }

  function load(quill, textarea) {
    // An answer attempt.js restored from this browser (or text typed before the
    // editor arrived) changed the textarea: it wins over the saved answer.
    var edited = textarea.value !== textarea.defaultValue;
    var saved = edited ? "" : textarea.dataset.essayHtml || "";
    var source = saved || textarea.value;
    var isHtml = Boolean(saved) || HTML_MARKUP.test(source);
    if (isHtml) {
      quill.setContents(quill.clipboard.convert({ html: source }), "silent");
    } else {
      quill.setText(source, "silent");
    }
    // The page's form posts the textarea: with the saved HTML as it is there, an
    // untouched answer is not saved again (the no-JavaScript textarea may show it
    // as plain text). An untouched template stays plain text; the server wraps it.
    if (saved) textarea.value = saved;
    return edited && !isHtml;
  }

  function changed(quill, textarea) {
    textarea.value = html(quill);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function cleanPastes(quill) {
    // Quill keeps only FORMATS from pasted HTML, but it parses the HTML first, and the
    // page's CSP reports every style and event-handler attribute parsed, even in an
    // inert document. So those go before parsing; the bold, italic and underline that
    // styles carried (Google Docs writes them so) come back through a matcher.
    var clipboard = quill.clipboard;
    var convert = clipboard.convert.bind(clipboard);
    clipboard.convert = function (content, formats) {
      if (content && content.html) {
        content = { html: withoutInlineCode(content.html), text: content.text };
      }
      return convert(content, formats);
    };
    clipboard.addMatcher(Node.ELEMENT_NODE, function (node, delta) {
      var formats = node.getAttribute("data-paste-formats");
      return formats ? formatted(delta, formats.split(" ")) : delta;
    });
  }

  function withoutInlineCode(markup) {
    return markup.replace(START_TAG, function (tag, name, attributes, slash) {
      var style = "";
      var dropped = false;
      attributes = (attributes || "").replace(INLINE_ATTRIBUTE, function (all, kind, value) {
        dropped = true;
        if (kind.toLowerCase() === "style") {
          style += value.replace(/^["']|["']$/g, "").toLowerCase() + ";";
        }
        return "";
      });
      if (!dropped) return tag;
      var formats = Object.keys(STYLE_FORMATS).filter(function (format) {
        return STYLE_FORMATS[format].test(style);
      });
      // Google Docs wraps a whole paste in <b style="font-weight:normal">.
      if (/^(b|strong)$/i.test(name) && /font-weight\s*:\s*(normal|[1-5]00)/.test(style)) {
        name = "span";
      }
      if (formats.length) attributes += ' data-paste-formats="' + formats.join(" ") + '"';
      return "<" + name + attributes + slash + ">";
    });
  }

  function formatted(delta, formats) {
    var Delta = window.Quill.import("delta");
    return delta.reduce(function (result, op) {
      if (!op.insert) return result;
      var attributes = Object.assign({}, op.attributes);
      formats.forEach(function (format) {
        attributes[format] = attributes[format] || true;
      });
      return result.insert(op.insert, attributes);
    }, new Delta());
  }

  function html(quill) {
    if (!quill.getText().trim()) return "";
    // Quill 2.0 writes every space as &nbsp;, which would keep long lines from
    // wrapping where the answer is shown: keep only what a run of spaces needs.
    return quill.getSemanticHTML().replace(/(?:&nbsp;)+/g, function (run) {
      return " " + run.slice(6);
    });
  }

  function describe(quill, textarea) {
    var root = quill.root;
    var label = document.querySelector("label[for='" + textarea.id + "']");
    root.setAttribute("role", "textbox");
    root.setAttribute("aria-multiline", "true");
    if (!label) return;
    if (!label.id) label.id = textarea.id + "-label";
    root.setAttribute("aria-labelledby", label.id);
    // The label points at the hidden textarea; clicking it should reach the editor.
    label.addEventListener("click", function () {
      quill.focus();
    });
  }

  function historyButtons(toolbar, quill) {
    Array.prototype.forEach.call(toolbar.querySelectorAll("[data-history]"), function (button) {
      button.addEventListener("click", function () {
        if (button.dataset.history === "undo") quill.history.undo();
        else quill.history.redo();
        quill.focus();
      });
    });
  }

  function rovingFocus(toolbar) {
    // One tab stop for the toolbar; the arrow keys, Home and End move between its buttons.
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    var current = 0;
    buttons.forEach(function (button, index) {
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("focus", function () {
        buttons[current].tabIndex = -1;
        current = index;
        button.tabIndex = 0;
      });
    });
    toolbar.addEventListener("keydown", function (event) {
      var moves = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: -1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      buttons[(moves[event.key] + buttons.length) % buttons.length].focus();
    });
  }
})();
