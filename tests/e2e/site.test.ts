import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
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
    await page.getByRole('button', { name: 'Age', exact: true }).click();
    await expect(page.locator('th[data-col="3"]').getAttribute('aria-sort')).resolves.toBe('ascending');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toMatch(/^Child,RAG,Most serious item,Age,Team,Social worker,Legal status,/);
    const visible = await page.locator('#tracker tbody tr:not([hidden])').count();
    expect(lines.length - 1).toBe(visible);
    const cells = (l: string) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1);
    expect(lines.slice(1).every((l) => cells(l)[1] === 'Red')).toBe(true);
    const ages = lines.slice(1).map((l) => Number(cells(l)[3]));
    expect(ages).toEqual([...ages].sort((a, b) => a - b));
    await page.close();
  });

  it('tracker: RAG and the most serious item first, red first; at 1024 px the name stays in view sideways, no column lost, dates on one line', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(`${server.url}/tracker/`);
    const heads = await page.locator('#tracker thead th').allInnerTexts();
    expect(heads.slice(0, 3).map((h) => h.trim())).toEqual(['Child', 'RAG', 'Most serious item']);
    const rags = await page.locator('#tracker tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.rag));
    const rank = { red: 0, amber: 1, green: 2 } as Record<string, number>;
    expect(rags.map((r) => rank[r!])).toEqual([...rags.map((r) => rank[r!])].sort((a, b) => a - b));
    expect(rags[0]).toBe('red');
    // No sideways scroll of the page itself: the table scrolls in its own box, every column reachable.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    const hidden = await page.locator('#tracker th, #tracker td').evaluateAll((cells) => cells.filter((c) => getComputedStyle(c).display === 'none').length);
    expect(hidden).toBe(0);
    const wrap = page.locator('.app-tracker-wrap');
    const firstCell = page.locator('#tracker tbody tr').first().locator('th');
    const before = (await firstCell.boundingBox())!;
    await wrap.evaluate((w) => (w.scrollLeft = w.scrollWidth));
    const after = (await firstCell.boundingBox())!;
    expect(Math.round(after.x)).toBe(Math.round(before.x));
    const last = (await page.locator('#tracker thead th').last().boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(1024);
    // Dates never wrap: each date cell is one line box.
    const wrapped = await page.locator('#tracker td.app-nowrap').evaluateAll((tds) =>
      tds.filter((td) => /\d{4}$/.test(td.textContent!.trim()) && !td.querySelector('br')).filter((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      }).length,
    );
    expect(wrapped).toBe(0);
    await page.close();
  });

  it('reflows at 390 px (WCAG 1.4.10): no page scrolls sideways; a wide table scrolls in its own box, which the keyboard can reach', async () => {
    const narrow = await browser.newContext({ viewport: { width: 390, height: 844 } });
    for (const p of ['/', '/tracker/', '/children/C-1023/', '/children/C-1003/', '/children/C-1004/', '/themes/', '/escalation/', '/rules/', '/changes/', '/invalid/', '/agenda/']) {
      const page = await narrow.newPage();
      await page.goto(`${server.url}${p}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), p).toBeLessThanOrEqual(390);
      // Every table wider than the screen sits in a scrolling box that takes focus (or holds a link).
      const stuck = await page.locator('main table').evaluateAll((tables) =>
        tables.filter((t) => {
          const wrap = t.closest('.app-table-wrap') as HTMLElement | null;
          if (!wrap) return t.getBoundingClientRect().right > 390;
          return wrap.scrollWidth > wrap.clientWidth && wrap.tabIndex < 0 && !wrap.querySelector('a[href]');
        }).length,
      );
      expect(stuck, p).toBe(0);
      await page.close();
    }
    await narrow.close();
  });

  it('a child\'s id stays on one line (never "C-" then "1023") on the dashboard and escalation, at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      const sized = await browser.newContext({ viewport: { width, height: 900 } });
      for (const [p, table] of [['/', 'overdue-table'], ['/escalation/', 'escalation-table']]) {
        const page = await sized.newPage();
        await page.goto(`${server.url}${p}`);
        const ids = page.locator(`[data-testid=${table}] tbody [data-testid=child-id]`);
        expect(await ids.count(), p).toBeGreaterThan(2);
        const split = await ids.evaluateAll((spans) => spans.filter((s) => new Set([...s.getClientRects()].map((r) => Math.round(r.top))).size > 1).map((s) => s.textContent));
        expect(split, `${p} at ${width} px`).toEqual([]);
        await page.close();
      }
      await sized.close();
    }
  });

  it('the footer on every page counts the children as the dashboard and the tracker do', async () => {
    const dash = await open('/');
    const lead = (await dash.locator('main p.govuk-body-l').first().innerText()).match(/(\d+) children tracked until permanence is secured; (\d+) with permanence secured/)!;
    expect(lead).not.toBeNull();
    await dash.close();
    const tracker = await open('/tracker/');
    expect(await tracker.locator('#tracker tbody tr').count()).toBe(Number(lead[1]));
    await tracker.close();
    const expected = `${lead[1]} children tracked until permanence is secured; ${lead[2]} with permanence secured.`;
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === 'index.html' ? [path.join(dir, e.name)] : []));
    const pages = walk(dist).filter((f) => !f.includes(`${path.sep}pack`));
    expect(pages.length).toBeGreaterThan(40);
    for (const f of pages) expect(readFileSync(f, 'utf8'), path.relative(dist, f)).toContain(`<span data-testid="footer-counts">${expected}</span>`);
  });

  it('tracker at 1280 px: a visible hint above the table says it scrolls sideways and how many columns it has', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/tracker/`);
    const columns = await page.locator('#tracker thead th').count();
    const wrap = page.locator('.app-tracker-wrap');
    // The hint is needed: at 1280 px the table is wider than its box.
    expect(await wrap.evaluate((w) => w.scrollWidth > w.clientWidth)).toBe(true);
    const hint = page.locator('#tracker-scroll-hint');
    expect(await hint.isVisible()).toBe(true);
    await expect(hint.innerText()).resolves.toContain(`The table has ${columns} columns: scroll it sideways to see them all`);
    expect((await hint.boundingBox())!.y).toBeLessThan((await wrap.boundingBox())!.y);
    await expect(wrap.getAttribute('aria-describedby')).resolves.toBe('tracker-scroll-hint');
    await page.close();
  });

  it('tracker filters live in the address: shared, kept on reload; no match says so and clears', async () => {
    const page = await open('/tracker/');
    const all = await page.locator('#tracker tbody tr').count();
    await page.selectOption('#f-rag', 'amber');
    await page.check('#f-overdue');
    expect(new URL(page.url()).searchParams.get('rag')).toBe('amber');
    expect(new URL(page.url()).searchParams.get('overdue')).toBe('yes');
    const shown = await page.locator('#tracker tbody tr:not([hidden])').count();
    expect(shown).toBeGreaterThan(0);
    await page.reload();
    await expect(page.locator('#f-rag').inputValue()).resolves.toBe('amber');
    expect(await page.locator('#f-overdue').isChecked()).toBe(true);
    expect(await page.locator('#tracker tbody tr:not([hidden])').count()).toBe(shown);
    const shared = await open(`/tracker/?${new URL(page.url()).searchParams}`);
    await expect(shared.locator('#tracker-count').textContent()).resolves.toBe(`${shown} of ${all} children shown`);
    await shared.close();
    await page.selectOption('#f-rag', 'green');
    await expect(page.locator('#tracker-count').textContent()).resolves.toBe(`0 of ${all} children shown`);
    expect(await page.locator('#tracker-none').isVisible()).toBe(true);
    await expect(page.locator('#tracker-none').innerText()).resolves.toContain('No children match these filters');
    await page.click('#tracker-none-clear');
    expect(await page.locator('#tracker tbody tr:not([hidden])').count()).toBe(all);
    expect(await page.locator('#tracker-none').isVisible()).toBe(false);
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });

  it('tracker prints on A4 landscape with every column', async () => {
    const page = await open('/tracker/');
    const ids = await page.locator('#tracker tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.id!));
    const pdf = path.join(dist, 'tracker-print-test.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await page.close();
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    // In the order the page draws it: every column's header, in order, and every child's row.
    const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Child RAG Most serious item Age Team Social worker Legal status Care start PLO start Proceedings issued 26-week date Reviews held Next review due Plan Contingency Plan agreed Last panel Next panel due Open actions');
    for (const id of ids) expect(text, id).toContain(id);
    expect(text).not.toContain('scroll it sideways');
    rmSync(pdf);
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
  }, 180_000);

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

  it('has Agenda and Escalation in the navigation; the agenda says proposed and where the packs are', async () => {
    const page = await open('/');
    const nav = await page.locator('.govuk-service-navigation__list a').allInnerTexts();
    expect(nav.map((t) => t.trim())).toEqual(expect.arrayContaining(['Dashboard', 'Tracker', 'Agenda', 'Meetings', 'Escalation', 'Rules']));
    await expect(page.locator('[data-testid=agenda-standing]').textContent()).resolves.toBe('proposed');
    await page.click('.govuk-service-navigation__list a:text("Agenda")');
    await page.waitForLoadState();
    const status = await page.locator('[data-testid=agenda-status]').innerText();
    expect(status).toContain('This agenda is proposed');
    expect(status).not.toMatch(/\bagreed\b(?! it)/);
    expect(status).toContain('Days overdue are counted to the meeting, 4 Dec 2026');
    // This build renders no PDF (PANEL_NO_PACK): the page says so instead of a broken link.
    await expect(page.locator('[data-testid=pack-links]').innerText()).resolves.toContain('The PDF packs were not built with this copy of the site');
    await page.close();
  });

  it('escalation lists exactly panel escalation\'s children with the error-level clock\'s days, and the dashboard shows the same days', async () => {
    const cli = JSON.parse(panel(['escalation', '--as-of', '2026-12-04', '--format', 'json']).stdout).escalations as { id: string; daysOverdue: number }[];
    const page = await open('/escalation/');
    const rows = await page.locator('[data-testid=escalation-table] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ id: (tr as HTMLElement).dataset.id, days: tr.querySelector('[data-testid=days]')!.textContent!.trim(), why: (tr as HTMLElement).innerText })),
    );
    expect(rows.map((r) => r.id)).toEqual(cli.map((e) => e.id));
    expect(rows.map((r) => r.days)).toEqual(cli.map((e) => (e.daysOverdue ? String(e.daysOverdue) : '–')));
    expect(rows[0].why).toContain('Pre-proceedings open too long: 52 days overdue (due 13 Oct 2026)');
    const dash = await open('/');
    const dashDays = Object.fromEntries(
      await dash.locator('[data-testid=overdue-table] tbody tr').evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.id, tr.querySelector('[data-testid=days]')!.textContent!.trim()])),
    );
    for (const e of cli.filter((x) => x.daysOverdue)) expect(dashDays[e.id], e.id).toBe(String(e.daysOverdue));
    await page.close();
    await dash.close();
  });

  it('speaks plain words and people\'s dates on the dashboard, agenda, escalation and themes (no rule ids, no ISO dates)', async () => {
    const ids = /\b(first-review|second-review|review-interval|plan-by-second-review|proceedings-26-weeks|plo-duration|first-panel|panel-cadence|action-overdue|life-story|data-consistency)\b/;
    for (const [p, sel] of [['/', '[data-testid=overdue-table]'], ['/agenda/', '[data-testid=agenda-table]'], ['/escalation/', '[data-testid=escalation-table]']] as const) {
      const page = await open(p);
      const text = await page.locator(sel).innerText();
      expect(text, p).not.toMatch(ids);
      expect(text, p).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      await page.close();
    }
    const dash = await open('/');
    await expect(dash.locator('[data-testid=overdue-table] tbody tr[data-id=C-1034]').innerText()).resolves.toContain('Pre-proceedings open too long: due 13 Oct 2026');
    // A child whose permanence is secured (overdue life story work, say) is named as such: the red, amber and
    // green counts above the table are of the children still tracked.
    const securedIds = new Set(readdirSync(path.join(REPO, 'cases')).filter((f) => /secured: \d{4}/.test(readFileSync(path.join(REPO, 'cases', f), 'utf8'))).map((f) => f.replace('.md', '')));
    const marked = await dash.locator('[data-testid=overdue-table] tbody tr').evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.id!, !!tr.querySelector('[data-testid=secured]')] as const));
    expect(marked.some(([, m]) => m)).toBe(true);
    for (const [id, m] of marked) expect(m, id).toBe(securedIds.has(id));
    // What is behind for the next meeting itself is said under it, as on its agenda page.
    await expect(dash.locator('[data-testid=next-meeting-behind]').innerText()).resolves.toMatch(/For this meeting: Agenda not agreed in time \(due 27 Nov 2026, \d+ days? overdue\)\. See the agenda\.$/);
    await dash.close();
    const themes = await open('/themes/');
    const labels = await themes.locator('.app-chart svg text').allTextContents();
    expect(labels.join(' ')).toMatch(/Nov\s*2026/);
    expect(labels.join(' ')).not.toMatch(/\b[A-Z][a-z]{2} \d{2}\b(?!\d)/);
    await themes.close();
  });

  it('a child\'s findings and the themes\' overdue kinds read as headlines and dates, no rule id or level; the file and line say where to fix', async () => {
    const ids = /\b(first-review|second-review|review-interval|plan-by-second-review|proceedings-26-weeks|plo-duration|first-panel|panel-cadence|action-overdue|life-story|data-consistency)\b/;
    const child = await open('/children/C-1003/');
    const findings = child.locator('[data-testid=findings-table]').first();
    const heads = (await findings.locator('thead th').allInnerTexts()).map((h) => h.trim());
    expect(heads).toEqual(['Status', 'Item', 'Due', 'What']);
    const text = await findings.innerText();
    // The status tag says "Due soon"; the item beside it does not say it again.
    expect(text).toContain('End of care proceedings (26 weeks)');
    expect(text).not.toMatch(/due soon[^\n]*due soon/i);
    expect(text).toContain('14 Dec 2026');
    expect(text).toContain('Fix in cases/C-1003.md, line 22');
    expect(text).not.toMatch(ids);
    expect(text).not.toMatch(/\b(warning|error|notice)\b|\brule\b|\(cases\//);
    await child.close();
    const themes = await open('/themes/');
    const table = themes.locator('[data-testid=overdue-by-kind]');
    await expect(table.locator('thead th').first().innerText()).resolves.toBe('Overdue item');
    const kinds = await table.locator('tbody th').allInnerTexts();
    expect(kinds.length).toBeGreaterThan(1);
    expect(kinds.join('\n')).not.toMatch(ids);
    expect(kinds.join('\n')).not.toMatch(/\brule\b/i);
    await themes.close();
    const escalation = await open('/escalation/');
    await expect(escalation.locator('main').innerText()).resolves.not.toMatch(/error-level|\bclock\b/);
    await escalation.close();
  });

  it('the Rules page writes every clock from the policy in force, with agenda-agreed and minutes-due; no raw backticks anywhere', async () => {
    const rules = JSON.parse(panel(['rules', '--root', REPO, '--format', 'json']).stdout) as { id: string; clock: string }[];
    const page = await open('/rules/');
    for (const r of rules) {
      const row = page.locator(`[data-testid=rules-table] tr[data-rule="${r.id}"] td:nth-child(2)`);
      await expect(row.innerText(), r.id).resolves.toBe(r.clock.replace(/`/g, ''));
    }
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['agenda-agreed', 'minutes-due']));
    await page.close();
    const withBackticks: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.html')) {
          const text = readFileSync(path.join(dir, e.name), 'utf8').replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
          if (text.includes('`')) withBackticks.push(path.relative(dist, path.join(dir, e.name)));
        }
      }
    };
    walk(dist);
    expect(withBackticks).toEqual([]);
  });

  it('child page: "Plan confirmed" shows a recorded date, and is left out where the policy has no plan-confirmed clock', () => {
    const page = (id: string) => readFileSync(path.join(dist, 'children', id, 'index.html'), 'utf8');
    // The demo's panel.yaml does not use the plan-confirmed clock; C-1026's plan was confirmed on 9 Oct 2026.
    expect(page('C-1026')).toMatch(/Plan confirmed<\/dt>\s*<dd[^>]*>\s*9 Oct 2026/);
    expect(page('C-1023')).not.toContain('Plan confirmed');
    expect(page('C-1023')).not.toContain('Not yet confirmed');
  });

  it('the child page timeline is in the GOV.UK font; minutes keep their headings, lines and lists as written', async () => {
    const page = await open('/children/C-1023/');
    const font = await page.locator('.app-timeline li').first().evaluate((e) => getComputedStyle(e).fontFamily);
    const body = await page.locator('main p.govuk-body').first().evaluate((e) => getComputedStyle(e).fontFamily);
    expect(font).toBe(body);
    expect(font).not.toMatch(/^(serif|"?Times)/);
    await page.close();
    const minutes = await open('/meetings/2026-11-06/');
    const html = await minutes.locator('.app-body-text').innerHTML();
    expect(html).toContain('<p>Escalations to the Head of Service:</p>');
    expect(html).toMatch(/C-1029 was deferred to December\.<br>\s*Themes:/);
    await minutes.close();
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
      expect(page).toMatch(/data-string="marking">OFFICIAL-SENSITIVE</);
      expect(page).toMatch(/class="cover-marking">OFFICIAL-SENSITIVE</);
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
