// PDF preview for the lesson "document" block (lessons/blocks/document.html).
//
// Draws the pages of a PDF with the vendored PDF.js into canvases, each with a
// text layer (so the text can be selected, searched and read by screen readers),
// inside a scrollable, focusable region. Pages are drawn when they come near
// the visible area and released when they go far away, so long documents stay
// light. The toolbar gives previous/next page, "page x of n" (announced
// politely), zoom out/in and fit to width.
//
// Everything the script needs comes from data- attributes written by the
// template ({% static %} URLs, translated strings): no inline script, as the
// site's Content-Security-Policy requires. Without JavaScript, or when the PDF
// cannot be drawn, the template's fallback text and its open/download links
// remain.

const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
const CSS_UNITS = 96 / 72; // PDF points to CSS pixels
const MAX_CANVAS_PIXELS = 16_777_216; // 4096 × 4096: stay well inside browser limits

let pdfjsPromise = null;
const percentFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, {
  style: "percent",
});

function loadPdfjs(root) {
  pdfjsPromise ??= import(root.dataset.pdfjs).then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = root.dataset.worker;
    return pdfjs;
  });
  return pdfjsPromise;
}

// The directory of a static file's URL: {% static %} can only name files.
function directoryOf(url) {
  return new URL(".", new URL(url, document.baseURI)).href;
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
}

function isCancellation(error) {
  return error?.name === "RenderingCancelledException" || error?.name === "AbortException";
}

class PdfPreview {
  constructor(root) {
    this.root = root;
    this.text = {
      page: root.dataset.textPage || "Page {page} of {total}",
      pageLabel: root.dataset.textPageLabel || "Page {page}",
      loading: root.dataset.textLoading || "Loading…",
      failed: root.dataset.textFailed || "The preview could not be shown.",
    };
    this.toolbar = root.querySelector(".pdf-preview__toolbar");
    this.container = root.querySelector("[data-pages]");
    this.fallback = root.querySelector("[data-fallback]");
    this.status = root.querySelector("[data-status]");
    this.zoomOutput = root.querySelector("[data-zoom]");
    this.buttons = Object.fromEntries(
      [...root.querySelectorAll("[data-action]")].map((button) => [button.dataset.action, button]),
    );
    this.pdfjs = null;
    this.pdf = null;
    this.pages = [];
    this.fit = true; // fit to width, else this.zoom (1 = 100 %)
    this.zoom = 1;
    this.current = 1;
    this.visible = new Set();
    this.availableWidth = 0;
  }

  async start() {
    this.fallback.textContent = this.text.loading;
    this.root.classList.add("is-loading");
    try {
      this.pdfjs = await loadPdfjs(this.root);
      const task = this.pdfjs.getDocument({
        url: this.root.dataset.src,
        cMapUrl: directoryOf(this.root.dataset.cmaps),
        cMapPacked: true,
        standardFontDataUrl: directoryOf(this.root.dataset.standardFonts),
        wasmUrl: directoryOf(this.root.dataset.wasm),
        enableXfa: false,
      });
      this.pdf = await task.promise;
      // Every page box starts with the first page's size and takes its own
      // when drawn, as PDF.js's viewer does: no need to read all pages first.
      const first = await this.pdf.getPage(1);
      this.layOut(first);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.fallback.remove();
    this.root.classList.remove("is-loading");
    this.root.classList.add("is-ready");
    this.toolbar.hidden = false;
    this.bindEvents();
    this.updateStatus();
    this.observe();
  }

  fail(error) {
    console.warn("PDF preview:", error);
    this.observer?.disconnect();
    this.root.classList.remove("is-loading", "is-ready");
    this.root.classList.add("is-failed");
    this.toolbar.hidden = true;
    for (const page of this.pages) {
      this.cancel(page);
      page.element.remove();
    }
    this.pages = [];
    this.fallback.textContent = this.text.failed;
    this.container.append(this.fallback);
  }

  layOut(firstPage) {
    const { width, height, userUnit } = firstPage.getViewport({ scale: 1 });
    const total = this.pdf.numPages;
    const fragment = document.createDocumentFragment();
    for (let number = 1; number <= total; number++) {
      const element = document.createElement("div");
      element.className = "pdf-preview__page";
      element.dataset.pageNumber = String(number);
      element.setAttribute("role", "group");
      element.setAttribute("aria-label", format(this.text.pageLabel, { page: number, total }));
      const canvas = document.createElement("canvas");
      canvas.setAttribute("aria-hidden", "true");
      const textLayer = document.createElement("div");
      textLayer.className = "textLayer";
      element.append(canvas, textLayer);
      fragment.append(element);
      this.pages.push({
        number,
        element,
        canvas,
        textLayer,
        pdfPage: number === 1 ? firstPage : null,
        width, // CSS px at scale 1 (the page's user unit included)
        height,
        userUnit: userUnit || 1,
        generation: 0,
        task: null,
        textTask: null,
        drawingScale: 0,
        drawnScale: 0,
      });
    }
    this.container.append(fragment);
    this.measure();
    this.applySizes();
  }

  measure() {
    const style = getComputedStyle(this.container);
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    this.availableWidth = Math.max(120, this.container.clientWidth - padding);
  }

  // The scale of a page: CSS px per PDF unit.
  scaleFor(page) {
    return this.fit ? this.availableWidth / page.width : this.zoom * CSS_UNITS;
  }

  sizePage(page) {
    const scale = this.scaleFor(page);
    const { style } = page.element;
    style.width = `${Math.floor(page.width * scale)}px`;
    style.height = `${Math.floor(page.height * scale)}px`;
    // The text layer's CSS (from PDF.js) sizes text with these.
    style.setProperty("--scale-factor", String(scale));
    style.setProperty("--user-unit", String(page.userUnit));
  }

  applySizes() {
    for (const page of this.pages) {
      this.sizePage(page);
    }
    const zoom = this.scaleFor(this.pages[0]) / CSS_UNITS;
    const percent = Math.round(zoom * 100);
    this.zoomOutput.value = percentFormat.format(zoom);
    this.buttons.fit.setAttribute("aria-pressed", String(this.fit));
    this.buttons["zoom-out"].disabled = percent <= ZOOM_STEPS[0] * 100;
    this.buttons["zoom-in"].disabled = percent >= ZOOM_STEPS.at(-1) * 100;
  }

  observe() {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const page = this.pages[Number(entry.target.dataset.pageNumber) - 1];
          if (!page) {
            continue;
          }
          if (entry.isIntersecting) {
            this.visible.add(page);
            this.draw(page);
          } else {
            this.visible.delete(page);
            this.release(page);
          }
        }
      },
      // Draw about one screen ahead; release pages further away.
      { root: this.container, rootMargin: "100% 0px" },
    );
    for (const page of this.pages) {
      this.observer.observe(page.element);
    }
  }

  cancel(page) {
    page.generation += 1;
    page.task?.cancel();
    page.textTask?.cancel();
    page.task = null;
    page.textTask = null;
    page.drawingScale = 0;
  }

  async draw(page) {
    let scale = this.scaleFor(page);
    if (page.drawnScale === scale || page.drawingScale === scale) {
      return;
    }
    this.cancel(page);
    const generation = page.generation;
    const current = () => generation === page.generation;
    page.drawingScale = scale;
    try {
      if (!page.pdfPage) {
        page.pdfPage = await this.pdf.getPage(page.number);
        if (!current()) {
          return;
        }
        const { width, height, userUnit } = page.pdfPage.getViewport({ scale: 1 });
        if (width !== page.width || height !== page.height) {
          Object.assign(page, { width, height, userUnit: userUnit || 1 });
          this.sizePage(page);
          scale = this.scaleFor(page);
          page.drawingScale = scale;
        }
      }
      const viewport = page.pdfPage.getViewport({ scale });
      let outputScale = window.devicePixelRatio || 1;
      if (viewport.width * viewport.height * outputScale ** 2 > MAX_CANVAS_PIXELS) {
        outputScale = Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height));
      }
      // Draw into a new canvas and swap it in when done: no blank flash on zoom.
      const canvas = document.createElement("canvas");
      canvas.setAttribute("aria-hidden", "true");
      canvas.width = Math.floor(viewport.width * outputScale);
      canvas.height = Math.floor(viewport.height * outputScale);
      page.task = page.pdfPage.render({
        canvas,
        viewport,
        transform: outputScale === 1 ? null : [outputScale, 0, 0, outputScale, 0, 0],
      });
      await page.task.promise;
      if (!current()) {
        return;
      }
      page.task = null;
      page.canvas.replaceWith(canvas);
      page.canvas = canvas;
      page.drawnScale = scale;
      page.element.classList.add("is-drawn");

      const textLayer = document.createElement("div");
      textLayer.className = "textLayer";
      page.textTask = new this.pdfjs.TextLayer({
        textContentSource: page.pdfPage.streamTextContent(),
        container: textLayer,
        viewport,
      });
      await page.textTask.render();
      if (!current()) {
        return;
      }
      page.textLayer.replaceWith(textLayer);
      page.textLayer = textLayer;
    } catch (error) {
      if (!current() || isCancellation(error)) {
        return;
      }
      if (page.number === 1 && !page.drawnScale) {
        this.fail(error);
        return;
      }
      console.warn(`PDF preview: page ${page.number}:`, error);
    } finally {
      if (current()) {
        page.task = null;
        page.textTask = null;
        page.drawingScale = 0;
      }
    }
  }

  release(page) {
    this.cancel(page);
    if (page.drawnScale) {
      // Free the bitmap; the box keeps its size so scrolling does not jump.
      page.canvas.width = 0;
      page.canvas.height = 0;
      page.textLayer.replaceChildren();
      page.drawnScale = 0;
      page.element.classList.remove("is-drawn");
      page.pdfPage?.cleanup();
    }
  }

  offsetOf(page) {
    return page.element.offsetTop - this.pages[0].element.offsetTop;
  }

  redraw() {
    // Keep the reader's place while every page changes size.
    const page = this.pages[this.current - 1];
    const ratio = (this.container.scrollTop - this.offsetOf(page)) / page.element.offsetHeight;
    this.applySizes();
    this.container.scrollTop = this.offsetOf(page) + ratio * page.element.offsetHeight;
    for (const visiblePage of this.visible) {
      this.draw(visiblePage);
    }
  }

  zoomBy(direction) {
    const percent = this.scaleFor(this.pages[0]) / CSS_UNITS;
    const next =
      direction > 0
        ? ZOOM_STEPS.find((step) => step > percent + 0.01)
        : ZOOM_STEPS.findLast((step) => step < percent - 0.01);
    if (next === undefined) {
      return;
    }
    this.fit = false;
    this.zoom = next;
    this.redraw();
  }

  fitToWidth() {
    this.fit = true;
    this.measure();
    this.redraw();
  }

  goTo(number) {
    const page = this.pages[number - 1];
    if (!page) {
      return;
    }
    this.container.scrollTop = this.offsetOf(page);
    this.current = number;
    this.updateStatus();
  }

  // The current page is the one across the middle of the visible area.
  trackCurrent() {
    const middle = this.container.scrollTop + this.container.clientHeight / 2;
    let low = 0;
    let high = this.pages.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.offsetOf(this.pages[mid]) <= middle) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    // At the very end the last page counts even if it is short.
    const atEnd =
      this.container.scrollTop + this.container.clientHeight >= this.container.scrollHeight - 2;
    const number = atEnd ? this.pages.length : low + 1;
    if (number !== this.current) {
      this.current = number;
      this.updateStatus();
    }
  }

  updateStatus() {
    const total = this.pages.length;
    this.status.textContent = format(this.text.page, { page: this.current, total });
    this.buttons.previous.disabled = this.current <= 1;
    this.buttons.next.disabled = this.current >= total;
  }

  bindEvents() {
    this.buttons.previous.addEventListener("click", () => this.goTo(this.current - 1));
    this.buttons.next.addEventListener("click", () => this.goTo(this.current + 1));
    this.buttons["zoom-in"].addEventListener("click", () => this.zoomBy(1));
    this.buttons["zoom-out"].addEventListener("click", () => this.zoomBy(-1));
    this.buttons.fit.addEventListener("click", () => this.fitToWidth());

    let frame = 0;
    this.container.addEventListener(
      "scroll",
      () => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => this.trackCurrent());
      },
      { passive: true },
    );

    // While the pages have the focus, the arrow and page keys scroll them
    // natively; n / p turn the page and Ctrl (⌘) with + − 0 zoom, as in PDF viewers.
    this.container.addEventListener("keydown", (event) => {
      const command = event.ctrlKey || event.metaKey;
      if (event.altKey || event.shiftKey) {
        return;
      }
      if (command && (event.key === "+" || event.key === "=")) {
        this.zoomBy(1);
      } else if (command && event.key === "-") {
        this.zoomBy(-1);
      } else if (command && event.key === "0") {
        this.fitToWidth();
      } else if (!command && event.key === "n") {
        this.goTo(this.current + 1);
      } else if (!command && event.key === "p") {
        this.goTo(this.current - 1);
      } else {
        return;
      }
      event.preventDefault();
    });

    // Fit to width follows the container (phone rotation, window resize).
    let timer = 0;
    new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const before = this.availableWidth;
        this.measure();
        if (this.fit && Math.abs(before - this.availableWidth) > 1) {
          this.redraw();
        }
      }, 150);
    }).observe(this.container);
  }
}

function init() {
  const roots = document.querySelectorAll("[data-pdf-preview]:not([data-pdf-preview-started])");
  if (!roots.length) {
    return;
  }
  // Start each preview as it comes near the screen: a lesson with several
  // documents downloads only those the learner reaches.
  const starter = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          starter.unobserve(entry.target);
          new PdfPreview(entry.target).start();
        }
      }
    },
    { rootMargin: "50% 0px" },
  );
  for (const root of roots) {
    root.dataset.pdfPreviewStarted = "";
    starter.observe(root);
  }
}

init();
