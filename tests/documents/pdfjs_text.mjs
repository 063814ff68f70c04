// The text pdf.js (Firefox's PDF viewer) gives for each page of each PDF, as JSON:
// [[page 1 text, page 2 text, ...], ...].
// Usage: node pdfjs_text.mjs FOLDER_WITH_NODE_MODULES FILE.pdf...
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [folder, ...files] = process.argv.slice(2);
const build = join(folder, "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs");
const { getDocument } = await import(pathToFileURL(build).href);
const out = [];
for (const file of files) {
  const data = new Uint8Array(readFileSync(file));
  const doc = await getDocument({ data, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
  }
  out.push(pages);
}
process.stdout.write(JSON.stringify(out));
