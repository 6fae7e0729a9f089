/**
 * The meeting pack as PDF: the built print route, paginated by Paged.js in Debian's Chromium (driven by
 * playwright-core), printed once Paged.js reports it has finished (its `after` hook), never after a
 * fixed sleep or the first page. Nothing leaves the machine: every request to another host is refused.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
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
  /** Route of the print page inside the built site, e.g. `/pack/`. */
  route: string;
  out: string;
}

export interface PdfResult {
  out: string;
  pages: number;
  ms: number;
}

/** Renders each job from the built site in `dist`, in one browser. */
export async function renderPdfs(dist: string, jobs: PdfJob[], { timeoutMs = 300_000 } = {}): Promise<PdfResult[]> {
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError(`Chromium was not found at ${CHROMIUM_PATH}.`);
  const server = await serveFolder(dist);
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (err) {
    await server.close();
    throw new ChromiumMissingError(`Chromium at ${CHROMIUM_PATH} could not start: ${(err as Error).message.split('\n')[0]}`);
  }
  try {
    const context = await browser.newContext();
    await context.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort('blockedbyclient')));
    const results: PdfResult[] = [];
    for (const job of jobs) {
      const t0 = performance.now();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}${job.route}`, { waitUntil: 'load' });
      try {
        await page.waitForFunction(() => document.documentElement.getAttribute('data-paged') === 'done', null, { timeout: timeoutMs, polling: 100 });
      } catch {
        throw new Error(`Paged.js did not finish paginating ${job.route}${errors.length ? `: ${errors.join('; ')}` : ''}`);
      }
      const pages = Number(await page.evaluate(() => document.documentElement.getAttribute('data-pages')));
      await page.pdf({ path: job.out, format: 'A4', printBackground: true, preferCSSPageSize: true, outline: true, tagged: true });
      await page.close();
      results.push({ out: job.out, pages, ms: Math.round(performance.now() - t0) });
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}
