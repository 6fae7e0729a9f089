// The child pages' second renderer (src/data/site-pages-beside.mjs starts it), a worker thread of Astro's build
// process. Started with the build, it loads Astro's renderer while Astro bundles the pages; when the build
// renders its first page, the site's code and model (as the build reads it). Told the child pages' ids, it
// renders the first child page and sends it to be checked against the build's own, then claims pages from the
// last backwards, one at a time, until it meets the build thread: each claimed page is rendered with the
// same built page module through Astro's own renderer (its container API, given the build's head elements and
// manifest), made to open from disk as the middleware makes a page, and written where Astro writes it. The site
// model and the audit trail are asked of the build thread (what buildSite sent it, the trail it read).
// Plain JavaScript: loaded as it is.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

let asked = 0;
const answers = new Map();
let prepared;
const preparing = new Promise((resolve) => (prepared = resolve));
let started;
const job = new Promise((resolve) => (started = resolve));
parentPort.on('message', (m) => {
  if (m.type === 'prepare') return prepared(m);
  if (m.type === 'start') return started(m);
  answers.get(m.id)?.(m.value);
  answers.delete(m.id);
});
const ask = (type, arg) =>
  new Promise((resolve) => {
    const id = asked++;
    answers.set(id, resolve);
    parentPort.postMessage({ type, id, arg });
  });
globalThis[Symbol.for('panel.sent-file')] = (kind) => ask('sent-file', kind);
globalThis[Symbol.for('panel.site-history')] = () => ask('history');

const { experimental_AstroContainer } = await import('astro/container');
const { ContainerPipeline } = await import(workerData.pipelineUrl);
// When the build renders its first page: the site's code (as bundled for the build) and its model.
const { pageOpensFromDisk, siteModelReady } = await import((await preparing).helpersUrl);
await siteModelReady();
// When the child pages' ids are known: the page's module, and what the build gives a page.
const { pageUrl, head, manifest, origin, outDir, ids, claims: claimsBuffer } = await job;
/** Who renders each child page: 0 nobody yet, 1 the build thread, 2 this one (claimed with compareExchange). */
const claims = new Int32Array(claimsBuffer);
// The page's <head> as the build gives it (its stylesheet link), not the container's empty one.
ContainerPipeline.prototype.headElements = () => ({ links: new Set(head.links), scripts: new Set(head.scripts), styles: new Set(head.styles) });
const container = await experimental_AstroContainer.create({ manifest });
// The page's entry module, its component loaded from it as Astro loads it.
const entry = await import(pageUrl);
const page = typeof entry.page === 'function' ? await entry.page() : entry;
const encoder = new TextEncoder();

/** The HTML of the page of ids[i], made to open from disk, and its path as Astro generates it. */
async function render(i) {
  const pathname = `/children/${ids[i]}/`;
  // The page's URL as Astro makes it; the middleware reads its (encoded) path.
  const url = new URL(pathname, origin);
  const response = await container.renderToResponse(page.default, { params: { id: ids[i] }, request: new Request(url), partial: false });
  return { pathname, html: pageOpensFromDisk(await response.text(), url.pathname) };
}

parentPort.postMessage({ type: 'first', html: (await render(0)).html });
for (let i = ids.length - 1; i > 0 && Atomics.compareExchange(claims, i, 0, 2) === 0; i--) {
  const { pathname, html } = await render(i);
  // Where Astro writes a page of a directory-format build: <outDir>/<pathname, URL-encoded>/index.html.
  const file = fileURLToPath(new URL(`.${encodeURI(pathname)}index.html`, outDir));
  // Synchronously, as the middleware writes a page (src/data/site-pages.ts): the bytes Astro would write.
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encoder.encode(html));
  parentPort.postMessage({ type: 'written', index: i });
}
parentPort.postMessage({ type: 'done' });
