/**
 * The pack's summary tracker marks a 26-week date or a next review that has passed (at the date the clocks
 * are read) in bold red, says above the table what that means, and marks no date that has not passed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePackPages } from '../../src/data/pack-build.js';
import { REPO } from '../cli/run.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "6 Nov 2026" as an ISO date. */
const iso = (day: string) => {
  const [d, m, y] = day.split(' ');
  return `${y}-${String(MONTHS.indexOf(m) + 1).padStart(2, '0')}-${d.padStart(2, '0')}`;
};

describe('pack summary tracker: dates that have passed', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'panel-pack-summary-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('marks every passed 26-week date and next review, and only those, and explains the mark', async () => {
    const asOf = '2026-11-30';
    await writePackPages({ root: REPO, asOf, dist, variants: ['full'] });
    const html = readFileSync(path.join(dist, 'pack', 'index.html'), 'utf8');
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('</section>', html.indexOf('id="summary"')));
    expect(summary).toContain('26-week dates and next reviews in <strong class="overdue">bold red</strong> had passed on 30 Nov 2026, when the clocks were read: they are overdue.');
    const rows = [...summary.matchAll(/<tr> <td>\d+<\/td>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
    expect(rows.length).toBeGreaterThan(10);
    let marked = 0;
    for (const cells of rows) {
      // Columns after the item number: child, age, legal status, care start, PLO start, 26-week date, next review, ...
      for (const cell of [cells[5], cells[6]]) {
        const date = /(\d{1,2} [A-Z][a-z]{2} \d{4})/.exec(cell)?.[1];
        if (!date) continue;
        const passed = iso(date) < asOf;
        expect(cell, cell).toBe(passed ? `<strong class="overdue">${date}</strong>` : date);
        if (passed) marked++;
      }
    }
    expect(marked).toBeGreaterThan(0);
  });
});
