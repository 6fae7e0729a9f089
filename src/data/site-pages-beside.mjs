// Child pages rendered on a second thread (scripts/astro-build.mjs installs this in Astro's build process).
// Astro renders pages on one thread; with thousands of children its per-page work is most of the build.
// A worker thread (site-pages-worker.mjs), started with the build, loads Astro's renderer while Astro bundles the
// pages. When the child pages' ids are known (their getStaticPaths, through src/data/site-pages.ts), the worker
// renders child pages from the last backwards, with the same built page module and Astro's own renderer, and
// writes them where Astro would, while Astro renders them from the first. Each page is claimed by one thread
// only (an atomic compare-and-swap on shared memory): when Astro reaches a page the worker has claimed, the
// middleware (src/middleware.ts) waits for the worker to have written it and gives Astro an empty response, which
// Astro does not write; if the worker is gone without writing it, Astro renders it as always.
// Before any of its pages is used, the worker renders the first child page too, and it must be the same,
// character for character, as Astro's own; else the worker is stopped and Astro renders every page it had not
// written (a page it wrote is then written again by Astro).
// PANEL_CHILD_PAGES_WORKER=0 turns it off, =1 on whatever the processors; =all leaves every child page but the
// first to the worker, and fails the build if it does not write one (tests: every child page from the worker).
// Plain JavaScript: loaded by the build script as it is.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const STATE = Symbol.for('panel.child-pages');
const BUILD = 1;
const WORKER = 2;

/**
 * Installs the child pages' second renderer for this build. `renderContext` is Astro's RenderContext class:
 * its `create` is wrapped to learn the build's pipeline (the pages' head elements, the manifest, the output
 * folder). Does nothing when turned off.
 */
export function installChildPagesWorker({ renderContext, mode = process.env.PANEL_CHILD_PAGES_WORKER }) {
  // By default only with three processors or more: on two, Astro's own threads (the collector's helpers, the
  // file writes) and buildSite's work beside already keep both busy, and the worker's second copy of the site
  // model and of Astro's renderer cost more than it saves (measured on this machine's two cores).
  if (mode === '0' || (mode !== '1' && mode !== 'all' && availableParallelism() < 3)) return;
  const all = mode === 'all';
  let pipeline;
  let origin;
  let pipelineKnown;
  const pipelineReady = new Promise((resolve) => (pipelineKnown = resolve));
  const create = renderContext.create;
  renderContext.create = function (opts) {
    if (!pipeline) {
      pipeline = opts.pipeline;
      origin = new URL(opts.request.url).origin;
      pipelineKnown();
    }
    return create.call(this, opts);
  };

  /** The index of each child page, by id. */
  let indexOf = new Map();
  /** Who renders each child page (0: not yet claimed), shared with the worker. */
  let claims;
  /** The pages the worker has written, by index, and by the file Astro's log names. */
  const written = new Set();
  const writtenFiles = new Set();
  let childIds = [];
  /** The site's functions the worker's questions are answered with (src/data/site-pages.ts). */
  let site;
  let ended = false;
  /** null until the worker's first page is compared with Astro's; then whether the two are the same. */
  let same = null;
  let ownFirst;
  let workerFirst;
  // Whoever waits for the worker is woken at each of its messages, and when it ends.
  let wake;
  let changed = new Promise((resolve) => (wake = resolve));
  const notify = () => {
    wake();
    changed = new Promise((resolve) => (wake = resolve));
  };
  let worker;
  const stop = () => {
    ended = true;
    void worker?.terminate();
    worker = undefined;
    notify();
  };
  const compare = () => {
    if (same !== null || ownFirst === undefined || workerFirst === undefined) return;
    same = ownFirst === workerFirst;
    if (!same) {
      process.stderr.write("panel: a child page rendered on the build's second thread differs from the build's own: the build renders every child page itself\n");
      stop();
    }
  };

  // Started now, so that it loads Astro's renderer while Astro bundles the pages; told what to render by start().
  const astroDir = path.dirname(createRequire(import.meta.url).resolve('astro/package.json'));
  worker = new Worker(new URL('./site-pages-worker.mjs', import.meta.url), {
    workerData: { pipelineUrl: pathToFileURL(path.join(astroDir, 'dist', 'container', 'pipeline.js')).href },
  });
  // A worker never told what to render (a build without child pages) does not keep the process alive.
  worker.unref();
  worker.on('message', async (msg) => {
    if (msg.type === 'first') {
      workerFirst = msg.html;
      compare();
    } else if (msg.type === 'written') {
      written.add(msg.index);
      writtenFiles.add(`/children/${childIds[msg.index]}/index.html`);
    }
    else if (msg.type === 'sent-file') worker?.postMessage({ id: msg.id, value: await site.sentFile(msg.arg) });
    else if (msg.type === 'history') worker?.postMessage({ id: msg.id, value: await site.history() });
    else if (msg.type === 'done') stop();
    notify();
  });
  worker.on('error', stop);
  worker.on('exit', stop);

  globalThis[STATE] = {
    /** The build renders its first page: the worker loads the site's code and model (src/data/site-pages.ts). */
    prepare({ helpersUrl, sentFile, history }) {
      if (site || ended) return;
      site = { sentFile, history };
      worker?.postMessage({ type: 'prepare', helpersUrl });
    },
    /** The child pages' ids are known (`pageUrl`, their built module): the worker starts on them. */
    start({ pageUrl, ids }) {
      if (claims) return;
      indexOf = new Map(ids.map((id, i) => [id, i]));
      childIds = ids;
      claims = new Int32Array(new SharedArrayBuffer(4 * ids.length));
      // The first page is Astro's: the check of the worker's.
      claims[0] = BUILD;
      // (No page rendered yet, which cannot be: the worker does not know the site's code.)
      if (ended || !site || ids.length < 2) return stop();
      void pipelineReady.then(async () => {
        try {
          const { config } = pipeline.settings;
          if (config.build.format !== 'directory') return stop();
          const route = pipeline.getRoutes().find((r) => r.route === '/children/[id]');
          const head = await pipeline.headElements(route);
          const m = pipeline.manifest;
          worker?.postMessage({
            type: 'start',
            pageUrl,
            head: { links: [...head.links], scripts: [...head.scripts], styles: [...head.styles] },
            // What of the build's manifest a page's rendering reads (the rest is code, or unused by a static page).
            manifest: {
              base: m.base,
              trailingSlash: m.trailingSlash,
              buildFormat: m.buildFormat,
              compressHTML: m.compressHTML,
              componentMetadata: m.componentMetadata,
              inlinedScripts: m.inlinedScripts,
              clientDirectives: m.clientDirectives,
              entryModules: m.entryModules,
              assetsPrefix: m.assetsPrefix,
              userAssetsBase: m.userAssetsBase,
            },
            origin,
            outDir: config.outDir.href,
            ids,
            claims: claims.buffer,
          });
        } catch {
          stop();
        }
      });
    },
    /**
     * Whether a child page was written by the worker (Astro then writes nothing for it); false for Astro to
     * render it: a page nobody had claimed (Astro's now), or one the worker did not write, or did not render
     * as Astro does.
     */
    async writtenBeside(id) {
      const i = indexOf.get(id);
      if (i === undefined && all) throw new Error(`the child page of ${id} was not known to the build's second thread (PANEL_CHILD_PAGES_WORKER=all)`);
      if (!i) return false;
      // A turn of the event loop, so that the worker's messages (its questions, the pages it wrote) are heard:
      // Astro renders and the middleware writes without waiting for anything, all in promises.
      if (!ended) await new Promise((resolve) => setImmediate(resolve));
      if (!all && Atomics.compareExchange(claims, i, 0, BUILD) !== WORKER) return false;
      while (!ended && (same === null || !written.has(i))) await changed;
      if (same && written.has(i)) return true;
      if (all) throw new Error(`the child page of ${id} was not written by the build's second thread (PANEL_CHILD_PAGES_WORKER=all)`);
      return false;
    },
    /** Astro's own HTML of a child page (made to open from disk): the first is the check of the worker's. */
    own(id, html) {
      if (indexOf.get(id) !== 0) return;
      ownFirst = html;
      compare();
    },
    /** Whether the worker wrote this file (as Astro's log names it: /children/<id>/index.html). */
    wroteFile: (file) => writtenFiles.has(file),
    /** The build is over: the worker ends. */
    stop,
  };
}
