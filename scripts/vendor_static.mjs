// Copy the pinned third-party browser code (package.json) into
// themes/static/vendor/, which is committed so the site runs without Node.js.
//   npm ci --ignore-scripts && node scripts/vendor_static.mjs
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "themes", "static", "vendor");

// [package-relative source, vendor-relative destination]
const FILES = [
  ["chart.js/dist/chart.umd.min.js", "chartjs/chart.umd.min.js"],
  ["chart.js/dist/chart.umd.min.js.map", "chartjs/chart.umd.min.js.map"],
  ["chart.js/LICENSE.md", "chartjs/LICENSE.md"],
  ["h5p-standalone/dist", "h5p-standalone"],
  ["h5p-standalone/LICENSE", "h5p-standalone/LICENSE"],
  ["pdfjs-dist/build/pdf.min.mjs", "pdfjs/pdf.min.mjs"],
  ["pdfjs-dist/build/pdf.worker.min.mjs", "pdfjs/pdf.worker.min.mjs"],
  ["pdfjs-dist/cmaps", "pdfjs/cmaps"],
  ["pdfjs-dist/standard_fonts", "pdfjs/standard_fonts"],
  ["pdfjs-dist/wasm", "pdfjs/wasm"],
  ["pdfjs-dist/LICENSE", "pdfjs/LICENSE"],
  ["quill/dist/quill.js", "quill/quill.js"],
  ["quill/dist/quill.js.map", "quill/quill.js.map"],
  ["quill/dist/quill.js.LICENSE.txt", "quill/quill.js.LICENSE.txt"],
  ["quill/dist/quill.snow.css", "quill/quill.snow.css"],
  ["quill/dist/quill.snow.css.map", "quill/quill.snow.css.map"],
  ["quill/LICENSE", "quill/LICENSE"],
];

rmSync(target, { recursive: true, force: true });
for (const [source, destination] of FILES) {
  const to = join(target, destination);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(join(root, "node_modules", source), to, { recursive: true });
}
console.log(`vendored ${FILES.length} entries into ${target}`);
