import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panel, REPO } from '../cli/run.js';
import { AXE_SOURCE, buildSite, HAVE_CHROMIUM, launch, serve } from './harness.js';

// In CI Chromium is installed by .ci/run and these must run; elsewhere they need `apt-get install chromium`.
const run = HAVE_CHROMIUM || !!process.env.CI;

describe.runIf(run)('tracker site in headless Chromium', () => {
  let dist: string;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let context: BrowserContext;
  const requests: string[] = [];

  beforeAll(async () => {
    dist = buildSite(REPO, '2026-12-04');
    server = await serve(dist);
    browser = await launch();
    context = await browser.newContext({ acceptDownloads: true });
    context.on('request', (r) => requests.push(r.url()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(p: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.url}${p}`);
    return page;
  }

  it('dashboard shows the counts, the next panel and the overdue children, worst first', async () => {
    const page = await open('/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Dashboard');
    const body = await page.locator('main').innerText();
    expect(body).toContain('Friday 4 December 2026');
    const firstOverdue = page.locator('[data-testid=overdue-table] tbody tr').first();
    await expect(firstOverdue.locator('strong.govuk-tag').textContent()).resolves.toBe('Red');
    expect(await page.locator('.app-marking').count()).toBe(2);
    await page.close();
  });

  it('follows a child link from the dashboard to the child page', async () => {
    const page = await open('/');
    const link = page.locator('[data-testid=overdue-table] tbody tr a').first();
    const name = (await link.textContent())!.trim();
    await link.click();
    await page.waitForLoadState();
    expect(page.url()).toMatch(/\/children\/C-\d+\/index\.html$/);
    await expect(page.locator('h1').innerText()).resolves.toContain(name);
    await expect(page.locator('main').innerText()).resolves.toContain('Timeline');
    await page.close();
  });

  it('filters the tracker to overdue only and shows exactly the children with an overdue item', async () => {
    const page = await open('/tracker/');
    const all = await page.locator('#tracker tbody tr').count();
    await page.check('#f-overdue');
    const shown = await page.locator('#tracker tbody tr:not([hidden])').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
    // The same set, computed from `panel check`'s own findings.
    const json = JSON.parse(panel(['check', '--as-of', '2026-12-04', '--format', 'json']).stdout);
    const secured = new Set(readdirSync(path.join(REPO, 'cases')).filter((f) => /secured: \d{4}/.test(readFileSync(path.join(REPO, 'cases', f), 'utf8'))).map((f) => f.replace('.md', '')));
    const expected = [...new Set(json.findings.filter((f: { status: string; child: string | null }) => f.status === 'overdue' && f.child && !secured.has(f.child)).map((f: { child: string }) => f.child))].sort();
    expect(shown.sort()).toEqual(expected);
    expect(shown.length).toBeLessThan(all);
    await expect(page.locator('#tracker-count').textContent()).resolves.toBe(`${shown.length} of ${all} children shown`);
    await page.close();
  });

  it('sorts by a column and exports the filtered view as CSV', async () => {
    const page = await open('/tracker/');
    await page.selectOption('#f-rag', 'red');
    await page.getByRole('button', { name: 'Age' }).click();
    await expect(page.locator('th[data-col="1"]').getAttribute('aria-sort')).resolves.toBe('ascending');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toMatch(/^Child,Age,Team,Social worker,Legal status,/);
    const visible = await page.locator('#tracker tbody tr:not([hidden])').count();
    expect(lines.length - 1).toBe(visible);
    expect(lines.slice(1).every((l) => l.endsWith(',Red'))).toBe(true);
    const ages = lines.slice(1).map((l) => Number(l.split(',')[1]));
    expect(ages).toEqual([...ages].sort((a, b) => a - b));
    await page.close();
  });

  it('has no serious or critical accessibility violations on each page type (axe, WCAG 2.2 AA)', async () => {
    const axeContext = await browser.newContext({ bypassCSP: true });
    const pages = ['/', '/tracker/', '/children/C-1023/', '/children/C-1004/', '/meetings/', '/meetings/2026-11-06/', '/agenda/', '/escalation/', '/rules/', '/invalid/', '/themes/'];
    const problems: string[] = [];
    for (const p of pages) {
      const page = await axeContext.newPage();
      await page.goto(`${server.url}${p}`);
      await page.addScriptTag({ content: AXE_SOURCE() });
      const result = await page.evaluate(() =>
        (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run({
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        }),
      );
      for (const v of result.violations) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${p}: ${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
      await page.close();
    }
    await axeContext.close();
    expect(problems).toEqual([]);
  });

  it('works with JavaScript off: the full table is there, the filters are hidden', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${server.url}/tracker/`);
    expect(await page.locator('#tracker tbody tr').count()).toBeGreaterThan(20);
    expect(await page.locator('#tracker-filters').isVisible()).toBe(false);
    await noJs.close();
  });

  it('opens from disk (file://) with styles and scripts working', async () => {
    const page = await context.newPage();
    await page.goto(`file://${dist}/tracker/index.html`);
    await expect(page.locator('.govuk-header').evaluate((e) => getComputedStyle(e).backgroundColor)).resolves.toBe('rgb(29, 112, 184)');
    await page.check('#f-overdue');
    await expect(page.locator('#tracker-count').textContent()).resolves.toMatch(/^\d+ of \d+ children shown$/);
    await page.click('a:text("Dashboard")');
    expect(page.url()).toBe(`file://${dist}/index.html`);
    await page.close();
  });

  it('makes no request to any host but localhost (and no request at all from disk)', () => {
    const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(requests.length).toBeGreaterThan(10);
    expect(foreign).toEqual([]);
  });

  it('writes the meetings calendar (.ics) that the meetings page links to, naming no child', async () => {
    const ics = readFileSync(path.join(dist, 'meetings/panel-meetings.ics'), 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTART;TZID=Europe/London:20261204T100000');
    expect(ics).toContain('DTSTAMP:20261204T000000Z');
    expect(ics.match(/^BEGIN:VEVENT/gm)!.length).toBeGreaterThanOrEqual(48); // 12 meetings, 4 events each
    expect(ics).not.toMatch(/C-\d{4}/);
    const page = await open('/meetings/');
    await expect(page.locator('a[href$="panel-meetings.ics"]').count()).resolves.toBe(1);
  });

  it('every page carries the protective marking top and bottom, noindex and the CSP', () => {
    const html: string[] = [];
    const pack: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.html')) (dir.includes(`${path.sep}pack`) ? pack : html).push(readFileSync(path.join(dir, e.name), 'utf8'));
      }
    };
    walk(dist);
    expect(html.length).toBeGreaterThan(40);
    // The print route is marked on every printed page by its page margins (the pack tests read the PDF).
    expect(pack.length).toBe(2);
    for (const page of pack) {
      expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(page).toContain("default-src 'none'");
      expect(page).toMatch(/class="pack-marking">OFFICIAL-SENSITIVE</);
      expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    for (const page of html) {
      expect(page.match(/class="app-marking"[^>]*>OFFICIAL-SENSITIVE</g)?.length).toBe(2);
      expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(page).toContain("default-src 'none'");
      expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });
});
