/**
 * What `panel check` reports about a meeting (minutes published late, papers arriving late, an agenda agreed
 * late) is on that meeting's page, from the engine's findings in the site model: every meeting finding of
 * `panel check --format json` on the demo, on the page of the meeting whose file it is about, with its plain
 * words, its status, its child and its due date; and the summary's "Minutes published" says "Late" when
 * they were. Before, /meetings/2026-09-04/ said "Minutes published 11 Sep 2026" with no mark.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings.js';
import { shortDate } from '../../src/domain/dates.js';
import { headline, headlineBesideStatus } from '../../src/rules/index.js';
import { panel, REPO } from '../cli/run.js';
import { HAVE_CHROMIUM, servedSite } from './harness.js';

const run = HAVE_CHROMIUM || !!process.env.CI;
const AS_OF = '2026-11-30';

describe.runIf(run)('meeting pages show the engine\'s findings about their meeting', () => {
  const site = servedSite(REPO, AS_OF);
  let page: Page;
  const findings: Finding[] = (JSON.parse(panel(['check', '--as-of', AS_OF, '--format', 'json']).stdout).findings as Finding[]).filter((f) =>
    /^meetings\/\d{4}-\d{2}-\d{2}\.md$/.test(f.file),
  );
  // A finding about a meeting whose file does not exist yet (the next one's agenda) is on the agenda page.
  const onPages = findings.filter((f) => existsSync(path.join(REPO, f.file)));

  beforeAll(() => {
    page = site.page;
  });

  it('every meeting finding panel check reports is on its meeting\'s page', async () => {
    // The demo has late minutes (4 Sep 2026) and late papers (6 Nov 2026).
    expect(onPages.some((f) => f.rule === 'minutes-due' && f.status === 'late')).toBe(true);
    expect(onPages.some((f) => f.rule === 'papers-due')).toBe(true);
    for (const f of onPages) {
      const date = path.basename(f.file, '.md');
      await page.goto(`${site.url}/meetings/${date}/`);
      const row = page.locator(`[data-testid="meeting-findings"] tr[data-rule="${f.rule}"][data-status="${f.status}"]${f.child ? `[data-child="${f.child}"]` : ''}`);
      await expect(row.count(), `${f.file}: ${f.message}`).resolves.toBe(1);
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      // Beside its status tag ("Late"), the item's words, as every findings table writes them.
      expect(text).toContain(headlineBesideStatus(f.rule, f.status));
      if (f.due) expect(text).toContain(shortDate(f.due));
      if (f.child) expect(text).toContain(f.child);
    }
    // And no meeting page shows a finding panel check does not report.
    const dates = [...new Set(onPages.map((f) => path.basename(f.file, '.md')))];
    for (const date of dates) {
      await page.goto(`${site.url}/meetings/${date}/`);
      await expect(page.locator('[data-testid="meeting-findings"] tbody tr').count()).resolves.toBe(onPages.filter((f) => f.file === `meetings/${date}.md`).length);
    }
  });

  it('marks the minutes late in the meeting\'s summary, and the meetings list says so', async () => {
    const late = onPages.find((f) => f.rule === 'minutes-due' && f.status === 'late')!;
    const date = path.basename(late.file, '.md');
    await page.goto(`${site.url}/meetings/${date}/`);
    const value = page.locator('.govuk-summary-list__row', { hasText: 'Minutes published' }).locator('dd');
    await expect(value.innerText()).resolves.toMatch(/Late/);
    await page.goto(`${site.url}/meetings/`);
    const item = page.locator('li', { has: page.locator(`a[href*="${date}"]`) });
    await expect(item.innerText()).resolves.toContain(headline(late.rule, late.status));
  });
});
