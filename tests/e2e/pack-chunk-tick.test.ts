/**
 * In the renderer's chunks (`?parts=`), pack-config.js speeds Paged.js up: it lays out the next page in the
 * next task instead of waiting for an animation frame (a chunk went no faster than 60 pages a second),
 * measures a child's section for overflow after a page of text, and sets the running header's strings in
 * the page's margins only. None of it may change the pages: each chunk of the demo's pack and of a generated
 * pack of 12 children (a summary tracker of two tables), paginated with them and without (`&paged=plain`),
 * gives the same pages, element for element and style for style, and the same layout (where each part and
 * heading landed: the contents page, the bookmarks, the links).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePackPages } from '../../src/data/pack-build.js';
import { CHROMIUM_PATH, packChromiumArgs, partSizes, planChunks } from '../../src/data/pack-pdf.js';
import { serveFolder } from '../../src/data/static-server.js';
import { writeSyntheticRoot } from '../../scripts/synthetic.js';
import { REPO } from '../cli/run.js';
import { HAVE_CHROMIUM } from './harness.js';

const run = HAVE_CHROMIUM || !!process.env.CI;

/**
 * The paginated pages, with the random ids Paged.js gives elements (data-ref, data-split-to and -from)
 * numbered in order of appearance and the strings left out of style attributes (set on the page or on its
 * margins), what each margin box shows, and the layout.
 */
const PAGINATED = `(() => {
  const ids = new Map();
  const strings = [...document.querySelectorAll('.pagedjs_margin-content')].map((el) => getComputedStyle(el, '::after').content);
  const pages = document.querySelector('.pagedjs_pages').cloneNode(true);
  for (const el of pages.querySelectorAll('[style]')) {
    el.style.cssText = el.style.cssText.replace(/--pagedjs-string-first-[a-z]+: [^;]*;\\s*/g, '');
    if (!el.style.cssText) el.removeAttribute('style');
  }
  const html = pages.outerHTML.replace(/"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12})"/g, (_, id) => {
    if (!ids.has(id)) ids.set(id, ids.size);
    return '"#' + ids.get(id) + '"';
  });
  return { html, strings, layout: window.packLayout };
})()`;

describe.runIf(run)('chunks paginated without waiting for frames', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'panel-pack-tick-'));
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveFolder>>;
  beforeAll(async () => {
    await writePackPages({ root: REPO, asOf: '2026-11-22', dist: path.join(work, 'demo'), variants: ['full'] });
    const root = writeSyntheticRoot(path.join(work, 'root12'), 12);
    await writePackPages({ root, asOf: '2027-06-01', dist: path.join(work, 'synthetic'), variants: ['full'] });
    server = await serveFolder(work);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: packChromiumArgs() });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function paginate(url: string): Promise<{ html: string; strings: string[]; layout: { pages: number } }> {
    // As the renderer opens its tabs: a context (window) of its own, a small window.
    const context = await browser.newContext({ viewport: { width: 200, height: 200 } });
    try {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => document.documentElement.getAttribute('data-paged') === 'done', null, { timeout: 120_000 });
      return await page.evaluate(PAGINATED);
    } finally {
      await context.close();
    }
  }

  for (const pack of ['demo', 'synthetic']) {
    it(`${pack}: every chunk gives the same pages, running headers and layout as Paged.js alone`, async () => {
      const html = readFileSync(path.join(work, pack, 'pack/index.html'), 'utf8');
      const chunks = planChunks(partSizes(html), 2);
      expect(chunks.length).toBeGreaterThan(1);
      for (const [first, last] of chunks) {
        const url = `${server.url}/${pack}/pack/index.html?parts=${first}-${last}`;
        const [fast, plain] = [await paginate(url), await paginate(`${url}&paged=plain`)];
        expect(fast.layout.pages, `${pack} ${first}-${last}`).toBeGreaterThan(1);
        expect(fast.layout, `${pack} ${first}-${last}`).toEqual(plain.layout);
        expect(fast.strings.filter((c) => c !== 'none').length).toBeGreaterThan(fast.layout.pages);
        expect(fast.strings, `${pack} ${first}-${last}: the running headers`).toEqual(plain.strings);
        expect(fast.html === plain.html, `${pack} ${first}-${last}: the same pages`).toBe(true);
      }
    }, 240_000);
  }
});
