/**
 * The meeting pack as PDF: the built print route, paginated by Paged.js in Debian's Chromium (driven by
 * playwright-core), printed once Paged.js reports it has finished (its `after` hook), never after a
 * fixed sleep or the first page. Nothing leaves the machine: every request to another host is refused.
 *
 * Fast by chunks. Each part of the pack (cover, agenda, contents, summary, each child, actions log,
 * themes) starts a page, so the parts are paginated in chunks of a few parts each (`?parts=A-B`, see
 * public/assets/pack-config.js), several at once (one browser tab per core: os.availableParallelism()),
 * and each chunk is printed as soon as it is paginated. Paged.js slows down with the length of a document,
 * so short chunks are faster even on one core. The first chunk (cover to contents) waits until every other
 * chunk is paginated: only then is the page of each part known for its contents page. Each chunk is copied
 * into the joined PDF as soon as it is printed, while the browser works on the others, and the join is
 * finished once the last is in (pack-join.ts): page numbers, bookmarks, links and tags over the whole pack.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PackJoin, partPages, type ChunkLayout } from './pack-join.js';
import { serveFolder } from './static-server.js';

export const CHROMIUM_PATH = process.env.PANEL_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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

/** Parts of the pack before the first child: cover, agenda, contents, summary tracker. */
const FRONT_PARTS = 4;

/** The number of top-level parts in a built pack page. */
export function countParts(html: string): number {
  return (html.match(/<section class="pack-part\b/g) ?? []).length;
}

/**
 * Chunks of part indexes, in pack order: cover to contents (it holds the contents page, so it is printed
 * last), the summary tracker alone (long tables are Paged.js's slowest work), then the children and the
 * closing parts in runs of `size`. Small enough that Paged.js stays fast and every worker has work until
 * near the end.
 */
export function planChunks(parts: number, workers: number, size?: number): [number, number][] {
  const front = Math.min(FRONT_PARTS, parts);
  const chunks: [number, number][] = front >= 4 ? [[0, 2], [3, 3]] : front ? [[0, front - 1]] : [];
  const rest = parts - front;
  // Each chunk costs a tab and a load of the whole page: a few chunks per worker, at most 20 parts each.
  const per = size ?? Math.max(1, Math.min(20, Math.ceil(rest / (workers * 2))));
  for (let start = front; start < parts; start += per) chunks.push([start, Math.min(parts, start + per) - 1]);
  return chunks;
}

interface Task {
  job: number;
  index: number;
  range: [number, number];
}

const rank = (t: Task) => (t.range[0] === FRONT_PARTS - 1 && t.range[1] === FRONT_PARTS - 1 ? 0 : t.index === 0 ? 1 : 2);

/** Renders each job from the built site in `dist`, in one browser. */
export async function renderPdfs(dist: string, jobList: PdfJob[] | (() => PdfJob[]), opts: RenderOptions = {}): Promise<PdfResult[]> {
  const { timeoutMs = 300_000, onProgress } = opts;
  const workers = Math.max(1, opts.workers ?? (Number(process.env.PANEL_PACK_WORKERS || 0) || availableParallelism()));
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError(`Chromium was not found at ${CHROMIUM_PATH}.`);
  // The browser starts while the caller's other work runs (it is another process).
  const launching = chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }).then(
    (b) => ({ browser: b, error: null }),
    (error: Error) => ({ browser: null, error }),
  );
  const closeLaunched = async () => (await launching).browser?.close();
  try {
    await opts.meanwhile?.();
  } catch (err) {
    await closeLaunched();
    throw err;
  }
  // (The jobs may be known only once that work is done.)
  const jobs = typeof jobList === 'function' ? jobList() : jobList;
  const server = await serveFolder(dist);
  const { browser, error } = await launching;
  if (!browser) {
    await server.close();
    throw new ChromiumMissingError(`Chromium at ${CHROMIUM_PATH} could not start: ${error!.message.split('\n')[0]}`);
  }
  try {
    // Every tab in a context (a window) of its own: in one window only the newest tab is drawn, and Paged.js
    // in the others waited for frames (a 34-page chunk took 30 s instead of 2 s). Each refuses other hosts.
    const newTab = async () => {
      const context = await browser.newContext();
      await context.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort('blockedbyclient')));
      return chunkTab(context);
    };
    const t0 = performance.now();
    const plans = jobs.map((job) => {
      const html = readFileSync(path.join(dist, job.route.replace(/^\//, '')), 'utf8');
      return planChunks(countParts(html), workers, opts.partsPerChunk);
    });
    // The summary tracker first (the longest to paginate), then the front (it waits for the rest), then the
    // rest in pack order.
    const tasks: Task[] = plans.flatMap((plan, job) => plan.map((range, index) => ({ job, index, range })));
    tasks.sort((a, b) => rank(a) - rank(b) || a.job - b.job || a.index - b.index);
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
      // One tab per worker, reused for chunk after chunk; a front chunk keeps its tab until its contents page
      // is printed, and the worker opens another.
      let tab: ChunkTab | null = null;
      for (let task = queue.shift(); task && !errors.length; task = queue.shift()) {
        try {
          const tp = performance.now();
          tab ??= await newTab();
          const current = tab;
          const layout = await paginate(current, `${server.url}${jobs[task.job].route}?parts=${task.range[0]}-${task.range[1]}`, timeoutMs).catch((err) => {
            tab = null;
            throw err;
          });
          if (process.env.PANEL_PACK_TIMING) process.stderr.write(`chunk ${task.range.join('-')}: ${layout.pages} pages paginated in ${Math.round(performance.now() - tp)} ms (from ${Math.round(tp - t0)} ms)\n`);
          layouts[task.job][task.index] = layout;
          if (task.index === 0 && plans[task.job].length > 1) {
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
    await browser.close();
    await server.close();
  }
}

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

async function paginate(tab: ChunkTab, url: string, timeoutMs: number): Promise<ChunkLayout> {
  const { page } = tab;
  tab.errors = [];
  await page.goto(url, { waitUntil: 'load' });
  try {
    await page.waitForFunction(() => document.documentElement.getAttribute('data-paged') === 'done', null, { timeout: timeoutMs, polling: 50 });
  } catch {
    await page.context().close();
    throw new Error(`Paged.js did not finish paginating ${new URL(url).pathname}${new URL(url).search}${tab.errors.length ? `: ${tab.errors.join('; ')}` : ''}`);
  }
  return (await page.evaluate(() => (window as unknown as { packLayout: unknown }).packLayout)) as ChunkLayout;
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
