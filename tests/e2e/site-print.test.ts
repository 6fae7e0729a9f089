/**
 * The site's pages printed from the browser (Ctrl+P in Chromium, page.pdf here; not the Paged.js pack): the
 * protective marking at the top and the foot of EVERY printed page, and the tracker's column headings on
 * every page of its A4 landscape print. Read back page by page with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDataRoot } from '../../src/data/data-root.js';
import { REPO } from '../cli/run.js';
import { HAVE_CHROMIUM, servedSite } from './harness.js';
import { pagesOf, pdftotext } from './pdf-read.js';

const run = HAVE_CHROMIUM || !!process.env.CI;
const AS_OF = '2026-11-30';
const marking = readDataRoot(REPO).policy.marking;
// The tracker's column headings, in order, as the page draws them.
const HEADER_ROW = 'Child RAG Most serious item Age Team Social worker Legal status Care start PLO start Proceedings issued 26-week date Reviews held Next review due Plan Contingency Plan agreed Last panel Next panel due Open actions';
const count = (text: string, word: string) => text.split(word).length - 1;

describe.runIf(run)('site pages printed from the browser', () => {
  const site = servedSite(REPO, AS_OF);
  const work = mkdtempSync(path.join(tmpdir(), 'panel-site-print-'));

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** The page printed as Chromium's print dialog does (its own page size from @page), one text per page. */
  async function printed(route: string, name: string): Promise<{ layout: string; raw: string }[]> {
    const page = await site.browser.newPage();
    await page.goto(site.url + route);
    const file = path.join(work, `${name}.pdf`);
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true, format: 'A4' }));
    await page.close();
    // The pictures of the pages, for a person to look at when this fails (PANEL_KEEP_PRINTS=folder).
    if (process.env.PANEL_KEEP_PRINTS) execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(process.env.PANEL_KEEP_PRINTS, name)]);
    // -layout: where things are on the page (the marking first and last); -raw: the text in the order the
    // page draws it, so a heading that wraps in its column reads whole.
    const raw = pagesOf(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
    return pagesOf(pdftotext(file)).map((layout, i) => ({ layout, raw: raw[i] }));
  }

  it('prints the tracker with the marking top and bottom and the column headings on every page', async () => {
    const pages = await printed('/tracker/', 'tracker');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach(({ layout: text, raw }, i) => {
      expect(count(text, marking), `page ${i + 1} of ${pages.length}`).toBeGreaterThanOrEqual(2);
      const lines = text.split('\n').filter((l) => l.trim());
      expect(lines[0], `page ${i + 1}: marking first`).toContain(marking);
      expect(lines.at(-1), `page ${i + 1}: marking last`).toContain(marking);
      expect(raw.replace(/\s+/g, ' '), `page ${i + 1}: the header row`).toContain(HEADER_ROW);
    });
  });

  it('prints a long child page with the marking top and bottom of every page', async () => {
    const pages = await printed('/children/C-1023/', 'child');
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach(({ layout: text }, i) => {
      const lines = text.split('\n').filter((l) => l.trim());
      expect(count(text, marking), `page ${i + 1} of ${pages.length}`).toBeGreaterThanOrEqual(2);
      expect(lines[0], `page ${i + 1}: marking first`).toContain(marking);
      expect(lines.at(-1), `page ${i + 1}: marking last`).toContain(marking);
    });
    // The page's own banners print too (for a browser without @page margin boxes, such as Firefox): the first
    // page carries the marking in its margin and in the top banner, the last in the foot banner and its margin.
    expect(count(pages[0].layout, marking), 'first page: margin and banner').toBeGreaterThanOrEqual(3);
    expect(count(pages.at(-1)!.layout, marking), 'last page: banner and margin').toBeGreaterThanOrEqual(3);
  });
});
