/**
 * The tracker sorts by every column as a person reads it: each header clicked once (ascending) and again
 * (descending), the column read back from the page and checked against the order of what the cells SAY
 * (dates as dates, "Concluded" after the dates to come, numbers as numbers), with every "–" together at the
 * bottom. Before, the 26-week date column sorted "Concluded" cells and "–" as equals, leaving them mixed.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';
import { HAVE_CHROMIUM, servedSite } from './harness.js';

const run = HAVE_CHROMIUM || !!process.env.CI;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "4 Jun 2026" as 20260604. */
function dateOf(text: string): number {
  const m = /(\d{1,2}) (\w{3}) (\d{4})/.exec(text);
  if (!m) throw new Error(`not a date: "${text}"`);
  return Number(m[3]) * 10000 + (MONTHS.indexOf(m[2]) + 1) * 100 + Number(m[1]);
}

type Cell = { text: string; order: string };
/** What a cell says, as a value to compare; null for "–" (nothing to sort by). */
type Reading = (cell: Cell) => (string | number)[] | null;
const words: Reading = ({ text }) => (text === '–' ? null : [text.split('\n')[0].trim().toLowerCase()]);
const number: Reading = ({ text }) => (text === '–' ? null : [Number(text)]);
const date: Reading = ({ text }) => (text === '–' ? null : [dateOf(text)]);
const READINGS: Record<string, Reading> = {
  Child: ({ text }) => [text.split('\n')[0].trim().toLowerCase()],
  RAG: ({ text }) => [['Red', 'Amber', 'Green'].indexOf(text.trim())],
  // The worst-first order: the page's own order of the rows.
  'Most serious item': ({ order }) => [order],
  Age: number,
  Team: words,
  'Social worker': words,
  'Legal status': words,
  'Care start': date,
  'PLO start': date,
  'Proceedings issued': date,
  // A date to come, then "Concluded <date>", each by date.
  '26-week date': ({ text }) => (text === '–' ? null : [text.startsWith('Concluded') ? 1 : 0, dateOf(text)]),
  'Reviews held': number,
  'Next review due': date,
  Plan: words,
  Contingency: words,
  'Plan agreed': date,
  'Last panel': date,
  'Next panel due': date,
  'Open actions': number,
};

function compare(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return typeof a[i] === 'number' ? (a[i] as number) - (b[i] as number) : String(a[i]).localeCompare(String(b[i]), 'en', { numeric: true, sensitivity: 'base' });
  }
  return 0;
}

describe.runIf(run)('tracker: every column sorts by what its cells say', () => {
  const site = servedSite(REPO, '2026-11-30');
  let page: Page;

  beforeAll(async () => {
    page = site.page;
    await page.goto(`${site.url}/tracker/`);
  });

  it('reads every column heading', async () => {
    const headings = await page.locator('#tracker thead .app-sort-button').allTextContents();
    expect(headings).toEqual(Object.keys(READINGS));
  });

  for (const [heading, read] of Object.entries(READINGS)) {
    it(`sorts by "${heading}" both ways, with "–" together at the bottom`, async () => {
      const index = Object.keys(READINGS).indexOf(heading);
      const column = () =>
        page.locator('#tracker tbody tr').evaluateAll(
          (rows, i) => rows.map((r) => ({ text: (r as HTMLTableRowElement).cells[i].innerText.trim(), order: (r as HTMLElement).dataset.order! })),
          index,
        );
      for (const dir of ['ascending', 'descending'] as const) {
        await page.locator('#tracker thead th').nth(index).locator('button').click();
        await expect(page.locator('#tracker thead th').nth(index).getAttribute('aria-sort')).resolves.toBe(dir);
        const cells = await column();
        const values = cells.map(read);
        const firstEmpty = values.findIndex((v) => v === null);
        // Every "–" after every value.
        if (firstEmpty >= 0) expect(values.slice(firstEmpty).every((v) => v === null), `${heading} ${dir}: "–" together at the bottom`).toBe(true);
        const filled = values.filter((v): v is (string | number)[] => v !== null);
        const sorted = [...filled].sort((a, b) => compare(a, b) * (dir === 'ascending' ? 1 : -1));
        expect(filled.map((v) => v.join(' ')), `${heading} ${dir}: ${cells.map((c) => c.text.replace(/\s+/g, ' ')).join(' | ')}`).toEqual(sorted.map((v) => v.join(' ')));
        // At least two different values: the column is really put in order, not left as it was.
        expect(new Set(filled.map((v) => v.join(' '))).size).toBeGreaterThan(1);
      }
    });
  }
});
