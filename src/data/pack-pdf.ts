/**
 * The meeting pack as PDF: the built print route, paginated by Paged.js in Debian's Chromium (driven by
 * playwright-core), printed once Paged.js reports it has finished (its `after` hook), never after a
 * fixed sleep or the first page. Nothing leaves the machine: every request to another host is refused.
 *
 * Fast by chunks. Each part of the pack (cover, agenda, contents, summary, each child, actions log,
 * themes) starts a page, so the parts are paginated in chunks (`?parts=A-B`, see
 * public/assets/pack-config.js), several at once (one browser tab per core: os.availableParallelism()),
 * each printed as soon as it is paginated (planChunks says how the pack is cut). The first chunk (it holds
 * cover to contents) is printed once every other chunk is paginated: only then is the page of each part
 * known for its contents page. Each chunk goes into the joined PDF as soon as it is printed,
 * while the browser works on the others, and the join is finished once the last is in (pack-join.ts):
 * page numbers, bookmarks, links and tags over the whole pack.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PackJoin, partPages, type ChunkLayout } from './pack-join.js';
import { serveFolder } from './static-server.js';

export const CHROMIUM_PATH = process.env.PANEL_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Chromium features the pack's browser turns off on top of Playwright's own list: the address bar's popup,
 * a web page of its own (chrome://omnibox-popup.top-chrome) that every new window loads into a renderer
 * process, about two thirds of a second of processor time for each tab's window here, for an address bar
 * nobody sees. Nothing the pack prints depends on it.
 */
const PACK_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

let defaultFeaturesOff: string[] | null | undefined;
/**
 * The features Playwright turns off when it starts Chromium (among them the ones that would make the
 * browser call other hosts at start-up), read from the installed playwright-core: Chromium takes only the
 * last --disable-features switch, so one that adds to Playwright's must repeat its list. Null when the list
 * cannot be found (another version of playwright-core), and then nothing is added.
 */
export function playwrightDisabledFeatures(): string[] | null {
  if (defaultFeaturesOff !== undefined) return defaultFeaturesOff;
  defaultFeaturesOff = null;
  try {
    const lib = path.join(path.dirname(createRequire(import.meta.url).resolve('playwright-core')), 'lib');
    for (const file of ['coreBundle.js', 'server/chromium/chromiumSwitches.js']) {
      if (!existsSync(path.join(lib, file))) continue;
      const list = /disabledFeatures = \[([^\]]*)\]/.exec(readFileSync(path.join(lib, file), 'utf8'))?.[1];
      if (!list) continue;
      const code = list.replace(/\/\/[^\n]*/g, '');
      const names = [...code.matchAll(/"([A-Za-z0-9_]*)"/g)].map((m) => m[1]).filter(Boolean);
      // Every entry a plain name (or a condition choosing one): anything else, and the list is not trusted.
      const rest = code.replace(/"[A-Za-z0-9_]*"/g, '').replace(/process\.env\.[A-Z_]+|[?:,\s]/g, '');
      if (names.length >= 5 && !rest) defaultFeaturesOff = names;
      break;
    }
  } catch {
    defaultFeaturesOff = null;
  }
  return defaultFeaturesOff;
}

/** The pack browser's switches: CHROMIUM_ARGS, and the features turned off (Playwright's and the pack's). */
export function packChromiumArgs(): string[] {
  const defaults = playwrightDisabledFeatures();
  return defaults ? [...CHROMIUM_ARGS, `--disable-features=${[...defaults, ...PACK_DISABLED_FEATURES].join(',')}`] : CHROMIUM_ARGS;
}

export class ChromiumMissingError extends Error {
  constructor(detail: string) {
    super(
      `${detail}\nThe PDF pack needs Chromium: on Debian or Ubuntu run \`sudo apt-get install -y chromium\` ` +
        '(or set PANEL_CHROMIUM to a Chromium or Chrome executable), then run the build again.',
    );
  }
}

export interface PdfJob {
  /** Route of the print page inside the built site, e.g. `/pack/index.html`. */
  route: string;
  out: string;
}

export interface PdfResult {
  out: string;
  pages: number;
  ms: number;
  /** The PDF's bytes (also written to `out`). */
  bytes: Uint8Array;
}

export interface RenderOptions {
  timeoutMs?: number;
  /** Tabs paginating at once (default: the machine's available parallelism). */
  workers?: number;
  /** Parts per chunk (default: chosen from the number of parts and workers). */
  partsPerChunk?: number;
  /** Called as chunks finish: `done` of `total` steps. */
  onProgress?: (done: number, total: number) => void;
  /** Work to do while the browser starts (`panel pack` writes the print page then), before the jobs are read. */
  meanwhile?: () => Promise<void>;
}

/** Parts of the front chunk: cover, agenda, contents (its page numbers wait for every other chunk). */
const FRONT_PARTS = 3;

/**
 * Most of a pack's page per chunk, in bytes of the print page's HTML (about 90 pages of a child's section;
 * a child's section is about 2.7 kB a page): Paged.js's time per page grows with the length of a document,
 * slowly up to there (18 ms a page for 45 or 85 pages here, 26 for the whole 161-page pack, with Paged.js's
 * frame-by-frame tick; with the chunks' task tick, about 12 ms of processor time a page for 92 pages, 13 for
 * 158).
 */
export const CHUNK_BYTES = 250_000;

/** The size in bytes of each top-level part (`<section class="pack-part">`) of a built pack page, in order. */
export function partSizes(html: string): number[] {
  const starts = [...html.matchAll(/<section class="pack-part\b/g)].map((m) => m.index);
  const end = html.lastIndexOf('</body>');
  return starts.map((start, i) => (starts[i + 1] ?? (end > start ? end : html.length)) - start);
}

/**
 * Chunks of part indexes, in pack order: the pack's page shared out evenly (by bytes) between as few chunks
 * as keep every worker busy: one per worker, more (a multiple of the workers) when a chunk would pass
 * `CHUNK_BYTES`. Each chunk costs a page load, its own print and its own fonts in the join (about a third of
 * a second of processor time here), so fewer is faster as long as every worker has one. Cover to contents
 * (the front: its contents page is printed once every other chunk is paginated) goes with the first chunk
 * when there is one per worker; with more, it is a chunk of its own, paginated last by the first free tab,
 * and counts in the first chunk's share: that chunk is the smallest, so it is printed first and the join
 * (which takes the chunks in pack order) need not wait for it. `size`: parts per chunk instead, the front
 * a chunk of its own (tests, experiments).
 */
export function planChunks(sizes: readonly number[], workers: number, size?: number): [number, number][] {
  const parts = sizes.length;
  if (parts <= FRONT_PARTS + 1) return parts ? [[0, parts - 1]] : [];
  const chunks: [number, number][] = [[0, FRONT_PARTS - 1]];
  if (size) {
    for (let start = FRONT_PARTS; start < parts; start += size) chunks.push([start, Math.min(parts, start + size) - 1]);
    return chunks;
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  const restBytes = total - sizes.slice(0, FRONT_PARTS).reduce((a, b) => a + b, 0);
  const rest = parts - FRONT_PARTS;
  const w = Math.max(1, workers);
  const count = Math.min(rest, w * Math.max(1, Math.ceil(restBytes / (CHUNK_BYTES * w))));
  // Cut after the part whose end comes nearest each multiple of the share (the front included), keeping at
  // least one part for each chunk still to come.
  const share = total / count;
  let start = FRONT_PARTS;
  let done = sizes.slice(0, FRONT_PARTS).reduce((a, b) => a + b, 0);
  for (let i = FRONT_PARTS; i < parts; i++) {
    done += sizes[i];
    const left = parts - 1 - i;
    const toCome = count - chunks.length;
    const target = share * chunks.length;
    const next = i + 1 < parts ? done + sizes[i + 1] : Infinity;
    if (left === 0 || (toCome > 0 && (left === toCome || Math.abs(done - target) <= Math.abs(next - target)))) {
      chunks.push([start, i]);
      start = i + 1;
    }
  }
  // A chunk per worker: the front is paginated with the first of them, whose tab waits for the others to
  // be paginated anyway (one page load, print and join the fewer, and the front no longer paginated at the
  // end). With more chunks than workers it stays a chunk of its own, paginated last, so that no tab waits.
  return count <= w ? [[0, chunks[1][1]], ...chunks.slice(2)] : chunks;
}

interface Task {
  job: number;
  index: number;
  range: [number, number];
}

/** In each pack: the chunks in pack order, a front of its own (cover to contents alone) last. */
const rank = (t: Task) => (t.index === 0 && t.range[1] === FRONT_PARTS - 1 ? 1 : 0);

/** How long the work done while the browser starts waits for Playwright to start the browser's process (ms). */
const LAUNCH_WAIT_MS = 300;

/** Child processes of this process that keep it running (Node's handles, one per child process). */
const childProcesses = () => process.getActiveResourcesInfo().filter((r) => r === 'ProcessWrap').length;

/** Lets other callbacks (Playwright's, the browser's messages) run before the caller goes on. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Renders each job from the built site in `dist`, in one browser. */
export async function renderPdfs(dist: string, jobList: PdfJob[] | (() => PdfJob[]), opts: RenderOptions = {}): Promise<PdfResult[]> {
  const { timeoutMs = 300_000, onProgress } = opts;
  const workers = Math.max(1, opts.workers ?? (Number(process.env.PANEL_PACK_WORKERS || 0) || availableParallelism()));
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError(`Chromium was not found at ${CHROMIUM_PATH}.`);
  // The browser starts while the caller's other work runs (it is another process), and so do the workers'
  // tabs (each a renderer process to start) once it is up.
  const server = await serveFolder(dist);
  const children = childProcesses();
  const launching = chromium.launch({ executablePath: CHROMIUM_PATH, args: packChromiumArgs() }).then(
    (b) => ({ browser: b, error: null }),
    (error: Error) => ({ browser: null, error }),
  );
  // Every tab in a context (a window) of its own: in one window only the newest tab is drawn, and Paged.js
  // in the others waited for frames (a 34-page chunk took 30 s instead of 2 s). Each refuses other hosts.
  // The window is small: Paged.js lays out a page a frame, and the browser draws every frame; what is
  // printed does not depend on the window (the printed page is the CSS page).
  const newTab = async (browser: Browser) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort('blockedbyclient')));
    return chunkTab(context);
  };
  const early: Promise<ChunkTab | null>[] = [];
  if (opts.meanwhile) {
    const started = launching.then(({ browser }) => browser);
    for (let i = 0; i < workers; i++) early.push(started.then((b) => (b ? newTab(b) : null)).catch(() => null));
  }
  const closeEarly = async () => Promise.all(early.map(async (tab) => (await tab)?.page.context().close().catch(() => {})));
  const closeLaunched = async () => {
    await closeEarly();
    await (await launching).browser?.close();
    await server.close();
  };
  try {
    if (opts.meanwhile) {
      // Playwright starts the browser's process some milliseconds after launch() (it makes the profile's
      // folders first, 35 ms here), and work that held the thread from here held Chromium's start back by
      // as long (the print page for 60 children, about 0.3 s): the work waits for the process (a child
      // process more), for at most LAUNCH_WAIT_MS. It also gives the thread back between its steps
      // (pack-build.ts), so that the browser's start-up messages are answered.
      for (const until = performance.now() + LAUNCH_WAIT_MS; childProcesses() <= children && performance.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 1));
      await opts.meanwhile();
    }
  } catch (err) {
    await closeLaunched();
    throw err;
  }
  // (The jobs may be known only once that work is done.)
  const jobs = typeof jobList === 'function' ? jobList() : jobList;
  const { browser, error } = await launching;
  if (!browser) {
    await server.close();
    throw new ChromiumMissingError(`Chromium at ${CHROMIUM_PATH} could not start: ${error!.message.split('\n')[0]}`);
  }
  let closing: Promise<void> | undefined;
  const close = async () => {
    await closeEarly();
    await browser.close();
    await server.close();
  };
  try {
    const t0 = performance.now();
    const plans = jobs.map((job) => {
      const html = readFileSync(path.join(dist, job.route.replace(/^\//, '')), 'utf8');
      return planChunks(partSizes(html), workers, opts.partsPerChunk);
    });
    // Pack after pack, in pack order, the front last: its contents page waits for every other chunk's
    // layout, and paginated last it waits least, in the tab of the worker that paginated it (a tab held
    // while others are paginated would make the worker start another, and another renderer process).
    const tasks: Task[] = plans.flatMap((plan, job) => plan.map((range, index) => ({ job, index, range })));
    tasks.sort((a, b) => a.job - b.job || rank(a) - rank(b) || a.index - b.index);
    const steps = tasks.length + jobs.length;
    let done = 0;
    const tick = () => onProgress?.(++done, steps);
    onProgress?.(0, steps);

    const layouts: ChunkLayout[][] = plans.map((p) => new Array(p.length));
    // Each chunk is copied into its pack's join as soon as it is printed (pack-join.ts), one at a time.
    const joins = await Promise.all(plans.map((p) => PackJoin.create(p.length)));
    const copying: Promise<void>[] = plans.map(() => Promise.resolve());
    const printed = (job: number, index: number, pdf: Uint8Array) => {
      copying[job] = copying[job].then(() => joins[job].add(index, { pdf, layout: layouts[job][index] })).catch((err) => void errors.push(err as Error));
    };
    const fronts = new Map<number, Page>();
    const frontPrints: Promise<void>[] = [];
    const queue = [...tasks];
    const errors: Error[] = [];
    // Once every chunk of a pack is paginated, every part's page is known: the contents page is filled in
    // and the front chunk printed, while the last chunks are still printing.
    const printFront = async (job: number, page: Page) => {
      const pages = Object.fromEntries(partPages(layouts[job]));
      await page.evaluate((map: Record<string, number>) => {
        document.querySelectorAll<HTMLElement>('[data-toc]').forEach((el) => {
          const n = map[el.dataset.toc ?? ''];
          el.textContent = n ? String(n) : '';
        });
      }, pages);
      printed(job, 0, await print(page));
      await page.context().close();
    };
    const paginated = (job: number) => {
      const page = fronts.get(job);
      if (!page || layouts[job].filter(Boolean).length < plans[job].length) return;
      fronts.delete(job);
      frontPrints.push(printFront(job, page).catch((err) => void errors.push(err as Error)));
    };
    const worker = async () => {
      // One tab per worker, reused for chunk after chunk; the first chunk (with the contents page) keeps its
      // tab until it is printed, and the worker opens another if there is more to do.
      let tab: ChunkTab | null = null;
      for (let task = queue.shift(); task && !errors.length; task = queue.shift()) {
        try {
          const tp = performance.now();
          // A tab opened while the page was written, else a new one.
          tab ??= (await early.shift()) ?? (await newTab(browser));
          const current = tab;
          const layout = await paginate(current, `${server.url}${jobs[task.job].route}?parts=${task.range[0]}-${task.range[1]}`, timeoutMs).catch((err) => {
            tab = null;
            throw err;
          });
          if (process.env.PANEL_PACK_TIMING) process.stderr.write(`chunk ${task.range.join('-')}: ${layout.pages} pages paginated in ${Math.round(performance.now() - tp)} ms (from ${Math.round(tp - t0)} ms)\n`);
          layouts[task.job][task.index] = layout;
          if (task.index === 0) {
            tab = null;
            fronts.set(task.job, current.page);
            paginated(task.job);
          } else {
            paginated(task.job);
            const pp = performance.now();
            printed(task.job, task.index, await print(current.page));
            if (process.env.PANEL_PACK_TIMING) process.stderr.write(`chunk ${task.range.join('-')}: printed in ${Math.round(performance.now() - pp)} ms\n`);
          }
          tick();
        } catch (err) {
          errors.push(err as Error);
        }
      }
      await (tab as ChunkTab | null)?.page.context().close();
    };
    await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, worker));
    await Promise.all(frontPrints);
    // Every chunk is printed: the browser closes while the joins finish.
    closing = close();
    closing.catch(() => {}); // (awaited, and so reported, below)
    await Promise.all(copying);
    if (errors.length) throw errors[0];
    const results: PdfResult[] = [];
    for (const [i, job] of jobs.entries()) {
      const title = await titleOf(path.join(dist, job.route.replace(/^\//, '')));
      const tj = performance.now();
      const bytes = await joins[i].finish({ title });
      if (process.env.PANEL_PACK_TIMING) process.stderr.write(`join finished in ${Math.round(performance.now() - tj)} ms after the last print\n`);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(job.out, bytes);
      results.push({ out: job.out, pages: layouts[i].reduce((n, l) => n + l.pages, 0), ms: Math.round(performance.now() - t0), bytes });
      tick();
    }
    return results;
  } finally {
    await (closing ?? close());
  }
}

/**
 * The tabs' window: the browser draws a frame for each page Paged.js lays out, and a small window is
 * drawn at a fraction of the cost (about a sixth less processor time paginating, here).
 */
const VIEWPORT = { width: 200, height: 200 };

/** A tab for chunks: each chunk is a new document in it (a new tab costs a renderer process and its start-up). */
interface ChunkTab {
  page: Page;
  /** Script errors of the current document. */
  errors: string[];
}

async function chunkTab(context: BrowserContext): Promise<ChunkTab> {
  const page = await context.newPage();
  const tab: ChunkTab = { page, errors: [] };
  page.on('pageerror', (e) => tab.errors.push(e.message));
  return tab;
}

/**
 * Resolves with the chunk's layout once Paged.js has finished (pack-config.js sets window.packLayout, then
 * data-paged="done"), told by a MutationObserver in the page: one evaluation per chunk, with no polling and
 * without Playwright's injected script (page.waitForFunction evaluates some 180 kB of script in every new
 * document, and sends it down the pipe each time). A string, so that no bundler helper is written into it.
 */
const LAYOUT_WHEN_PAGINATED = `new Promise((resolve) => {
  const root = document.documentElement;
  const done = () => root.getAttribute('data-paged') === 'done';
  if (done()) return resolve(window.packLayout);
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    resolve(window.packLayout);
  });
  observer.observe(root, { attributes: true, attributeFilter: ['data-paged'] });
})`;

async function paginate(tab: ChunkTab, url: string, timeoutMs: number): Promise<ChunkLayout> {
  const { page } = tab;
  tab.errors = [];
  await page.goto(url, { waitUntil: 'load' });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const layout = await Promise.race([page.evaluate(LAYOUT_WHEN_PAGINATED) as Promise<ChunkLayout>, timedOut]);
    if (layout) return layout;
  } catch {
    // (The page crashed or was closed: reported below, as a timeout is.)
  } finally {
    clearTimeout(timer);
  }
  await page.context().close();
  throw new Error(`Paged.js did not finish paginating ${new URL(url).pathname}${new URL(url).search}${tab.errors.length ? `: ${tab.errors.join('; ')}` : ''}`);
}

function print(page: Page): Promise<Uint8Array> {
  return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, outline: false, tagged: true });
}

/** The page's <title>, as the browser would read it. */
async function titleOf(file: string): Promise<string> {
  const m = /<title>([^<]*)<\/title>/.exec(readFileSync(file, 'utf8'));
  const decode = (s: string) => s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]);
  return m ? decode(m[1]) : 'Meeting pack';
}
